/**
 * WeChat's content checks and cloud storage, adapted to core's FeedbackPorts. The function's
 * config.json must allow `security.msgSecCheck` and `security.mediaCheckAsync` under
 * permissions.openapi. Called through the cloud (not HTTPS), WeChat answers in camelCase
 * (`traceId`, `errCode`); both spellings are read.
 */
import type { ContentChecks, FeedbackPorts, FileStore } from '@core/feedback/content.port';
import { cloud } from './cloud';

/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK types openapi and storage replies loosely */
const openapi = () => (cloud as any).openapi;

const checks: ContentChecks = {
  async checkText({ openid, scene, content }) {
    try {
      const reply = await openapi().security.msgSecCheck({ openid, scene, version: 2, content });
      const suggest = reply?.result?.suggest;
      if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') return null;
      const label = Number(reply.result.label);
      return { suggest, label: Number.isFinite(label) ? label : null, traceId: String(reply.traceId ?? reply.trace_id ?? '') || null };
    } catch (e) {
      console.error('msgSecCheck failed', e);
      return null;
    }
  },
  async checkImage({ openid, scene, mediaUrl }) {
    try {
      const reply = await openapi().security.mediaCheckAsync({ openid, scene, version: 2, media_type: 2, media_url: mediaUrl });
      const traceId = String(reply?.traceId ?? reply?.trace_id ?? '');
      return traceId ? { traceId } : null;
    } catch (e) {
      console.error('mediaCheckAsync failed', e);
      return null;
    }
  },
};

/** The first bytes read to recognise an image's format. */
const HEAD_BYTES = 16;

const files: FileStore = {
  async inspect(fileId) {
    try {
      const { fileContent } = (await cloud.downloadFile({ fileID: fileId })) as { fileContent: Buffer };
      return { bytes: fileContent.length, head: new Uint8Array(fileContent.subarray(0, HEAD_BYTES)) };
    } catch {
      return null;
    }
  },
  async tempUrls(fileIds) {
    const unique = [...new Set(fileIds)];
    const urls = new Map<string, string>();
    // WeChat resolves at most 50 files per call.
    for (let i = 0; i < unique.length; i += 50) {
      try {
        const { fileList } = (await cloud.getTempFileURL({ fileList: unique.slice(i, i + 50) })) as {
          fileList: { fileID: string; tempFileURL?: string; status?: number }[];
        };
        for (const f of fileList) if (f.status === 0 && f.tempFileURL) urls.set(f.fileID, f.tempFileURL);
      } catch (e) {
        console.error('getTempFileURL failed', e);
      }
    }
    return urls;
  },
};

export const cloudContent: FeedbackPorts = { checks, files };
