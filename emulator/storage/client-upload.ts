import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLIENT_UPLOAD_TYPE, MAX_CLIENT_UPLOAD_BYTES } from '../http-guard';
import { allowCors, sendJson } from '../http-util';
import { HttpError, readBody } from '../openapi/http-json';
import { cloudPathProblem, toFileId } from './file-id';
import type { StorageState } from './storage-actions';

/**
 * POST /gateway/upload?cloudPath=<path>: the H5 build's `wx.cloud.uploadFile`. A browser has no
 * wx.cloud, so the H5 app posts the image's bytes (body, `content-type: image/*`) with its gateway
 * session; the file is stored at `cloudPath` exactly as uploadFile stores it (same file id, an
 * existing file replaced) and the answer is `{ fileID }`. Bounded at 10 MB; cloud paths follow
 * WeChat's rules (no leading `/`, no `.` or `..` segments).
 */
export async function handleClientUpload(req: IncomingMessage, res: ServerResponse, url: URL, s: StorageState): Promise<void> {
  if (allowCors(req, res)) return;
  const fail = (status: number, errCode: number, message: string) => {
    req.resume();
    sendJson(res, status, { errCode, errMsg: `cloud.uploadFile:fail ${message}` });
  };
  if (req.method !== 'POST') return fail(405, -1, `${req.method} is not supported on /gateway/upload: POST the image bytes`);
  if (!s.ctx.sessionOpenid(req.headers.authorization)) return fail(401, -401001, 'session expired or missing: log in again');
  const cloudPath = url.searchParams.get('cloudPath');
  const problem = cloudPathProblem(cloudPath ?? '');
  if (problem) return fail(400, -501007, `invalid cloudPath: ${problem}`);
  if (!CLIENT_UPLOAD_TYPE.test(req.headers['content-type'] ?? '')) return fail(415, -1, 'send the image bytes with content-type image/*');

  let data: Buffer;
  try {
    data = await readBody(req, MAX_CLIENT_UPLOAD_BYTES);
  } catch (err) {
    if (err instanceof HttpError && err.status === 413) return fail(413, -1, `file is larger than the emulator's ${MAX_CLIENT_UPLOAD_BYTES} bytes`);
    throw err;
  }
  if (data.length === 0) return fail(400, -501007, 'the file is empty');
  s.blobs.put(cloudPath!, data);
  sendJson(res, 200, { fileID: toFileId(s.ctx.envId, cloudPath!), errMsg: 'cloud.uploadFile:ok' });
}
