/** What the member function accepts for notifications. The member is always the caller, never an input. */
import { z } from 'zod';
import { emptyInput } from '../platform/inputs';
import { NOTICE_KINDS } from './notify.model';

/**
 * `notify.subscribe`: the kinds the member accepted in WeChat's subscription prompt, sent right
 * after that tap (one prompt asks for at most 3 templates).
 */
export const subscribeInput = z
  .object({
    kinds: z
      .array(z.enum(NOTICE_KINDS, { error: '未知的通知类型' }), { error: '请选择要订阅的通知' })
      .min(1, '请选择要订阅的通知')
      .max(3, '一次最多订阅 3 种通知'),
  })
  .strict();
export type SubscribeInput = z.infer<typeof subscribeInput>;

export const mineInput = emptyInput;
export const templatesInput = emptyInput;
