import { isDocumentMissing, type Database, type DocRef } from '../platform/database';
import type { Role, StaffRole } from '../members/member.rules';
import { now } from '../platform/clock';
import { fail, ok, type Result } from '../platform/result';
import { inTransaction } from '../platform/transaction';
import { staffChangeProblem, type StaffChange, type StaffChangeProblem, type StaffRecord } from './staff.rules';

export const STAFF = 'staff';

export async function findStaffRole(db: Database, openid: string): Promise<Role> {
  try {
    const { data } = await db.collection(STAFF).doc(openid).get();
    return (data as StaffRecord).role;
  } catch (e) {
    if (isDocumentMissing(e)) return 'customer';
    throw e;
  }
}

export async function saveStaff(db: Database, record: StaffRecord): Promise<void> {
  const { _id, ...rest } = record;
  await db.collection(STAFF).doc(_id).set({ data: rest });
}

async function roleIn(ref: DocRef): Promise<Role> {
  try {
    // In a transaction a missing document may come back as null data rather than an error.
    return ((await ref.get()).data as StaffRecord | null)?.role ?? 'customer';
  } catch (e) {
    if (isDocumentMissing(e)) return 'customer';
    throw e;
  }
}

/**
 * Grants or revokes a role in one transaction that reads the caller's and the target's records
 * and judges the change on them (staffChangeProblem). The caller's own record is written too (a
 * counter): two admins demoting each other at the same moment then write the same two documents,
 * so one transaction conflicts, retries, finds its caller no longer an admin, and is refused.
 * Reading alone would not do it: under snapshot isolation both would see two admins and both would
 * commit (write skew), leaving none.
 */
export async function changeStaff(db: Database, callerId: string, change: StaffChange): Promise<Result<{ role: StaffRole | null }, StaffChangeProblem['code']>> {
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

export type { StaffRole };
