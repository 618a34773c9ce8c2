import { join } from 'node:path';
import type { EmulatorContext, EmulatorModule } from '../types';
import { DiskBlobStore, MemoryBlobStore } from './blob-store';
import { handleClientUpload } from './client-upload';
import { batchDeleteFile, batchGetDownloadUrl, getUploadMetadata, type StorageState } from './storage-actions';
import { handleFileIdDownload, handleTempDownload, handleUpload } from './storage-http';
import { TempUrlSigner } from './temp-url';

/**
 * Cloud storage stand-in: files in `<dataDir>/storage` (or memory), reached the way the SDK
 * reaches COS — JSON actions on /admin for metadata, a PUT for the bytes, signed GET URLs — and
 * the H5 client's uploads on /gateway/upload (client-upload.ts).
 */
export function createStorageModule(ctx: EmulatorContext): EmulatorModule {
  const s: StorageState = {
    ctx,
    blobs: ctx.dataDir ? new DiskBlobStore(join(ctx.dataDir, 'storage')) : new MemoryBlobStore(),
    signer: new TempUrlSigner(ctx.envId),
    uploads: new Map(),
  };
  return {
    name: 'storage',
    actions: {
      'storage.getUploadMetadata': (body) => getUploadMetadata(body, s),
      'storage.batchGetDownloadUrl': (body) => batchGetDownloadUrl(body, s),
      'storage.batchDeleteFile': (body) => batchDeleteFile(body, s),
    },
    async http(req, res, url) {
      const path = url.pathname;
      if (path === '/gateway/upload') {
        await handleClientUpload(req, res, url, s);
        return true;
      }
      if (!path.startsWith('/storage/')) return false;
      const method = req.method ?? 'GET';
      if (method === 'PUT' && path.startsWith('/storage/upload/')) {
        await handleUpload(req, res, path.slice('/storage/upload/'.length), s);
        return true;
      }
      if (method !== 'GET' && method !== 'HEAD') return false;
      if (path.startsWith('/storage/files/')) {
        handleTempDownload(req, res, url, path.slice('/storage/files/'.length), s);
        return true;
      }
      if (path === '/storage/file') {
        handleFileIdDownload(req, res, url, s);
        return true;
      }
      return false;
    },
  };
}
