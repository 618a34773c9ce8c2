/**
 * The admin home: the overview, the staff and their roles, the audit log. Every call goes through
 * asStaff (core/staff/staff.guard.ts): the role is read on the server and the attempt audited.
 */
import { z } from 'zod';
import { recentAudit, type AuditEntry } from '../audit/audit.repo';
import { countByTier, countJoined, findMember, nicknamesOf } from '../members/member.repo';
import { TIERS, TIER_NAMES, type Tier } from '../members/tiers';
import { fail, ok, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { asStaff } from '../staff/staff.guard';
import { changeStaff, listStaff } from '../staff/staff.repo';
import type { StaffRecord } from '../staff/staff.rules';

export interface Overview {
  tiers: Array<{ tier: Tier; name: string; count: number }>;
  members: number;
  staff: number;
}

export function overview(ctx: ActionContext): Promise<Result<Overview>> {
  return asStaff(ctx, 'admin.view', 'admin.overview', {}, async () => {
    // One count per step; counts come from the database, never from a shared counter document.
    const counts = await Promise.all(TIERS.map((tier) => countByTier(ctx.db, tier)));
    const members = await countJoined(ctx.db);
    const staff = (await listStaff(ctx.db)).length;
    return ok({ tiers: TIERS.map((tier, i) => ({ tier, name: TIER_NAMES[tier], count: counts[i] })), members, staff });
  });
}

export function staffList(ctx: ActionContext): Promise<Result<{ staff: Array<StaffRecord & { nickname: string }> }>> {
  return asStaff(ctx, 'staff.manage', 'staff.list', {}, async () => {
    const staff = await listStaff(ctx.db);
    const names = await nicknamesOf(
      ctx.db,
      staff.map((s) => s._id),
    );
    // Field by field: a record also carries bookkeeping (staffChanges) that is nobody's business.
    const named = staff.map((s) => ({ _id: s._id, role: s.role, grantedBy: s.grantedBy, grantedAt: s.grantedAt, nickname: names.get(s._id) ?? '(未登录过)' }));
    return ok({ staff: named });
  });
}

/** A WeChat OPENID (28 characters of [A-Za-z0-9_-]); demo and test ids use the same alphabet. */
const openidInput = z
  .string({ error: '请填写用户编号' })
  .min(1, '请填写用户编号')
  .max(64, '用户编号最多 64 位')
  .regex(/^[A-Za-z0-9_-]+$/, '用户编号格式有误');

export const grantInput = z.object({ openid: openidInput, role: z.enum(['moderator', 'admin']) });
/** NOT_FOUND for someone who never opened the app; CONFLICT for lowering your own role (see staffChangeProblem). */
export function grantRole(ctx: ActionContext, input: z.infer<typeof grantInput>): Promise<Result<{ openid: string; role: string }>> {
  return asStaff(ctx, 'staff.manage', 'staff.grant', { openid: input.openid, role: input.role }, async () => {
    if (!(await findMember(ctx.db, input.openid))) return fail('NOT_FOUND', '该用户还没有打开过小程序');
    const changed = await changeStaff(ctx.db, ctx.caller.openid, { kind: 'grant', openid: input.openid, role: input.role });
    return changed.ok ? ok({ openid: input.openid, role: input.role }) : changed;
  });
}

export const revokeInput = z.object({ openid: openidInput });
/** CONFLICT for yourself; NOT_FOUND for someone without a role. */
export function revokeRole(ctx: ActionContext, input: z.infer<typeof revokeInput>): Promise<Result<{ openid: string }>> {
  return asStaff(ctx, 'staff.manage', 'staff.revoke', { openid: input.openid }, async () => {
    const changed = await changeStaff(ctx.db, ctx.caller.openid, { kind: 'revoke', openid: input.openid });
    return changed.ok ? ok({ openid: input.openid }) : changed;
  });
}

export const auditInput = z.object({
  limit: z.number().int().min(1).max(100).default(30),
  before: z.string().datetime().optional(),
  /** Hide reads (lists and views): what staff changed, allowed or not. */
  changesOnly: z.boolean().default(false),
});
export function auditLog(ctx: ActionContext, input: z.infer<typeof auditInput>): Promise<Result<{ entries: AuditEntry[] }>> {
  return asStaff(ctx, 'audit.view', 'audit.view', {}, async () =>
    ok({ entries: await recentAudit(ctx.db, input.limit, input.before ? new Date(input.before) : undefined, input.changesOnly) }),
  );
}
