/**
 * Subscription messages through `cloud.openapi.subscribeMessage.send`, adapted to core's
 * MessageSender. The function's config.json must allow `subscribeMessage.send` under
 * permissions.openapi. WeChat's refusals come back as exceptions carrying `errCode`.
 */
import type { MessageSender } from '@core/notify/message.port';
import { cloud } from './cloud';

/** Which version of the mini-program a message opens: developer, trial or formal (the default, the released one). */
export const MINIPROGRAM_STATE_ENV = 'FLYWHEEL_MINIPROGRAM_STATE';
const STATES = ['developer', 'trial', 'formal'];

function miniprogramState(): string {
  const state = process.env[MINIPROGRAM_STATE_ENV];
  return state && STATES.includes(state) ? state : 'formal';
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export const cloudMessages: MessageSender = {
  async send(m) {
    try {
      const reply = await (cloud as any).openapi.subscribeMessage.send({
        touser: m.touser,
        templateId: m.templateId,
        ...(m.page ? { page: m.page } : {}),
        data: m.data,
        miniprogramState: miniprogramState(),
        lang: 'zh_CN',
      });
      return { ok: true, msgid: String(reply?.msgid ?? '') };
    } catch (e) {
      const err = e as { errCode?: unknown; errMsg?: string; message?: string };
      const errcode = typeof err?.errCode === 'number' && err.errCode !== 0 ? err.errCode : -1;
      return { ok: false, errcode, message: err?.errMsg ?? err?.message ?? String(e) };
    }
  },
};
