/**
 * Which WeChat subscription template each kind of notice is sent with, and the page it opens.
 * Stored as `settings/notify` (versioned, notify-settings.repo.ts); these defaults apply until
 * someone saves. The demo ids work on the local emulator only: a brand picks or creates templates
 * with the keywords notify.templates.ts lists, in 小程序后台 → 订阅消息, and saves their ids.
 */
import { z } from 'zod';
import { fail, ok, type Result } from '../platform/result';
import { NOTICE_KINDS, type NoticeKind } from './notify.model';

export interface TemplateConfig {
  /** The template id WeChat gives the brand's chosen template. */
  templateId: string;
  /** The mini-program page the message opens (no leading `/`; a notice may name its own, with a query). */
  page: string;
}

export type NotifyConfig = Record<NoticeKind, TemplateConfig>;

export const DEFAULT_NOTIFY_CONFIG: NotifyConfig = {
  draw_result: { templateId: 'DEMO_TPL_DRAW_RESULT', page: 'packages/draws/index' },
  draw_promoted: { templateId: 'DEMO_TPL_DRAW_PROMOTED', page: 'packages/draws/index' },
  feedback_update: { templateId: 'DEMO_TPL_FEEDBACK_UPDATE', page: 'packages/feedback/mine' },
  feedback_reply: { templateId: 'DEMO_TPL_FEEDBACK_REPLY', page: 'packages/feedback/mine' },
  feedback_resolved: { templateId: 'DEMO_TPL_FEEDBACK_RESOLVED', page: 'packages/feedback/index' },
};

/** WeChat's template ids are URL-safe base64 (43 characters); demo ids use the same alphabet. */
export const TEMPLATE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** A page path of the mini-program, optionally with a query: `packages/draws/index?drawId=...`. */
export const PAGE_PATTERN = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*(\?[A-Za-z0-9_\-=&%.]*)?$/;
export const PAGE_MAX = 256;

export const templateIdSchema = z.string({ error: '请填写模板 ID' }).regex(TEMPLATE_ID_PATTERN, '模板 ID 只能包含字母、数字、- 和 _，最多 64 位');
export const pageSchema = z
  .string({ error: '请填写跳转页面' })
  .max(PAGE_MAX, `跳转页面最多 ${PAGE_MAX} 个字符`)
  .regex(PAGE_PATTERN, '跳转页面须为小程序页面路径，如 packages/draws/index（不以 / 开头）');

const templateConfigSchema = z.object({ templateId: templateIdSchema, page: pageSchema }, { error: '请填写模板 ID 和跳转页面' }).strict();

/**
 * A kind left out keeps its default: a configuration saved before a kind existed stays valid when
 * the kind is added (its messages go out with the demo id and fail loudly until staff set one).
 */
export const notifyConfigSchema = z
  .object(Object.fromEntries(NOTICE_KINDS.map((k) => [k, templateConfigSchema.optional()])) as Record<NoticeKind, z.ZodOptional<typeof templateConfigSchema>>, {
    error: '请提交通知模板配置',
  })
  .strict();

/** Validates a configuration staff submitted (or one read back from storage); details per field path. */
export function parseNotifyConfig(input: unknown): Result<NotifyConfig, 'VALIDATION_FAILED'> {
  const parsed = notifyConfigSchema.safeParse(input);
  if (parsed.success) return ok(Object.fromEntries(NOTICE_KINDS.map((k) => [k, parsed.data[k] ?? DEFAULT_NOTIFY_CONFIG[k]])) as NotifyConfig);
  const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return fail('VALIDATION_FAILED', `通知模板配置有误：${details.map((d) => (d.path ? `${d.path} ${d.message}` : d.message)).join('；')}`, details);
}
