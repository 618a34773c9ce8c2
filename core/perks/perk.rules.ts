/**
 * Share-to-unlock, as pure rules: which friends count toward a perk, how far the member is, and
 * the words that explain it. Only genuine engagement counts (a friend who joined through the
 * member's card, and bought when the perk asks for it): never a share or an open.
 */
import { createHash } from 'node:crypto';
import { TIER_NAMES, TIERS, tierRank, type Tier } from '../members/tiers';
import type { ErrorCode } from '../platform/result';
import { maskNickname } from '../referrals/referral.rules';
import type { PerksErrorCode } from './perks.errors';
import type { EngagedFriend, PerkDoc, PerkEngagement, PerkHelperView } from './perks.model';

export function perkRule(perk: Pick<PerkDoc, 'requiredFriends' | 'engagement'>): string {
  const action = perk.engagement === 'join' ? '加入会员' : '加入会员并完成首单';
  return `邀请 ${perk.requiredFriends} 位好友通过你的分享${action}即可解锁（仅分享或打开不计入）`;
}

function inWindow(perk: Pick<PerkDoc, 'startsAt' | 'endsAt'>, at: Date): boolean {
  return at.getTime() >= new Date(perk.startsAt).getTime() && (perk.endsAt === null || at.getTime() <= new Date(perk.endsAt).getTime());
}

function engaged(friend: EngagedFriend, engagement: PerkEngagement): boolean {
  return engagement === 'join' || friend.bought;
}

/** The friends who count, earliest joiner first, distinct by member. */
export function countedFriends(perk: Pick<PerkDoc, 'startsAt' | 'endsAt' | 'engagement'>, friends: EngagedFriend[], memberId: string): EngagedFriend[] {
  const seen = new Set<string>();
  return [...friends]
    .sort((a, b) => new Date(a.joinedAt).getTime() - new Date(b.joinedAt).getTime() || a.memberId.localeCompare(b.memberId))
    .filter((f) => {
      if (f.memberId === memberId || seen.has(f.memberId)) return false;
      if (!inWindow(perk, new Date(f.joinedAt)) || !engaged(f, perk.engagement)) return false;
      seen.add(f.memberId);
      return true;
    });
}

export interface PerkProgress {
  counted: EngagedFriend[];
  count: number;
  remaining: number;
  complete: boolean;
}

export function perkProgress(
  perk: Pick<PerkDoc, 'startsAt' | 'endsAt' | 'engagement' | 'requiredFriends'>,
  friends: EngagedFriend[],
  memberId: string,
): PerkProgress {
  const counted = countedFriends(perk, friends, memberId);
  const count = Math.min(counted.length, perk.requiredFriends);
  return { counted, count, remaining: perk.requiredFriends - count, complete: count >= perk.requiredFriends };
}

export function helperViews(progress: PerkProgress, required: number): PerkHelperView[] {
  return progress.counted.slice(0, required).map((f) => ({ name: maskNickname(f.nickname), joinedAt: new Date(f.joinedAt).toISOString(), bought: f.bought }));
}

export type PerkBlockCode = Extract<ErrorCode, 'NOT_A_MEMBER'> | PerksErrorCode;

/** Why the member cannot take part in the perk now, or null. `perksEligible` comes from the tier's benefits. */
export function perkBlock(
  member: { tier: Tier; joinedAt: Date | string | null } | null,
  perk: Pick<PerkDoc, 'status' | 'minTier' | 'startsAt' | 'endsAt'> | null,
  perksEligible: boolean,
  at: Date,
): { code: PerkBlockCode; message: string } | null {
  if (!perk || perk.status !== 'active' || at.getTime() < new Date(perk.startsAt).getTime()) return { code: 'PERK_UNAVAILABLE', message: '该活动暂未开放' };
  if (perk.endsAt && at.getTime() > new Date(perk.endsAt).getTime()) return { code: 'PERK_UNAVAILABLE', message: '该活动已结束' };
  if (!member || !member.joinedAt) return { code: 'NOT_A_MEMBER', message: '加入会员后即可参加' };
  if (!perksEligible || tierRank(member.tier) < tierRank(perk.minTier)) {
    const name = TIER_NAMES[perk.minTier];
    return { code: 'TIER_NOT_ELIGIBLE', message: perk.minTier === TIERS[TIERS.length - 1] ? `仅限${name}参加` : `${name}及以上可参加` };
  }
  return null;
}

export function unlockId(perkId: string, memberId: string): string {
  return `${perkId}:${memberId}`;
}

export function perkCouponId(unlock: string): string {
  return `cpn_perk_${createHash('sha1').update(unlock).digest('hex').slice(0, 20)}`;
}
