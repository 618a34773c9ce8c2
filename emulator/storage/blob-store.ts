import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

/** Where stored files live: a folder, or memory for tests. Paths are validated cloud paths. */
export interface BlobStore {
  put(path: string, data: Buffer): void;
  get(path: string): Buffer | null;
  has(path: string): boolean;
  delete(path: string): boolean;
}

export class MemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Buffer>();
  put(path: string, data: Buffer): void {
    this.blobs.set(path, data);
  }
  get(path: string): Buffer | null {
    return this.blobs.get(path) ?? null;
  }
  has(path: string): boolean {
    return this.blobs.has(path);
  }
  delete(path: string): boolean {
    return this.blobs.delete(path);
  }
}

export class DiskBlobStore implements BlobStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
    mkdirSync(this.root, { recursive: true });
  }

  put(path: string, data: Buffer): void {
    const file = this.fileFor(path);
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.uploading`;
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  }

  get(path: string): Buffer | null {
    try {
      return readFileSync(this.fileFor(path));
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  has(path: string): boolean {
    try {
      return statSync(this.fileFor(path)).isFile();
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  delete(path: string): boolean {
    try {
      unlinkSync(this.fileFor(path));
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  /** Belt and braces: paths are validated on upload, but never touch anything outside the root. */
  private fileFor(path: string): string {
    const file = resolve(join(this.root, path));
    if (!file.startsWith(this.root + sep)) throw new Error(`path ${path} escapes the storage folder`);
    return file;
  }
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
