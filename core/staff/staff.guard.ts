/**
 * The staff guard every admin action goes through: the role is read on the server, and the
 * attempt — allowed or denied — is written to the audit log.
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
import { appendAudit, recordDenial } from '../audit/audit.repo';
import { targetDigest } from '../audit/audit.rules';
import { now } from '../platform/clock';
import { fail, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { findStaffRole } from './staff.repo';
import { can, type Permission, type Role } from './staff.rules';

export async function asStaff<T, C extends string>(
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

async function auditOrLog(
  write: () => Promise<void>,
  entry: { actor: string; role: string; action: string; target: Record<string, unknown> },
  outcome: string,
): Promise<void> {
  try {
    await write();
  } catch (e) {
    // Enough to rebuild the line from the function's log: who, what, how it ended, which target.
    console.error(`AUDIT WRITE FAILED: ${entry.action} by ${entry.actor} (${entry.role}) ${outcome}, target ${targetDigest(entry.target)}`, e);
  }
}
