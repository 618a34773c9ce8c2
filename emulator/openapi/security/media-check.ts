import type { EmulatorContext } from '../../types';
import { bucketFor, toFileId } from '../../storage/file-id';
import type { MediaChecks, MediaCheckRecord } from '../media-checks';
import { WxApiError, newRid, type OpenApiAnswer } from '../wire';
import { LABEL } from './labels';
import type { MediaForcedVerdicts } from './media-forced';

/** What WeChat's v1 push reported for a URL it could not download (status_code 4294966288). */
export const MEDIA_NOT_DOWNLOADABLE = -1008;
const MAX_URL_LENGTH = 2048;
const DOWNLOAD_TIMEOUT_MS = 10_000;

export interface MediaCheckDeps {
  ctx: EmulatorContext;
  checks: MediaChecks;
  forced: MediaForcedVerdicts;
}

/**
 * `security.mediaCheckAsync` v2 `{media_url, media_type (1 audio, 2 image), version: 2, scene,
 * openid}`: answers `{errcode: 0, errmsg: 'ok', trace_id}` at once; the verdict is pushed later
 * to the message-push function (media-checks.ts). The verdict is a forced one if a test set it;
 * otherwise the emulator downloads a URL of its own storage as WeChat would (a URL that does not
 * download gives an error push, -1008) and passes it (label 100): it has no image model. Other
 * URLs are not fetched (the emulator works offline) and pass.
 */
export async function mediaCheckAsync(args: Record<string, unknown>, deps: MediaCheckDeps): Promise<OpenApiAnswer> {
  const { media_url: mediaUrl, media_type: mediaType, version, scene, openid } = args;
  if (typeof mediaUrl !== 'string' || mediaUrl.trim() === '') throw new WxApiError(47001, 'data format error: media_url is required');
  if (mediaUrl.length > MAX_URL_LENGTH || !/^https?:\/\/[^\s/]+/i.test(mediaUrl)) {
    throw new WxApiError(40097, 'invalid args: media_url must be an http(s) URL the check can download');
  }
  if (mediaType !== 1 && mediaType !== 2 && mediaType !== '1' && mediaType !== '2') {
    throw new WxApiError(40097, 'invalid args: media_type must be 1 (audio) or 2 (image)');
  }
  if (version !== 2 && version !== '2') {
    throw new WxApiError(40097, 'invalid args: version must be 2 (version 1 of mediaCheckAsync is retired and not emulated)');
  }
  if (typeof openid !== 'string' || openid.trim() === '') throw new WxApiError(40003, 'invalid openid');
  if (![1, 2, 3, 4].includes(Number(scene))) {
    throw new WxApiError(40097, 'invalid args: scene must be 1 (profile), 2 (comment), 3 (forum) or 4 (social log)');
  }

  const own = ownFileOf(mediaUrl, deps.ctx);
  const fileId = own?.fileId ?? null;
  const forced = deps.forced.take(mediaUrl, fileId);
  let decided: Pick<MediaCheckRecord, 'decidedBy' | 'errcode' | 'result'>;
  if (forced) {
    decided = {
      decidedBy: forced.by === 'match' ? 'forced-match' : 'forced-next',
      errcode: 0,
      result: { suggest: forced.suggest, label: forced.stringLabel ? String(forced.label) : forced.label },
    };
  } else if (own && !(await downloads(mediaUrl))) {
    decided = { decidedBy: 'download-failed', errcode: MEDIA_NOT_DOWNLOADABLE, result: null };
  } else {
    decided = { decidedBy: 'default', errcode: 0, result: { suggest: 'pass', label: LABEL.normal } };
  }

  const traceId = newRid();
  deps.checks.add({
    traceId,
    openid,
    mediaUrl,
    mediaType: Number(mediaType) as 1 | 2,
    scene: Number(scene),
    fileId,
    ...decided,
    requestedAt: new Date(deps.ctx.clock.now()).toISOString(),
  });
  return { json: { errcode: 0, errmsg: 'ok', trace_id: traceId } };
}

/** A URL this emulator serves a stored file at (a temporary URL or /storage/file?fileID=), with its file id. */
function ownFileOf(mediaUrl: string, ctx: EmulatorContext): { fileId: string | null } | null {
  let url: URL;
  let base: URL;
  try {
    url = new URL(mediaUrl);
    base = new URL(ctx.baseUrl());
  } catch {
    return null;
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (!loopback || url.port !== base.port || url.protocol !== base.protocol) return null;
  if (url.pathname === '/storage/file') return { fileId: url.searchParams.get('fileID') };
  const prefix = `/storage/files/${bucketFor(ctx.envId)}/`;
  if (!url.pathname.startsWith(prefix)) return { fileId: null };
  try {
    return { fileId: toFileId(ctx.envId, decodeURIComponent(url.pathname.slice(prefix.length))) };
  } catch {
    return { fileId: null };
  }
}

/** Whether the media downloads, as WeChat's checker fetches it (an expired or unsigned URL does not). */
async function downloads(mediaUrl: string): Promise<boolean> {
  try {
    const res = await fetch(mediaUrl, { redirect: 'manual', signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}
