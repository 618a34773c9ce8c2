import { now } from '../platform/clock';
import { readOrNull, type Database, type DocRef } from '../platform/database';
import { fail, ok, type Result } from '../platform/result';
import { SETTINGS } from '../platform/settings.repo';
import { inTransaction } from '../platform/transaction';
import { staffChangeProblem, type Role, type StaffChange, type StaffChangeProblem, type StaffRecord, type StaffRole } from './staff.rules';

export const STAFF = 'staff';

export async function findStaffRole(db: Database, openid: string): Promise<Role> {
  return roleIn(db.collection(STAFF).doc(openid));
}

/** Where the openids already bootstrapped from configuration are remembered (settings collection). */
const BOOTSTRAP_MARKS = { collection: SETTINGS, id: 'staff-bootstrap' } as const;

/**
 * Makes a configured first admin an admin, once per openid ever: the mark outlives a later
 * revoke, so an admin who was revoked stays revoked even while their openid is still in the
 * configuration. One transaction writes the role and the mark together. Returns false when the
 * openid was bootstrapped before (then they are whatever staff made of them since).
 */
export async function bootstrapAdminOnce(db: Database, openid: string): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const marks = tx.collection(BOOTSTRAP_MARKS.collection).doc(BOOTSTRAP_MARKS.id);
    const done = (await readOrNull<{ done?: Record<string, unknown> }>(marks))?.done ?? {};
    if (Object.prototype.hasOwnProperty.call(done, openid)) return false;
    const at = now();
    await tx
      .collection(STAFF)
      .doc(openid)
      .set({ data: { role: 'admin', grantedBy: 'bootstrap', grantedAt: at } });
    await marks.set({ data: { done: { ...done, [openid]: at } } });
    return true;
  });
}

async function roleIn(ref: DocRef): Promise<Role> {
  return (await readOrNull<StaffRecord>(ref))?.role ?? 'customer';
}

/**
 * Grants or revokes a role in one transaction that reads the caller's and the target's records
 * and judges the change on them (staffChangeProblem). The caller's own record is written too (a
 * counter): two admins demoting each other at the same moment then write the same two documents,
 * so one transaction conflicts, retries, finds its caller no longer an admin, and is refused.
 * Reading alone would not do it: under snapshot isolation both would see two admins and both would
 * commit (write skew), leaving none.
 */
export async function changeStaff(
  db: Database,
  callerId: string,
  change: StaffChange,
): Promise<Result<{ role: StaffRole | null }, StaffChangeProblem['code']>> {
  const _ = db.command;
  return inTransaction(db, async (tx) => {
    const staff = tx.collection(STAFF);
    const callerRole = await roleIn(staff.doc(callerId));
    const targetRole = change.openid === callerId ? callerRole : await roleIn(staff.doc(change.openid));
    const problem = staffChangeProblem({ openid: callerId, role: callerRole }, targetRole, change);
    if (problem) return fail(problem.code, problem.message);
    const at = now();
    if (change.openid !== callerId) await staff.doc(callerId).update({ data: { staffChanges: _.inc(1) } });
    if (change.kind === 'revoke') {
      await staff.doc(change.openid).remove();
      return ok({ role: null });
    }
    await staff.doc(change.openid).set({ data: { role: change.role, grantedBy: callerId, grantedAt: at } });
    return ok({ role: change.role });
  });
}

export async function listStaff(db: Database): Promise<StaffRecord[]> {
  return (await db.collection(STAFF).orderBy('grantedAt', 'desc').limit(100).get()).data as StaffRecord[];
}
