/**
 * How core sends a subscription message, without the SDK: implemented with
 * `cloud.openapi.subscribeMessage.send` in cloudfunctions/shared/messages.ts and passed in by the
 * jobs function's entry (tests pass their own).
 */
import type { TemplateData } from './notify.templates';

export interface SubscribeMessage {
  /** The member's OPENID. */
  touser: string;
  templateId: string;
  /** The page the message opens; absent: the message opens nothing. */
  page?: string;
  data: TemplateData;
}

/** Sent, with WeChat's message id; or refused, with WeChat's errcode (-1 when the call itself failed). */
export type SendResult = { ok: true; msgid: string } | { ok: false; errcode: number; message: string };

export interface MessageSender {
  /** Never throws: every failure is a SendResult. */
  send(message: SubscribeMessage): Promise<SendResult>;
}
