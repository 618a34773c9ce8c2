import type { AdminPerkView, FieldErrors, SavePerkPayload } from '@/packages/admin/store';
import { formatLocalDateTime } from '@/utils/date';
import { couponTermsFormOf, readCouponTerms, type CouponTermsForm } from '../shared/coupon-terms-model';

// The perk form: what staff type (yuan, text, local times) and what the server stores (integer
// fen, numbers, ISO times). The form checks only that numbers are numbers, amounts are amounts and
// times are times; the rules (1..20 friends, value below the threshold, content for a content
// perk, the end after the start) are the server's (core/perks/perks.admin.ts), whose per-field
// details come back keyed by the same paths used here ('coupon.valueFen', 'requiredFriends', ...).

export type PerkKind = SavePerkPayload['kind'];
export type PerkEngagement = SavePerkPayload['engagement'];
export type PerkMinTier = NonNullable<SavePerkPayload['minTier']>;

/** A coupon perk's terms are the `CouponTermsForm` fields (read only when `kind` is 'coupon'). */
export interface PerkForm extends CouponTermsForm {
  title: string;
  description: string;
  kind: PerkKind;
  /** What a content perk reveals once unlocked. */
  content: string;
  requiredFriends: string;
  engagement: PerkEngagement;
  minTier: PerkMinTier;
  /** Local 'YYYY-MM-DD HH:mm' (or a date alone); empty: from now (new) or unchanged (edit). */
  startsAt: string;
  /** Local 'YYYY-MM-DD HH:mm' (or a date alone); empty: no end. */
  endsAt: string;
  sort: string;
}

export const KIND_CHOICES: ReadonlyArray<{ kind: PerkKind; label: string }> = [
  { kind: 'coupon', label: '优惠券' },
  { kind: 'content', label: '专属内容' },
];

export const ENGAGEMENT_CHOICES: ReadonlyArray<{ engagement: PerkEngagement; label: string }> = [
  { engagement: 'join', label: '好友加入会员' },
  { engagement: 'join_and_buy', label: '好友加入会员并完成首单' },
];

export const PERK_TIER_CHOICES: ReadonlyArray<{ tier: PerkMinTier; label: string }> = [
  { tier: 'member', label: '所有会员' },
  { tier: 'buyer', label: '已购会员及以上' },
  { tier: 'repeat_buyer', label: '复购会员及以上' },
  { tier: 'koc', label: '品牌KOC' },
];

export const kindLabel = (kind: PerkKind): string => KIND_CHOICES.find((choice) => choice.kind === kind)?.label ?? kind;
export const engagementLabel = (engagement: PerkEngagement): string =>
  ENGAGEMENT_CHOICES.find((choice) => choice.engagement === engagement)?.label ?? engagement;
export const perkTierLabel = (tier: PerkMinTier): string => PERK_TIER_CHOICES.find((choice) => choice.tier === tier)?.label ?? tier;

export function perkFormOf(perk: AdminPerkView | null): PerkForm {
  if (!perk) {
    return {
      title: '',
      description: '',
      kind: 'coupon',
      ...couponTermsFormOf(null),
      content: '',
      requiredFriends: '',
      engagement: 'join',
      minTier: 'member',
      startsAt: '',
      endsAt: '',
      sort: '',
    };
  }
  return {
    title: perk.title,
    description: perk.description,
    kind: perk.kind,
    ...couponTermsFormOf(perk.coupon),
    content: perk.content ?? '',
    requiredFriends: String(perk.requiredFriends),
    engagement: perk.engagement,
    minTier: perk.minTier,
    startsAt: formatLocalDateTime(perk.startsAt),
    endsAt: formatLocalDateTime(perk.endsAt),
    sort: String(perk.sort),
  };
}

const LOCAL_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/;

/**
 * Local '2025-04-30 20:00' -> the ISO time the server takes; a date alone is the start of that day,
 * or its last minute for an end ('2025-04-30' ends at 23:59). Null for anything that is not a real
 * date and time (2025-02-30, 24:00, free text).
 */
export function parseLocalDateTime(text: string, dateAlone: 'start' | 'end' = 'start'): string | null {
  const match = LOCAL_TIME.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const timed = match[4] !== undefined;
  const hour = timed ? Number(match[4]) : dateAlone === 'end' ? 23 : 0;
  const minute = timed ? Number(match[5]) : dateAlone === 'end' ? 59 : 0;
  const date = new Date(year, month - 1, day, hour, minute);
  const same =
    date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day && date.getHours() === hour && date.getMinutes() === minute;
  return same ? date.toISOString() : null;
}

const wholeNumber = (text: string): number | null => (/^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null);
const TIME_ERROR = '请按 2025-04-30 或 2025-04-30 20:00 的格式填写';

/**
 * What to send: every field (an edit replaces the perk), `perkId` when editing. The start is left
 * out when empty or unchanged, so the server keeps the stored one (or starts a new perk now); an
 * unchanged end is sent back exactly as stored. Or which fields are not numbers, amounts or times.
 */
export function readPerkForm(form: PerkForm, editing: AdminPerkView | null): { ok: true; payload: SavePerkPayload } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};

  const requiredFriends = wholeNumber(form.requiredFriends);
  if (requiredFriends === null) errors.requiredFriends = '请填写需要的好友人数（整数）';

  const sortText = form.sort.trim();
  const sort = sortText ? wholeNumber(sortText) : 100;
  if (sort === null) errors.sort = '排序须为整数';

  const coupon: SavePerkPayload['coupon'] = form.kind === 'coupon' ? readCouponTerms(form, errors) : null;

  const startsText = form.startsAt.trim();
  const keepStart = !startsText || (editing !== null && startsText === formatLocalDateTime(editing.startsAt));
  const startsAt = keepStart ? undefined : parseLocalDateTime(startsText, 'start');
  if (startsAt === null) errors.startsAt = TIME_ERROR;

  const endsText = form.endsAt.trim();
  const keepEnd = editing !== null && editing.endsAt !== null && endsText === formatLocalDateTime(editing.endsAt);
  const endsAt = !endsText ? null : keepEnd ? editing!.endsAt : parseLocalDateTime(endsText, 'end');
  if (endsText && endsAt === null) errors.endsAt = TIME_ERROR;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    payload: {
      ...(editing ? { perkId: editing._id } : {}),
      title: form.title.trim(),
      description: form.description.trim(),
      kind: form.kind,
      requiredFriends: requiredFriends!,
      engagement: form.engagement,
      coupon,
      content: form.kind === 'content' ? form.content.trim() : null,
      minTier: form.minTier,
      ...(startsAt ? { startsAt } : {}),
      endsAt,
      sort: sort!,
    },
  };
}
