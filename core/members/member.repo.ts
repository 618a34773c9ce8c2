import { isDocumentMissing, isDuplicateKey, type Database } from '../platform/database';
import type { Member } from './member.rules';

export const MEMBERS = 'members';

/** A member's document id is their OPENID: one point read per session, and no duplicates by construction. */
export async function findMember(db: Database, openid: string): Promise<Member | null> {
  try {
    return (await db.collection(MEMBERS).doc(openid).get()).data as Member;
  } catch (e) {
    if (isDocumentMissing(e)) return null;
    throw e;
  }
}

/** Nicknames of several members in one query (a page of a list); members not found are absent. */
export async function nicknamesOf(db: Database, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const { data } = await db.collection(MEMBERS).where({ _id: db.command.in(unique) }).field({ nickname: true }).limit(unique.length).get();
  return new Map((data as Array<Pick<Member, '_id' | 'nickname'>>).map((m) => [m._id, m.nickname]));
}

/** Creates the member unless a concurrent first open already did; either way returns the stored one. */
export async function insertMemberIfAbsent(db: Database, member: Member): Promise<Member> {
  try {
    await db.collection(MEMBERS).add({ data: { ...member } });
    return member;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const existing = await findMember(db, member._id);
    if (!existing) throw e;
    return existing;
  }
}

export async function updateMember(db: Database, openid: string, changes: Partial<Omit<Member, '_id'>>): Promise<void> {
  await db.collection(MEMBERS).doc(openid).update({ data: changes });
}
