/**
 * `member.join`: membership, then what joining sets off in other areas — the ladder's 'joined'
 * fact (the step from 基础用户 to 未购会员, with its tier_changes record) and the referral of the
 * sharer whose card brought the member. Each step is idempotent, so a repeated join finishes one
 * that failed midway.
 */
import { recordLadderFact } from '../ladder/ladder.usecases';
import { markJoined, findMember } from '../members/member.repo';
import { joinMembership, toSessionProfile, type JoinInput, type Member, type SessionProfile } from '../members/member.rules';
import { callerRecord } from '../members/member.usecases';
import { membersWhoPaid } from '../orders/orders.repo';
import { now } from '../platform/clock';
import { ok, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { attributeJoin } from '../referrals/referrals.usecases';
import { findStaffRole } from '../staff/staff.repo';

export async function join(ctx: ActionContext, input: JoinInput): Promise<Result<{ profile: SessionProfile }>> {
  const { openid } = ctx.caller;
  const member = await callerRecord(ctx);
  const decided = joinMembership(member, input, now());
  if (!decided.ok) return decided;
  let current: Member = member;
  if (decided.data) {
    // Conditional on not having joined yet, so two taps (or two devices) join once.
    await markJoined(ctx.db, openid, decided.data);
    current = (await findMember(ctx.db, openid)) ?? member;
  }
  // The ladder is the only writer of `tier`: the 'joined' fact moves the step and records the
  // change in one transaction. Idempotent, so it also finishes a join whose evaluation failed.
  if (current.joinedAt && current.tier === 'follower') {
    const moved = await recordLadderFact(ctx.db, { kind: 'joined', memberId: openid, joinedAt: current.joinedAt });
    if (moved.ok) current = { ...current, tier: moved.data.tier };
  }
  if (current.joinedAt) await attributeJoinSafely(ctx, current.joinedAt);
  return ok({ profile: toSessionProfile(current, await findStaffRole(ctx.db, openid)) });
}

/**
 * Credits the sharer whose card brought this member (first touch), after the join is recorded.
 * Idempotent (one referral per member), so a repeated join finishes one that failed. A referral
 * problem must never fail a join: it is logged and the join goes on.
 */
async function attributeJoinSafely(ctx: ActionContext, joinedAt: Date): Promise<void> {
  try {
    await attributeJoin(ctx.db, ctx.caller.openid, new Date(joinedAt), { paidAmong: membersWhoPaid });
  } catch (e) {
    console.error(`referral attribution for ${ctx.caller.openid} failed`, e);
  }
}
