/**
 * What invite posters need of WeChat: a mini-program code for a share (`wxacode.getUnlimited`,
 * its `scene` the share code) kept in cloud storage. A port, so core never imports the SDK; the
 * function entry adapts `cloud.openapi` and cloud storage (cloudfunctions/shared/wxacode.ts).
 */
export interface MiniProgramCodes {
  /** The code image for `scene` opening `page`, stored in cloud storage (posters/<scene>.png). */
  codeFor(scene: string, page: string): Promise<{ ok: true; fileId: string; url: string } | { ok: false; message: string }>;
}
