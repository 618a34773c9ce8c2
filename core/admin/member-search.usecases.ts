/** `admin.findMembers`: the member picker's search (see member-search.rules.ts for what matches). */
import { findMember, membersByNickname, membersByPhoneEnding } from '../members/member.repo';
import { findOrder, paidOrderCounts } from '../orders/orders.repo';
import { ok, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { asStaff } from '../staff/staff.guard';
import { MEMBER_SEARCH_LIMIT, mergeMatches, searchPlan, toMemberMatch, type FindMembersInput, type MemberFound, type MemberMatch } from './member-search.rules';

/**
 * Every staff role may search (`admin.view`): moderators look up orders, admins adjust points and
 * grant roles, and all of them pick the member this way. The query is audited like any staff read.
 */
export function findMembers(ctx: ActionContext, input: FindMembersInput): Promise<Result<{ members: MemberMatch[]; more: boolean }, 'FORBIDDEN'>> {
  return asStaff(ctx, 'admin.view', 'members.find', { query: input.query }, async () => {
    const plan = searchPlan(input.query);
    // One more than shown, so the picker can say there are more and ask for a longer query.
    const limit = MEMBER_SEARCH_LIMIT + 1;
    const [buyer, byPhone, byNickname] = await Promise.all([
      plan.orderId ? buyerOf(ctx, plan.orderId) : Promise.resolve([]),
      plan.phoneEnding ? membersByPhoneEnding(ctx.db, plan.phoneEnding, limit) : Promise.resolve([]),
      membersByNickname(ctx.db, plan.nicknamePattern, limit),
    ]);
    const { members, more } = mergeMatches([buyer, byPhone, byNickname], MEMBER_SEARCH_LIMIT);
    const orders = await paidOrderCounts(
      ctx.db,
      members.map((m) => m._id),
    );
    return ok({ members: members.map((m) => toMemberMatch(m, orders.get(m._id) ?? 0)), more });
  });
}

async function buyerOf(ctx: ActionContext, orderId: string): Promise<MemberFound[]> {
  const order = await findOrder(ctx.db, orderId);
  const member = order ? await findMember(ctx.db, order.memberId) : null;
  return member ? [member] : [];
}
