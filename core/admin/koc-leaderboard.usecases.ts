/**
 * `admin.kocLeaderboard`: the top sharers of a period by distinct friends who bought through their
 * cards, then propagation value, with what they bought themselves. It reads the referral
 * programme's conversions and the shop's orders, so it lives above both (referrals never read
 * orders: a payment records its conversion).
 */
import { memberNames } from '../members/member.repo';
import { TIER_NAMES } from '../members/tiers';
import { ownOrderValue } from '../orders/orders.repo';
import { now } from '../platform/clock';
import { ok, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { DAY_MS } from '../referrals/referral.config';
import type { KocLeaderboardInput } from '../referrals/referrals.inputs';
import type { KocLeaderboard } from '../referrals/referrals.model';
import { topSharersSince } from '../referrals/referrals.repo';
import { asStaff } from '../staff/staff.guard';

const LEADERBOARD_SIZE = 50;

export function kocLeaderboard(ctx: ActionContext, input: KocLeaderboardInput): Promise<Result<KocLeaderboard, 'FORBIDDEN'>> {
  return asStaff(ctx, 'referrals.view', 'referrals.leaderboard', { days: input.days }, async () => {
    const since = new Date(now().getTime() - input.days * DAY_MS);
    const top = await topSharersSince(ctx.db, since, LEADERBOARD_SIZE);
    const ids = top.map((t) => t.sharerId);
    const [names, own] = await Promise.all([memberNames(ctx.db, ids), ownOrderValue(ctx.db, ids, since)]);
    return ok({
      days: input.days,
      since: since.toISOString(),
      rows: top.map((t, i) => {
        const member = names.get(t.sharerId);
        const value = own.get(t.sharerId) ?? { paidFen: 0, refundedFen: 0 };
        const ownFen = value.paidFen - value.refundedFen;
        const tier = member?.tier ?? 'follower';
        return {
          rank: i + 1,
          memberId: t.sharerId,
          nickname: member?.nickname ?? '',
          tier,
          tierName: TIER_NAMES[tier],
          friends: t.friends,
          conversions: t.conversions,
          propagationFen: t.propagationFen,
          ownFen,
          totalFen: ownFen + t.propagationFen,
        };
      }),
    });
  });
}
