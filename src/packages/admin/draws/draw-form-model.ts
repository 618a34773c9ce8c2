import type { CreateDrawPayload } from '@/services/contracts';
import type { FieldErrors } from '@/utils/field-errors';
import { formatLocalDateTime } from '@/utils/date';
import { parseLocalDateTime } from '../perks/perk-form-model';

// The create-draw form: what staff type (text, local times) and what the server takes (numbers,
// ISO times). The form checks only that numbers are whole numbers and times are times; the rules
// (1..500 units, the window's order, stock for the units, the total ranked) are the server's
// (core/draws/draws.admin.ts), whose per-field details come back keyed by the same names.

export type DrawMinTier = CreateDrawPayload['minTier'];

export interface DrawForm {
  productId: string;
  title: string;
  description: string;
  units: string;
  waitlistLength: string;
  /** Local 'YYYY-MM-DD HH:mm'. */
  opensAt: string;
  closesAt: string;
  drawAt: string;
  minTier: DrawMinTier;
  minMemberDays: string;
  purchaseHours: string;
}

export const DRAW_TIER_CHOICES: ReadonlyArray<{ tier: DrawMinTier; label: string }> = [
  { tier: 'member', label: '所有会员' },
  { tier: 'buyer', label: '已购会员及以上' },
  { tier: 'repeat_buyer', label: '复购会员及以上' },
  { tier: 'koc', label: '品牌KOC' },
];

export const drawTierLabel = (tier: DrawMinTier): string => DRAW_TIER_CHOICES.find((choice) => choice.tier === tier)?.label ?? tier;

const HOUR = 3_600_000;

/**
 * A new form: entries open now (to the minute), close in a day and the draw follows ten minutes
 * later; 24 hours to pay. Staff change what they need.
 */
export function newDrawForm(now: Date): DrawForm {
  const opens = new Date(now);
  opens.setSeconds(0, 0);
  const closes = new Date(opens.getTime() + 24 * HOUR);
  const draw = new Date(closes.getTime() + 10 * 60_000);
  return {
    productId: '',
    title: '',
    description: '',
    units: '',
    waitlistLength: '0',
    opensAt: formatLocalDateTime(opens.toISOString()),
    closesAt: formatLocalDateTime(closes.toISOString()),
    drawAt: formatLocalDateTime(draw.toISOString()),
    minTier: 'member',
    minMemberDays: '0',
    purchaseHours: '24',
  };
}

const wholeNumber = (text: string): number | null => (/^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null);
const TIME_ERROR = '请按 2025-04-30 20:00 的格式填写';

/** What to send, or which fields are not whole numbers or times (and a product to pick). */
export function readDrawForm(form: DrawForm): { ok: true; payload: CreateDrawPayload } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!form.productId) errors.productId = '请选择抽签的商品';

  const numbers = {
    units: [wholeNumber(form.units), '请填写中签名额（整数）'],
    waitlistLength: [wholeNumber(form.waitlistLength || '0'), '候补人数须为整数'],
    minMemberDays: [wholeNumber(form.minMemberDays || '0'), '入会天数须为整数'],
    purchaseHours: [wholeNumber(form.purchaseHours), '请填写付款时限（整数小时）'],
  } as const;
  for (const [field, [value, message]] of Object.entries(numbers)) if (value === null) errors[field] = message;

  const times = { opensAt: parseLocalDateTime(form.opensAt), closesAt: parseLocalDateTime(form.closesAt), drawAt: parseLocalDateTime(form.drawAt) };
  for (const [field, value] of Object.entries(times)) if (value === null) errors[field] = TIME_ERROR;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    payload: {
      productId: form.productId,
      title: form.title.trim(),
      description: form.description.trim(),
      units: numbers.units[0]!,
      waitlistLength: numbers.waitlistLength[0]!,
      opensAt: times.opensAt!,
      closesAt: times.closesAt!,
      drawAt: times.drawAt!,
      minTier: form.minTier,
      minMemberDays: numbers.minMemberDays[0]!,
      purchaseHours: numbers.purchaseHours[0]!,
    },
  };
}
