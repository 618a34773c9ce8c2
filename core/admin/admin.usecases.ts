import { z } from 'zod';
import { appendAudit, recentAudit, type AuditEntry } from '../audit/audit.repo';
import { findMember, MEMBERS, nicknamesOf } from '../members/member.repo';
import type { Role } from '../members/member.rules';
import { TIERS, TIER_NAMES, type Tier } from '../members/tiers';
import { now } from '../platform/clock';
import { fail, ok, type ErrorCode, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { can, type Permission, type StaffRecord } from '../staff/staff.rules';
import { findStaffRole, listStaff, removeStaff, saveStaff } from '../staff/staff.repo';

/**
 * Every admin action goes through here: the role is read on the server, and the attempt —
 * allowed or denied — is written to the audit log.
 */
export async function asStaff<T, C extends string = ErrorCode>(
  ctx: ActionContext,
  permission: Permission,
  action: string,
  target: Record<string, unknown>,
  body: (role: Role) => Promise<Result<T, C>>,
): Promise<Result<T, C | 'FORBIDDEN'>> {
  const role = await findStaffRole(ctx.db, ctx.caller.openid);
  const entry = { actor: ctx.caller.openid, role, action, target, at: now() };
  if (!can(role, permission)) {
    await appendAudit(ctx.db, { ...entry, outcome: 'denied' });
    return fail('FORBIDDEN', '没有权限执行此操作');
  }
  const result = await body(role);
  await appendAudit(ctx.db, { ...entry, outcome: result.ok ? 'ok' : 'failed', detail: result.ok ? undefined : result.error.code });
  return result;
}

export interface Overview {
  tiers: Array<{ tier: Tier; name: string; count: number }>;
  members: number;
  staff: number;
}

export function overview(ctx: ActionContext): Promise<Result<Overview>> {
  return asStaff(ctx, 'admin.view', 'admin.overview', {}, async () => {
    const _ = ctx.db.command;
    // One count per step; counts come from the database, never from a shared counter document.
    const counts = await Promise.all(TIERS.map((tier) => ctx.db.collection(MEMBERS).where({ tier }).count()));
    const members = (await ctx.db.collection(MEMBERS).where({ joinedAt: _.neq(null) }).count()).total;
    const staff = (await listStaff(ctx.db)).length;
    return ok({ tiers: TIERS.map((tier, i) => ({ tier, name: TIER_NAMES[tier], count: counts[i].total })), members, staff });
  });
}

export function staffList(ctx: ActionContext): Promise<Result<{ staff: Array<StaffRecord & { nickname: string }> }>> {
  return asStaff(ctx, 'staff.manage', 'staff.list', {}, async () => {
    const staff = await listStaff(ctx.db);
    const names = await nicknamesOf(ctx.db, staff.map((s) => s._id));
    const named = staff.map((s) => ({ ...s, nickname: names.get(s._id) ?? '(未登录过)' }));
    return ok({ staff: named });
  });
}

export const grantInput = z.object({ openid: z.string().min(1).max(64), role: z.enum(['moderator', 'admin']) });
export function grantRole(ctx: ActionContext, input: z.infer<typeof grantInput>): Promise<Result<{ openid: string; role: string }>> {
  return asStaff(ctx, 'staff.manage', 'staff.grant', { openid: input.openid, role: input.role }, async () => {
    if (!(await findMember(ctx.db, input.openid))) return fail('NOT_FOUND', '该用户还没有打开过小程序');
    await saveStaff(ctx.db, { _id: input.openid, role: input.role, grantedBy: ctx.caller.openid, grantedAt: now() });
    return ok({ openid: input.openid, role: input.role });
  });
}

export const revokeInput = z.object({ openid: z.string().min(1).max(64) });
export function revokeRole(ctx: ActionContext, input: z.infer<typeof revokeInput>): Promise<Result<{ openid: string }>> {
  return asStaff(ctx, 'staff.manage', 'staff.revoke', { openid: input.openid }, async () => {
    if (input.openid === ctx.caller.openid) return fail('CONFLICT', '不能撤销自己的权限，请让另一位管理员操作');
    if ((await removeStaff(ctx.db, input.openid)) === 0) return fail('NOT_FOUND', '该用户不是工作人员');
    return ok({ openid: input.openid });
  });
}

export const auditInput = z.object({
  limit: z.number().int().min(1).max(100).default(30),
  before: z.string().datetime().optional(),
  /** Hide reads (lists and views): what staff changed, allowed or not. */
  changesOnly: z.boolean().default(false),
});
export function auditLog(ctx: ActionContext, input: z.infer<typeof auditInput>): Promise<Result<{ entries: AuditEntry[] }>> {
  return asStaff(ctx, 'audit.view', 'audit.view', {}, async () => ok({ entries: await recentAudit(ctx.db, input.limit, input.before ? new Date(input.before) : undefined, input.changesOnly) }));
}
