/**
 * Mini-program codes for invite posters: `wxacode.getUnlimited` (unlimited codes carry a `scene`
 * of at most 32 characters: the share code), stored in cloud storage so the client can draw it.
 * The function's config.json must allow `wxacode.getUnlimited` under permissions.openapi.
 */
import type { MiniProgramCodes } from '@core/referrals/poster.port';
import { cloud } from './cloud';

export const cloudCodes: MiniProgramCodes = {
  async codeFor(scene, page) {
    try {
      // The SDK types openapi loosely (Record<string, any>): getUnlimited answers the image's bytes.
      const image: { buffer: Buffer } = await cloud.openapi.wxacode.getUnlimited({ scene, page, width: 430, checkPath: false });
      const { fileID } = await cloud.uploadFile({ cloudPath: `posters/${scene}.png`, fileContent: image.buffer });
      // Typed `Promise | void` (the callback form answers nothing); called this way it answers.
      const { fileList } = (await cloud.getTempFileURL({ fileList: [fileID] }))!;
      const url = fileList?.[0]?.tempFileURL;
      if (!url) return { ok: false, message: '无法读取小程序码图片' };
      return { ok: true, fileId: fileID, url };
    } catch (e) {
      return { ok: false, message: (e as { errMsg?: string }).errMsg ?? String(e) };
    }
  },
};
