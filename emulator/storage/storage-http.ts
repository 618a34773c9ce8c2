import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, readBody } from '../openapi/http-json';
import { contentTypeFor } from './content-type';
import { sendCosError } from './cos-errors';
import { bucketFor, parseFileId } from './file-id';
import type { StorageState } from './storage-actions';

/** Larger uploads are refused: a local emulator has no business holding them in memory. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** PUT /storage/upload/<token>: step 2 of uploadFile, the bytes (the SDK streams them chunked). */
export async function handleUpload(req: IncomingMessage, res: ServerResponse, token: string, s: StorageState): Promise<void> {
  const pending = s.uploads.get(token);
  if (!pending || pending.expiresAt < Date.now()) {
    s.uploads.delete(token);
    req.resume();
    return sendCosError(res, 403, 'AccessDenied', 'upload URL is unknown or expired; call getUploadMetadata again', req.url ?? '');
  }
  let data: Buffer;
  try {
    data = await readBody(req, MAX_UPLOAD_BYTES);
  } catch (err) {
    if (err instanceof HttpError && err.status === 413) {
      return sendCosError(res, 400, 'EntityTooLarge', `file is larger than the emulator's ${MAX_UPLOAD_BYTES} bytes`, pending.path);
    }
    throw err;
  }
  s.uploads.delete(token);
  s.blobs.put(pending.path, data);
  // COS answers a successful PUT with an empty body, which the SDK expects.
  res.writeHead(200, { 'content-length': 0, etag: `"${data.length}"` });
  res.end();
}

/** GET|HEAD /storage/files/<bucket>/<path>?sign&t: a temporary URL, checked against the emulator clock. */
export function handleTempDownload(req: IncomingMessage, res: ServerResponse, url: URL, rest: string, s: StorageState): void {
  const head = req.method === 'HEAD';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    return sendCosError(res, 400, 'InvalidURI', 'bad percent-encoding', rest, head);
  }
  const slash = decoded.indexOf('/');
  const bucket = decoded.slice(0, slash);
  const path = decoded.slice(slash + 1);
  if (slash < 0 || bucket !== bucketFor(s.ctx.envId)) return sendCosError(res, 404, 'NoSuchBucket', `no bucket ${bucket}`, decoded, head);
  const t = Number(url.searchParams.get('t'));
  const sign = url.searchParams.get('sign') ?? '';
  if (!Number.isInteger(t) || !s.signer.verify(path, t, sign)) {
    return sendCosError(res, 403, 'AccessDenied', 'signature does not match; get a new URL with getTempFileURL', path, head);
  }
  if (t < Math.floor(s.ctx.clock.now() / 1000)) {
    return sendCosError(res, 403, 'AccessDenied', 'Request has expired (by the emulator clock)', path, head);
  }
  sendFile(res, path, s, head);
}

/**
 * GET|HEAD /storage/file?fileID=cloud://...: an emulator-only convenience standing in for the
 * mini-program rendering `cloud://` ids natively (`<image src="cloud://...">`), which an H5
 * build cannot do.
 */
export function handleFileIdDownload(req: IncomingMessage, res: ServerResponse, url: URL, s: StorageState): void {
  const head = req.method === 'HEAD';
  const fileID = url.searchParams.get('fileID') ?? '';
  const parsed = parseFileId(fileID);
  if (!parsed || parsed.envId !== s.ctx.envId || parsed.bucket !== bucketFor(s.ctx.envId)) {
    return sendCosError(res, 404, 'NoSuchKey', `no file ${fileID} in this environment`, fileID, head);
  }
  sendFile(res, parsed.path, s, head);
}

function sendFile(res: ServerResponse, path: string, s: StorageState, head: boolean): void {
  const data = s.blobs.get(path);
  if (!data) return sendCosError(res, 404, 'NoSuchKey', 'The specified key does not exist.', path, head);
  // Readable from any origin, like a COS bucket with CORS set up: an H5 build served elsewhere
  // (npm run dev:h5) draws these images on a canvas (invite posters), which needs CORS.
  res.writeHead(200, {
    'content-type': contentTypeFor(path),
    'content-length': data.length,
    'cache-control': 'private, max-age=60',
    'access-control-allow-origin': '*',
  });
  res.end(head ? undefined : data);
}
