import type { CloudError } from '@/services/cloud-result';
import { errorTextFor } from '@/utils/error-text';
import type { PerksErrorCode } from '@core/perks/perks.errors';
import type { ReferralsErrorCode } from '@core/referrals/referrals.errors';
import type { InfluenceFriend, InfluenceView, PerkView } from '@/packages/invite/store';

// How the invite pages word what the server sends. Display only: progress, eligibility, rules and
// statuses come from the server (these map its codes to labels, like the coupon stamps).

/**
 * What claiming a perk, making a card or a poster and opening a card refuse with: the perks and
 * referrals catalogs, but FLAG_ALREADY_DECIDED, which only staff's review gets (admin-text.ts words it).
 */
type InviteRefusal = PerksErrorCode | Exclude<ReferralsErrorCode, 'FLAG_ALREADY_DECIDED'>;

/** Refusals of the perks and referral functions, when the server's message is not in Chinese. */
const INVITE_ERROR_TEXT = {
  NOT_A_MEMBER: '加入会员后即可参加',
  PERK_NOT_UNLOCKED: '好友人数还不够，暂不能领取',
  PERK_UNAVAILABLE: '该活动暂未开放或已结束',
  TIER_NOT_ELIGIBLE: '当前会员等级暂不能参加',
  POSTER_UNAVAILABLE: '海报生成失败，请稍后重试',
  SHARE_NOT_FOUND: '分享已失效或不存在',
} satisfies Record<InviteRefusal | 'NOT_A_MEMBER', string>;

export const inviteErrorText = (error: CloudError | null | undefined): string => errorTextFor(error, INVITE_ERROR_TEXT);

/** '1 / 3 位好友'. */
export function perkCountText(perk: Pick<PerkView, 'count' | 'requiredFriends'>): string {
  return `${perk.count} / ${perk.requiredFriends} 位好友`;
}

/** What is left, in the server's numbers: '还差 2 位好友', or '' once complete or unlocked. */
export function perkRemainingText(perk: Pick<PerkView, 'remaining' | 'unlocked'>): string {
  return !perk.unlocked && perk.remaining > 0 ? `还差 ${perk.remaining} 位好友` : '';
}

/** The perk's state as a tag: 已解锁, 可领取, 暂不可参加 or 进行中. */
export function perkStateText(perk: Pick<PerkView, 'unlocked' | 'claimable' | 'eligible'>): string {
  if (perk.unlocked) return '已解锁';
  if (perk.claimable) return '可领取';
  return perk.eligible ? '进行中' : '暂不可参加';
}

/** 0..100 for the progress bar. */
export function perkPercent(perk: Pick<PerkView, 'count' | 'requiredFriends' | 'unlocked'>): number {
  if (perk.unlocked) return 100;
  if (perk.requiredFriends <= 0) return 0;
  return Math.min(100, Math.round((perk.count / perk.requiredFriends) * 100));
}

const FRIEND_STATUS_TEXT: Record<InfluenceFriend['status'], string> = { counted: '已加入', flagged: '审核中', void: '未计入' };

/** A friend's referral as the sharer reads it (flagged ones wait for staff review). */
export const friendStatusText = (status: InfluenceFriend['status']): string => FRIEND_STATUS_TEXT[status] ?? '';

export type PurchaseBucketKey = keyof InfluenceView['purchases'];

export const PURCHASE_BUCKETS: ReadonlyArray<{ key: PurchaseBucketKey; label: string; hint: string }> = [
  { key: 'pending', label: '待确认', hint: '退款期结束后计入' },
  { key: 'confirmed', label: '已确认', hint: '已计入并发放奖励' },
  { key: 'reversed', label: '已退款', hint: '不计入' },
];
