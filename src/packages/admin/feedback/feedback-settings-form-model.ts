import type { DataOf, TierKey } from '@/services/contracts';
import type { FieldErrors } from '@/utils/field-errors';
import { TIER_STEPS } from '@/utils/tier-steps';

// 吐槽中心设置 as staff type it and as the server takes it (core/feedback/feedback.config.ts). The
// form checks only that numbers are whole numbers and that no reject reason is left blank; the
// ranges (daily limits, 2..60 characters, 1..20 reasons, reward points) are the server's, whose
// per-field messages come back keyed by the same paths ('limits.posts', 'rejectTemplates.2').

export type FeedbackConfigView = DataOf<'admin', 'feedbackConfig'>;
export type FeedbackConfig = FeedbackConfigView['config'];

export interface FeedbackSettingsForm {
  autoPublishFromTier: TierKey | null;
  posts: string;
  images: string;
  votes: string;
  rejectTemplates: string[];
  defaultRewardPoints: string;
}

/** The number fields: the form's key, its config path, label and unit. */
export const LIMIT_FIELDS = [
  { field: 'posts', path: 'limits.posts', label: '每人每天发帖', unit: '条' },
  { field: 'images', path: 'limits.images', label: '每人每天上传图片', unit: '张' },
  { field: 'votes', path: 'limits.votes', label: '每人每天「我也是」', unit: '次' },
] as const;

export type LimitField = (typeof LIMIT_FIELDS)[number]['field'];

/** Where the server's message about a reason at `index` goes. */
export const templatePath = (index: number) => `rejectTemplates.${index}`;

/** The server keeps at most 20 reasons: every path it may name has a place on the form. */
const MAX_TEMPLATES = 20;

export const FEEDBACK_SETTINGS_PATHS: ReadonlySet<string> = new Set([
  'autoPublishFromTier',
  ...LIMIT_FIELDS.map((f) => f.path),
  'rejectTemplates',
  ...Array.from({ length: MAX_TEMPLATES + 1 }, (_, i) => templatePath(i)),
  'defaultRewardPoints',
]);

/**
 * 免审门槛: every post reviewed, or from a ladder step up (followers cannot post, so the choices
 * start at 未购会员; a stored 基础用户 is still shown).
 */
export function autoPublishChoices(current: TierKey | null): Array<{ key: TierKey | null; label: string }> {
  const steps = TIER_STEPS.filter((step) => step.tier !== 'follower' || current === 'follower');
  return [{ key: null, label: '每条都人工审核' }, ...steps.map((step) => ({ key: step.tier, label: `从「${step.name}」起免审` }))];
}

export const autoPublishText = (tier: TierKey | null): string => autoPublishChoices(tier).find((choice) => choice.key === tier)?.label ?? '';

export function feedbackSettingsFormOf(config: FeedbackConfig): FeedbackSettingsForm {
  return {
    autoPublishFromTier: config.autoPublishFromTier,
    posts: String(config.limits.posts),
    images: String(config.limits.images),
    votes: String(config.limits.votes),
    rejectTemplates: [...config.rejectTemplates],
    defaultRewardPoints: String(config.defaultRewardPoints),
  };
}

const wholeNumber = (text: string): number | null => (/^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null);

/** What to save, or a message per path the form could tell was wrong. */
export function readFeedbackSettingsForm(form: FeedbackSettingsForm): { ok: true; config: FeedbackConfig } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const limits = {} as Record<LimitField, number>;
  for (const { field, path } of LIMIT_FIELDS) {
    const value = wholeNumber(form[field]);
    if (value === null) errors[path] = '请填写整数';
    else limits[field] = value;
  }
  const points = wholeNumber(form.defaultRewardPoints);
  if (points === null) errors.defaultRewardPoints = '请填写整数';

  const templates = form.rejectTemplates.map((text) => text.trim());
  templates.forEach((text, index) => {
    if (!text) errors[templatePath(index)] = '请填写理由，或删除这一条';
  });
  if (templates.length === 0) errors.rejectTemplates = '至少保留一条驳回理由';

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    config: { autoPublishFromTier: form.autoPublishFromTier, limits, rejectTemplates: templates, defaultRewardPoints: points! },
  };
}
