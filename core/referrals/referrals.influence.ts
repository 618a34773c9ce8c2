/**
 * `referral.influence`: what the caller's shares achieved — shares, visits, friends who joined,
 * purchases through them by status, points earned — and progress to 品牌KOC in the ladder's own
 * terms. One round of parallel reads plus one for names; none of them grows with history except
 * the counts, which the database computes.
 */
import { loadLadderConfig } from '../ladder/ladder.repo';
import { ladderViewFor } from '../ladder/ladder.usecases';
import { memberNames } from '../members/member.repo';
import { ok, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import type { ReferralConfig } from './referral.config';
import { loadReferralConfig } from './referral-settings.repo';
import { kocText, maskNickname, pendingText, purchaseBucketOf, purchaseStatusText } from './referral.rules';
import type { ConversionDoc, InfluenceView, PurchaseBucket } from './referrals.model';
import { conversionTotalsOf, countReferralsOf, countShares, countVisits, listReferralsOf, recentConversionsOf, type StatusTotals } from './referrals.repo';

const LIST_LIMIT = 20;
const iso = (d: Date | string) => new Date(d).toISOString();

function bucket(totals: Map<string, StatusTotals>, statuses: string[]): PurchaseBucket {
  return statuses.reduce((b, s) => ({ count: b.count + (totals.get(s)?.count ?? 0), payFen: b.payFen + (totals.get(s)?.payFen ?? 0) }), {
    count: 0,
    payFen: 0,
  });
}

/** The stored rules (the hold, for "confirmed after N days") are read in the same parallel round. */
export async function myInfluence(ctx: ActionContext, rules?: ReferralConfig): Promise<Result<InfluenceView>> {
  const me = ctx.caller.openid;
  const db = ctx.db;
  const [shares, visits, friendsJoined, referrals, totals, recent, ladder, ladderConfig, config] = await Promise.all([
    countShares(db, me),
    countVisits(db, me),
    countReferralsOf(db, me),
    listReferralsOf(db, me, LIST_LIMIT),
    conversionTotalsOf(db, me),
    recentConversionsOf(db, me, LIST_LIMIT),
    ladderViewFor(db, me),
    loadLadderConfig(db),
    rules ?? loadReferralConfig(db),
  ]);
  const names = await memberNames(db, [...referrals.map((r) => r._id), ...recent.map((c) => c.buyerId)]);
  const nameOf = (id: string) => maskNickname(names.get(id)?.nickname ?? '');

  const purchases = {
    pending: bucket(totals, ['pending', 'flagged']),
    confirmed: bucket(totals, ['confirmed']),
    reversed: bucket(totals, ['reversed', 'clawed_back']),
  };
  const { me: standing } = ladder;
  const need = { orders: ladderConfig.thresholds.repeatBuyerOrders, friends: ladderConfig.thresholds.kocFriends };

  return ok({
    shares,
    visits,
    friendsJoined,
    friends: referrals.map((r) => ({ nickname: nameOf(r._id), avatarUrl: names.get(r._id)?.avatarUrl ?? '', joinedAt: iso(r.joinedAt), status: r.status })),
    purchases,
    recentPurchases: recent
      .map((c: ConversionDoc) => {
        const status = purchaseBucketOf(c.status);
        if (!status) return null;
        return {
          buyer: nameOf(c.buyerId),
          payFen: c.orderPayFen,
          status,
          statusText: purchaseStatusText(c.status),
          paidAt: iso(c.paidAt ?? c.createdAt),
          confirmsAt: c.status === 'pending' && c.pendingUntil ? iso(c.pendingUntil) : null,
          rewardPoints: c.status === 'confirmed' ? c.rewardPoints : 0,
        };
      })
      .filter((p): p is NonNullable<typeof p> => p !== null),
    // Clawed-back rewards left the wallet: only confirmed conversions' points are still earned.
    pointsEarned: totals.get('confirmed')?.rewardPoints ?? 0,
    koc: {
      tier: standing.tier,
      tierName: standing.tierName,
      isKoc: standing.tier === 'koc',
      friendsBought: standing.friends,
      friendsNeeded: need.friends,
      paidOrders: standing.paidOrders,
      ordersNeeded: need.orders,
      periodDays: ladderConfig.periodDays,
      text: kocText(
        { tier: standing.tier, isMember: standing.isMember, paidOrders: standing.paidOrders, friends: standing.friends },
        need,
        ladderConfig.periodDays,
      ),
      pendingText: standing.tier === 'koc' ? null : pendingText(purchases.pending.count, config.holdDays),
    },
  });
}
