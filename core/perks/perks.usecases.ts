/**
 * Perks for the member (`perks.list`, `perks.claim`). Progress is computed from the referrals
 * recorded when friends joined through the member's cards; claiming writes the unlock (one per
 * member and perk, by its id) and, for a coupon perk, the coupon, in one transaction.
 */
import { z } from 'zod';
import { getTierBenefits } from '../ladder/ladder.usecases';
import { findMember } from '../members/member.repo';
import { now } from '../platform/clock';
import { fail, ok } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { inTransaction } from '../platform/transaction';
import type { CouponDoc } from '../rewards/rewards.model';
import { putCoupon } from '../rewards/rewards.repo';
import { couponExpiry } from '../rewards/rewards.rules';
import type { PerksResult } from './perks.errors';
import type { PerkDoc, PerkUnlockDoc, PerkView } from './perks.model';
import { engagedFriends, findPerk, findUnlock, listPerks, putUnlock, unlocksOf } from './perks.repo';
import { perkBlock, perkCouponId, perkProgress, unlockId, type PerkBlockCode } from './perk.rules';
import { toPerkView } from './perks.views';

export const claimPerkInput = z
  .object({
    perkId: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/, '活动编号格式有误'),
  })
  .strict();

export async function myPerks(ctx: ActionContext): Promise<PerksResult<{ perks: PerkView[] }>> {
  const at = now();
  const member = await findMember(ctx.db, ctx.caller.openid);
  const [perks, friends, unlocks, benefits] = await Promise.all([
    listPerks(ctx.db, 'active'),
    member ? engagedFriends(ctx.db, member._id) : Promise.resolve([]),
    member ? unlocksOf(ctx.db, member._id) : Promise.resolve([]),
    getTierBenefits(ctx.db, member?.tier ?? 'follower'),
  ]);
  const byPerk = new Map(unlocks.map((u) => [u.perkId, u]));
  const visible = perks.filter((p) => byPerk.has(p._id) || perkBlock(member, p, benefits.perksEligible, at)?.code !== 'PERK_UNAVAILABLE');
  return ok({
    perks: visible.map((p) =>
      toPerkView(p, perkProgress(p, friends, ctx.caller.openid), byPerk.get(p._id) ?? null, perkBlock(member, p, benefits.perksEligible, at)),
    ),
  });
}

type ClaimError = PerkBlockCode | 'CONFLICT';

export async function claimPerk(
  ctx: ActionContext,
  input: z.infer<typeof claimPerkInput>,
): Promise<PerksResult<{ perk: PerkView; replayed: boolean }, ClaimError>> {
  const memberId = ctx.caller.openid;
  const friends = await engagedFriends(ctx.db, memberId);
  const id = unlockId(input.perkId, memberId);
  const result = await inTransaction(ctx.db, async (tx): Promise<PerksResult<{ perk: PerkDoc; unlock: PerkUnlockDoc; replayed: boolean }, ClaimError>> => {
    // Read in each attempt: a retry decides (the perk's window) and writes at its own time.
    const at = now();
    const perk = await findPerk(tx, input.perkId);
    const existing = await findUnlock(tx, id);
    if (perk && existing) return ok({ perk, unlock: existing, replayed: true });
    const fresh = await findMember(tx, memberId);
    // The tier's benefits (a settings read, outside the transaction) for the member as the transaction sees them.
    const { perksEligible } = await getTierBenefits(ctx.db, fresh?.tier ?? 'follower');
    const block = perkBlock(fresh, perk, perksEligible, at);
    if (block) return fail(block.code, block.message);
    const progress = perkProgress(perk!, friends, memberId);
    if (!progress.complete) return fail('PERK_NOT_UNLOCKED', `还差 ${progress.remaining} 位好友即可解锁`);
    const couponId = perk!.kind === 'coupon' && perk!.coupon ? perkCouponId(id) : null;
    if (couponId) {
      const coupon: CouponDoc = {
        _id: couponId,
        memberId,
        rewardId: `perk:${perk!._id}`,
        title: perk!.title,
        valueFen: perk!.coupon!.valueFen,
        minSpendFen: perk!.coupon!.minSpendFen,
        state: 'available',
        issuedAt: at,
        expiresAt: couponExpiry(at, perk!.coupon!.validDays),
        usedAt: null,
        redemptionId: `perk:${id}`,
      };
      await putCoupon(tx, coupon);
    }
    const unlock: PerkUnlockDoc = {
      _id: id,
      perkId: perk!._id,
      memberId,
      friendIds: progress.counted.slice(0, perk!.requiredFriends).map((f) => f.memberId),
      couponId,
      unlockedAt: at,
    };
    await putUnlock(tx, unlock);
    return ok({ perk: perk!, unlock, replayed: false });
  });
  if (!result.ok) return result;
  const { perk, unlock, replayed } = result.data;
  return ok({ perk: toPerkView(perk, perkProgress(perk, friends, memberId), unlock, null), replayed });
}
