import type { AdminRewardView, SaveRewardPayload } from '@/services/contracts';
import type { FieldErrors } from '@/packages/admin/store';
import { couponTermsFormOf, readCouponTerms, type CouponTermsForm } from '../shared/coupon-terms-model';

// The reward form: what staff type (yuan, text) and what the server stores (integer fen, numbers).
// The form checks only that numbers are numbers; the rules (ranges, value below the threshold,
// stock for a new reward) are the server's (core/rewards/rewards.admin.ts), whose per-field
// details come back keyed by the same paths used here ('coupon.valueFen', 'stock', ...).

export type RewardKind = SaveRewardPayload['kind'];
export type RewardMinTier = SaveRewardPayload['minTier'];

/** A coupon reward's terms are the `CouponTermsForm` fields (read only when `kind` is 'coupon'). */
export interface RewardForm extends CouponTermsForm {
  title: string;
  description: string;
  kind: RewardKind;
  pointsCost: string;
  /** Remaining stock to set; on an edit, empty leaves the stock as it is. */
  stock: string;
  minTier: RewardMinTier;
  image: string;
  sort: string;
}

export const MIN_TIER_CHOICES: ReadonlyArray<{ tier: RewardMinTier; label: string }> = [
  { tier: null, label: '所有会员' },
  { tier: 'buyer', label: '已购会员及以上' },
  { tier: 'repeat_buyer', label: '复购会员及以上' },
  { tier: 'koc', label: '品牌KOC' },
];

export function rewardFormOf(reward: AdminRewardView | null): RewardForm {
  if (!reward) {
    return { title: '', description: '', kind: 'coupon', pointsCost: '', stock: '', ...couponTermsFormOf(null), minTier: null, image: '', sort: '' };
  }
  return {
    title: reward.title,
    description: reward.description,
    kind: reward.kind,
    pointsCost: String(reward.pointsCost),
    stock: '',
    ...couponTermsFormOf(reward.coupon),
    minTier: reward.minTier,
    image: reward.image ?? '',
    sort: String(reward.sort),
  };
}

const wholeNumber = (text: string): number | null => (/^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null);

/**
 * What to send: every field (an edit replaces the reward, so the image, tier and sort it keeps
 * must be sent too), `rewardId` when editing, `stock` only when typed. Or which fields are not
 * numbers or amounts.
 */
export function readRewardForm(
  form: RewardForm,
  editing: AdminRewardView | null,
): { ok: true; payload: SaveRewardPayload } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const pointsCost = wholeNumber(form.pointsCost);
  if (pointsCost === null) errors.pointsCost = '请填写所需积分（正整数）';

  const stockText = form.stock.trim();
  const stock = stockText ? wholeNumber(stockText) : undefined;
  if (stock === null) errors.stock = '库存须为整数';
  else if (stock === undefined && !editing) errors.stock = '请填写库存';

  const sortText = form.sort.trim();
  const sort = sortText ? wholeNumber(sortText) : undefined;
  if (sort === null) errors.sort = '排序须为整数';

  const coupon: SaveRewardPayload['coupon'] = form.kind === 'coupon' ? readCouponTerms(form, errors) : null;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const image = form.image.trim();
  return {
    ok: true,
    payload: {
      ...(editing ? { rewardId: editing._id } : {}),
      title: form.title.trim(),
      description: form.description.trim(),
      kind: form.kind,
      pointsCost: pointsCost!,
      image: image || null,
      coupon,
      minTier: form.minTier,
      ...(stock !== undefined && stock !== null ? { stock } : {}),
      ...(sort !== undefined && sort !== null ? { sort } : {}),
    },
  };
}

/** The labels of the tiers a reward may be limited to. */
export function minTierLabel(tier: RewardMinTier): string {
  return MIN_TIER_CHOICES.find((choice) => choice.tier === tier)?.label ?? (tier === 'member' ? '会员及以上' : '所有会员');
}
