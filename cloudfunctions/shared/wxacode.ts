/**
 * Mini-program codes for invite posters: `wxacode.getUnlimited` (unlimited codes carry a `scene`
 * of at most 32 characters: the share code), stored in cloud storage so the client can draw it.
 * The function's config.json must allow `wxacode.getUnlimited` under permissions.openapi.
 */
import type { MiniProgramCodes } from '@core/referrals/poster.port';
import { cloud } from './cloud';

/* eslint-disable @typescript-eslint/no-explicit-any */
export const cloudCodes: MiniProgramCodes = {
  async codeFor(scene, page) {
    try {
      const image = await (cloud as any).openapi.wxacode.getUnlimited({ scene, page, width: 430, checkPath: false });
      const { fileID } = await (cloud as any).uploadFile({ cloudPath: `posters/${scene}.png`, fileContent: image.buffer });
      const { fileList } = await (cloud as any).getTempFileURL({ fileList: [fileID] });
      const url = fileList?.[0]?.tempFileURL;
      if (!url) return { ok: false, message: '无法读取小程序码图片' };
      return { ok: true, fileId: fileID, url };
    } catch (e) {
      return { ok: false, message: (e as { errMsg?: string }).errMsg ?? String(e) };
    }
  },
};
