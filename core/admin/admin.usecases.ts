import { z } from 'zod';
import { appendAudit, recentAudit, recordDenial, type AuditEntry } from '../audit/audit.repo';
import { targetDigest } from '../audit/audit.rules';
import { findMember, MEMBERS, nicknamesOf } from '../members/member.repo';
import type { Role } from '../members/member.rules';
import { TIERS, TIER_NAMES, type Tier } from '../members/tiers';
import { now } from '../platform/clock';
import { fail, ok, type ErrorCode, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { can, type Permission, type StaffRecord } from '../staff/staff.rules';
import { changeStaff, findStaffRole, listStaff } from '../staff/staff.repo';

/**
 * Every admin action goes through here: the role is read on the server, and the attempt —
 * allowed or denied — is written to the audit log.
 *
 * A denial is recorded without what was sent (its ids and a digest) and coalesced per caller,
 * action and 10 minutes (recordDenial), so refused calls cannot flood the log. The audit never
 * changes the answer:
 *  - a denial whose audit write fails is still FORBIDDEN (the failure is logged): an attacker who
 *    can make the log fail learns nothing and gains nothing;
 *  - an allowed action whose audit write fails returns its own result and logs the failure loudly
 *    (console.error, the cloud function's log). The change has happened and cannot be undone here;
 *    answering INTERNAL would invite a retry of something that already took effect. Changes of
 *    settings are versioned with their author anyway (settings/ladder, settings/referral).
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
    await auditOrLog(() => recordDenial(ctx.db, entry), entry, 'denied');
    return fail('FORBIDDEN', '没有权限执行此操作');
  }
  const result = await body(role);
  const outcome = result.ok ? 'ok' : 'failed';
  await auditOrLog(() => appendAudit(ctx.db, { ...entry, outcome, detail: result.ok ? undefined : result.error.code }), entry, outcome);
  return result;
}

async function auditOrLog(write: () => Promise<void>, entry: { actor: string; role: string; action: string; target: Record<string, unknown> }, outcome: string): Promise<void> {
  try {
    await write();
  } catch (e) {
    // Enough to rebuild the line from the function's log: who, what, how it ended, which target.
    console.error(`AUDIT WRITE FAILED: ${entry.action} by ${entry.actor} (${entry.role}) ${outcome}, target ${targetDigest(entry.target)}`, e);
  }
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
    // Field by field: a record also carries bookkeeping (staffChanges) that is nobody's business.
    const named = staff.map((s) => ({ _id: s._id, role: s.role, grantedBy: s.grantedBy, grantedAt: s.grantedAt, nickname: names.get(s._id) ?? '(未登录过)' }));
    return ok({ staff: named });
  });
}

/** A WeChat OPENID (28 characters of [A-Za-z0-9_-]); demo and test ids use the same alphabet. */
const openidInput = z.string({ error: '请填写用户编号' }).min(1, '请填写用户编号').max(64, '用户编号最多 64 位').regex(/^[A-Za-z0-9_-]+$/, '用户编号格式有误');

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
  return asStaff(ctx, 'audit.view', 'audit.view', {}, async () => ok({ entries: await recentAudit(ctx.db, input.limit, input.before ? new Date(input.before) : undefined, input.changesOnly) }));
}
