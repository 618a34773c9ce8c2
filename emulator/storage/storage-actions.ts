import { randomBytes } from 'node:crypto';
import type { EmulatorContext } from '../types';
import type { BlobStore } from './blob-store';
import { bucketFor, cloudPathProblem, parseFileId, toFileId } from './file-id';
import type { TempUrlSigner } from './temp-url';

/** How long an upload URL from getUploadMetadata stays usable (the SDK uses it at once). */
const UPLOAD_TTL_MS = 10 * 60_000;
/** WeChat's limit on files per getTempFileURL / deleteFile call. */
const MAX_FILES_PER_CALL = 50;
/** Default lifetime of a temporary URL when the caller gives no maxAge. */
export const DEFAULT_MAX_AGE_SEC = 86_400;

export interface PendingUpload {
  path: string;
  expiresAt: number;
}

export interface StorageState {
  ctx: EmulatorContext;
  blobs: BlobStore;
  signer: TempUrlSigner;
  uploads: Map<string, PendingUpload>;
}

type Reply = Record<string, unknown>;

/** A Tencent Cloud error reply; the SDK turns the code into errCode (e.g. -501007) and throws. */
function tcbError(code: string, message: string): Reply {
  return { code, message };
}

/** `cloud.uploadFile`, step 1: where to PUT the bytes. The fileID is final from here on. */
export function getUploadMetadata(body: Reply, s: StorageState): Reply {
  const problem = cloudPathProblem(body.path);
  if (problem) return tcbError('INVALID_PARAM', problem);
  const path = body.path as string;
  const now = Date.now();
  for (const [token, pending] of s.uploads) if (pending.expiresAt < now) s.uploads.delete(token);
  const token = randomBytes(16).toString('hex');
  s.uploads.set(token, { path, expiresAt: now + UPLOAD_TTL_MS });
  const fileId = toFileId(s.ctx.envId, path);
  return {
    data: {
      url: `${s.ctx.baseUrl()}/storage/upload/${token}`,
      token,
      authorization: `q-sign-algorithm=sha1&q-ak=emulator&q-key-time=${Math.floor(now / 1000)};${Math.floor((now + UPLOAD_TTL_MS) / 1000)}`,
      fileId,
      cosFileId: token,
      download_url: `${s.ctx.baseUrl()}/storage/files/${bucketFor(s.ctx.envId)}/${path}`,
    },
  };
}

/** `cloud.getTempFileURL` / `cloud.downloadFile`: signed, expiring URLs, one status per file. */
export function batchGetDownloadUrl(body: Reply, s: StorageState): Reply {
  const list = body.file_list;
  if (!Array.isArray(list) || list.length === 0) return tcbError('INVALID_PARAM', 'file_list must be a non-empty array');
  if (list.length > MAX_FILES_PER_CALL) return tcbError('INVALID_PARAM', `file_list has ${list.length} files; at most ${MAX_FILES_PER_CALL} per call`);
  const downloadList = list.map((item: unknown) => {
    const entry = (item ?? {}) as { fileid?: unknown; max_age?: unknown };
    const fileID = typeof entry.fileid === 'string' ? entry.fileid : String(entry.fileid);
    const maxAge = entry.max_age === undefined ? DEFAULT_MAX_AGE_SEC : Number(entry.max_age);
    if (!Number.isFinite(maxAge) || maxAge < 0)
      return { fileID, tempFileURL: '', code: 'INVALID_PARAM', message: 'maxAge must be a non-negative number of seconds' };
    const found = locate(fileID, s);
    if ('code' in found) return { fileID, tempFileURL: '', ...found };
    const expiresAt = Math.floor(s.ctx.clock.now() / 1000) + Math.floor(maxAge);
    const bucket = bucketFor(s.ctx.envId);
    // Unencoded like WeChat's: the SDK runs encodeURI on it before downloading.
    const tempFileURL = `${s.ctx.baseUrl()}/storage/files/${bucket}/${found.path}?sign=${s.signer.sign(found.path, expiresAt)}&t=${expiresAt}`;
    return { fileID, tempFileURL, maxAge, code: 'SUCCESS' };
  });
  return { data: { download_list: downloadList } };
}

/** `cloud.deleteFile`: one status per file, like WeChat (a missing file is not a call failure). */
export function batchDeleteFile(body: Reply, s: StorageState): Reply {
  const list = body.fileid_list;
  if (!Array.isArray(list) || list.length === 0) return tcbError('INVALID_PARAM', 'fileid_list must be a non-empty array');
  if (list.length > MAX_FILES_PER_CALL) return tcbError('INVALID_PARAM', `fileid_list has ${list.length} files; at most ${MAX_FILES_PER_CALL} per call`);
  const deleteList = list.map((item: unknown) => {
    const fileID = String(item);
    const found = locate(fileID, s);
    if ('code' in found) return { fileID, ...found };
    s.blobs.delete(found.path);
    return { fileID, code: 'SUCCESS' };
  });
  return { data: { delete_list: deleteList } };
}

/** Resolves a fileID of this environment to a stored path, or the per-file error WeChat reports. */
function locate(fileID: string, s: StorageState): { path: string } | { code: string; message: string } {
  const parsed = parseFileId(fileID);
  if (!parsed || cloudPathProblem(parsed.path)) return { code: 'INVALID_PARAM', message: `invalid fileID ${fileID}` };
  if (parsed.envId !== s.ctx.envId || parsed.bucket !== bucketFor(s.ctx.envId)) {
    return { code: 'STORAGE_EXCEED_AUTHORITY', message: `fileID ${fileID} belongs to another environment` };
  }
  if (!s.blobs.has(parsed.path)) return { code: 'STORAGE_FILE_NONEXIST', message: `storage file not exists: ${fileID}` };
  return { path: parsed.path };
}
