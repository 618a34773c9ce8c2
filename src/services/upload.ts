import Taro from '@tarojs/taro';
import { type CloudResult, failure, internalFailure, networkFailure, sessionExpiredFailure } from './cloud-result';
import { postBytesToGateway } from './gateway-http';
import { redirectToLogin } from './login-redirect';
import { clearSession, readSession } from './session-token';

// Uploading a picked photo to cloud storage, the way WeChat does it: the client writes the file
// itself (Taro.cloud.uploadFile on weapp) at a path the server chose, and hands the server only
// the file id. H5 has no Taro.cloud: the photo's bytes go to the emulator's /gateway/upload, which
// stores them where uploadFile would. Either way the answer is a CloudResult like every cloud call.

const BY_EXTENSION: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' };

/** Stores the photo at `localPath` (a weapp temp path, or h5's blob: URL) at `cloudPath`; its file id. */
export async function uploadImage(localPath: string, cloudPath: string): Promise<CloudResult<{ fileId: string }>> {
  // Inline platform test: the build drops the branch of the other platform (see utils/runtime-env.ts).
  return process.env.TARO_ENV === 'h5' ? uploadThroughGateway(localPath, cloudPath) : uploadThroughWeChat(localPath, cloudPath);
}

async function uploadThroughWeChat(localPath: string, cloudPath: string): Promise<CloudResult<{ fileId: string }>> {
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath: localPath });
    if (typeof res?.fileID !== 'string' || !res.fileID) {
      console.warn('[upload] uploadFile answered without a fileID', res);
      return internalFailure();
    }
    return { ok: true, data: { fileId: res.fileID } };
  } catch (error) {
    // WeChat's upload failures (network, storage refusing) all mean "try again"; nothing was kept.
    console.warn('[upload] uploadFile failed', error);
    return networkFailure();
  }
}

async function uploadThroughGateway(localPath: string, cloudPath: string): Promise<CloudResult<{ fileId: string }>> {
  const session = readSession();
  if (!session) {
    redirectToLogin();
    return sessionExpiredFailure();
  }
  let bytes: Blob;
  try {
    // What Taro.chooseImage / chooseMedia give on h5: a blob: URL of the picked file.
    const res = await fetch(localPath);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    bytes = await res.blob();
  } catch (error) {
    console.warn('[upload] the picked photo could not be read', error);
    return failure('VALIDATION_FAILED', '读取图片失败，请重新选择');
  }
  const reply = await postBytesToGateway(`/gateway/upload?cloudPath=${encodeURIComponent(cloudPath)}`, bytes, contentTypeOf(bytes, cloudPath), session.token);
  switch (reply.kind) {
    case 'ok': {
      const fileId = (reply.body as { fileID?: unknown } | null)?.fileID;
      if (typeof fileId === 'string' && fileId) return { ok: true, data: { fileId } };
      console.warn('[upload] the gateway answered without a fileID', reply.body);
      return internalFailure();
    }
    case 'unauthorized':
      // The emulator forgot the session (restarted, or wiped its data): pick an identity again.
      clearSession();
      redirectToLogin();
      return sessionExpiredFailure();
    case 'rejected':
      console.warn('[upload] refused', reply.status, reply.errMsg);
      if (reply.status === 413) return failure('VALIDATION_FAILED', '图片太大，请压缩后再上传');
      if (reply.status === 415) return failure('VALIDATION_FAILED', '只能上传图片');
      return internalFailure();
    case 'unreachable':
      console.warn(`[upload] gateway unreachable: ${reply.reason}`);
      return networkFailure();
  }
}

/** The file's own type when the browser knows it, else the one its cloud path's extension names. */
function contentTypeOf(bytes: Blob, cloudPath: string): string {
  if (bytes.type.startsWith('image/')) return bytes.type;
  const extension = /\.([a-z0-9]+)$/i.exec(cloudPath)?.[1]?.toLowerCase();
  return (extension && BY_EXTENSION[extension]) || bytes.type || 'application/octet-stream';
}
