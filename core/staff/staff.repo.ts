import { isDocumentMissing, type Database } from '../platform/database';
import type { Role, StaffRole } from '../members/member.rules';
import type { StaffRecord } from './staff.rules';

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

export async function removeStaff(db: Database, openid: string): Promise<number> {
  return (await db.collection(STAFF).doc(openid).remove()).stats.removed;
}

export async function listStaff(db: Database): Promise<StaffRecord[]> {
  return (await db.collection(STAFF).orderBy('grantedAt', 'desc').limit(100).get()).data as StaffRecord[];
}

export type { StaffRole };
