/**
 * File ids look like WeChat's: `cloud://<env>.<bucket>/<path>`, where the real bucket is
 * `<hex of the env id's first two characters>-<env>-<account number>`. The emulator uses a fixed
 * account number so ids are stable across runs.
 */
export function bucketFor(envId: string): string {
  return `${Buffer.from(envId.slice(0, 2)).toString('hex')}-${envId}-1300000000`;
}

export function toFileId(envId: string, cloudPath: string): string {
  return `cloud://${envId}.${bucketFor(envId)}/${cloudPath}`;
}

export interface ParsedFileId {
  envId: string;
  bucket: string;
  path: string;
}

export function parseFileId(fileId: string): ParsedFileId | null {
  const m = /^cloud:\/\/([^./]+)\.([^/]+)\/(.+)$/.exec(fileId);
  return m ? { envId: m[1], bucket: m[2], path: m[3] } : null;
}

/**
 * WeChat's naming rules for cloud paths, plus `? # %` which the emulator refuses because its
 * temporary URLs carry the path unencoded (as WeChat's do) and those characters would break them.
 */
export function cloudPathProblem(cloudPath: unknown): string | null {
  if (typeof cloudPath !== 'string' || cloudPath === '') return 'cloudPath must be a non-empty string';
  if (Buffer.byteLength(cloudPath) > 850) return 'cloudPath is longer than 850 bytes';
  if (cloudPath.startsWith('/')) return 'cloudPath must not start with /';
  if (cloudPath.endsWith('/')) return 'cloudPath must name a file, not end with /';
  if (cloudPath.includes('//')) return 'cloudPath must not contain //';
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (/[\x00-\x1f\x7f\\?#%]/.test(cloudPath)) return 'cloudPath must not contain control characters, \\, ?, # or %';
  if (cloudPath.split('/').some((s) => s === '.' || s === '..')) return 'cloudPath must not contain . or .. segments';
  return null;
}
