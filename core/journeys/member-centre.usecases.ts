import { ladderViewFor } from '../ladder/ladder.usecases';
import type { MyLadderView } from '../ladder/ladder.view';
import { toSessionProfile, type SessionProfile } from '../members/member.rules';
import { openSession } from '../members/member.usecases';
import { now } from '../platform/clock';
import { ok, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { pointsSummary, type PointsSummary } from '../points/points.usecases';
import { countAvailableCoupons } from '../rewards/rewards.repo';

export interface MemberCentre {
  profile: SessionProfile;
  points: PointsSummary;
  ladder: MyLadderView;
  coupons: { available: number };
}

/**
 * Everything the member centre shows, in one function call: profile, points (with what expires
 * soon), where the member stands on the ladder, and how many coupons are ready to use. The reads
 * run in parallel; none of them grows with the member's history.
 */
export async function memberCentre(ctx: ActionContext): Promise<Result<MemberCentre>> {
  const { member, role } = await openSession(ctx);
  const { openid } = ctx.caller;
  const [points, ladder, available] = await Promise.all([
    pointsSummary(ctx.db, openid),
    // The member record is already read: the ladder needs only its configuration and the facts.
    ladderViewFor(ctx.db, openid, member),
    countAvailableCoupons(ctx.db, openid, now()),
  ]);
  return ok({ profile: toSessionProfile(member, role), points, ladder: ladder.me, coupons: { available } });
}
