import { isDuplicateKey, readOrNull, type Database, type TransactionDb } from '../platform/database';
import type { Member } from './member.rules';
import type { Tier } from './tiers';

export const MEMBERS = 'members';
export const DEMO_PERSONAS = 'demo_personas';

/**
 * A member's document id is their OPENID: one point read per session, and no duplicates by
 * construction. Inside a transaction too (pass the transaction).
 */
export function findMember(db: TransactionDb, openid: string): Promise<Member | null> {
  return readOrNull<Member>(db.collection(MEMBERS).doc(openid));
}

/** Nicknames of several members in one query (a page of a list); members not found are absent. */
export async function nicknamesOf(db: Database, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const { data } = await db
    .collection(MEMBERS)
    .where({ _id: db.command.in(unique) })
    .field({ nickname: true })
    .limit(unique.length)
    .get();
  return new Map((data as Array<Pick<Member, '_id' | 'nickname'>>).map((m) => [m._id, m.nickname]));
}

export interface MemberName {
  _id: string;
  nickname: string;
  avatarUrl: string;
  tier: Tier;
}

/** Names, avatars and tiers of a list of members in one query. */
export async function memberNames(db: Database, ids: string[]): Promise<Map<string, MemberName>> {
  const unique = [...new Set(ids)].filter(Boolean);
  if (unique.length === 0) return new Map();
  const { data } = await db
    .collection(MEMBERS)
    .where({ _id: db.command.in(unique) })
    .limit(unique.length)
    .field({ _id: true, nickname: true, avatarUrl: true, tier: true })
    .get();
  return new Map((data as MemberName[]).map((m) => [m._id, m]));
}

/** What staff's member search reads of a member. */
export type MemberFoundFields = Pick<Member, '_id' | 'nickname' | 'tier' | 'phone' | 'joinedAt'>;
const FOUND_FIELDS = { _id: true, nickname: true, tier: true, phone: true, joinedAt: true };

/**
 * WeChat Cloud's regular-expression query value (`db.RegExp`), which the Database type does not
 * list. A contains or ends-with match has no index to use: these scan the members, fine for a
 * search staff run by hand and capped by `limit`.
 */
function regexOf(db: Database, regexp: string, options: string): unknown {
  return (db as unknown as { RegExp(o: { regexp: string; options: string }): unknown }).RegExp({ regexp, options });
}

/** Members whose nickname matches `pattern` in any case (the caller escapes what a person typed). */
export async function membersByNickname(db: Database, pattern: string, limit: number): Promise<MemberFoundFields[]> {
  const { data } = await db
    .collection(MEMBERS)
    .where({ nickname: regexOf(db, pattern, 'i') })
    .orderBy('_id', 'asc')
    .limit(limit)
    .field(FOUND_FIELDS)
    .get();
  return data as MemberFoundFields[];
}

/** Members whose phone number ends in `digits` (digits only, checked by the caller). */
export async function membersByPhoneEnding(db: Database, digits: string, limit: number): Promise<MemberFoundFields[]> {
  const { data } = await db
    .collection(MEMBERS)
    .where({ phone: regexOf(db, `${digits}$`, '') })
    .orderBy('_id', 'asc')
    .limit(limit)
    .field(FOUND_FIELDS)
    .get();
  return data as MemberFoundFields[];
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

/** Records a join only on a record that has not joined yet: two taps (or two devices) join once. */
export async function markJoined(db: Database, openid: string, changes: Pick<Member, 'joinedAt' | 'phone' | 'termsVersion' | 'updatedAt'>): Promise<void> {
  await db
    .collection(MEMBERS)
    .where({ _id: openid, joinedAt: null })
    .update({ data: { ...changes } });
}

/** The ladder's write (the only writer of `tier`), inside its transaction. */
export async function writeTier(tx: TransactionDb, openid: string, tier: { tier: Tier; tierGraceUntil: Date | null; updatedAt: Date }): Promise<void> {
  await tx
    .collection(MEMBERS)
    .doc(openid)
    .update({ data: { ...tier } });
}

/** The points ledger's copy of the balance on the member record, inside the ledger's transaction. */
export async function writePointsCache(tx: TransactionDb, openid: string, cache: { points: number; pointsDebt: number }): Promise<void> {
  await tx
    .collection(MEMBERS)
    .doc(openid)
    .update({ data: { ...cache } });
}

/** Members on one step of the ladder, counted by the database (never a shared counter). */
export async function countByTier(db: Database, tier: Tier): Promise<number> {
  return (await db.collection(MEMBERS).where({ tier }).count()).total;
}

export async function countJoined(db: Database): Promise<number> {
  return (
    await db
      .collection(MEMBERS)
      .where({ joinedAt: db.command.neq(null) })
      .count()
  ).total;
}

/**
 * A page of members matching `where` with an id after `afterId`, in id order (the nightly ladder
 * job: index `tier_id`, and `tier_joined` for joined followers), with only `fields`.
 */
export async function membersAfter<T>(
  db: Database,
  where: Record<string, unknown>,
  afterId: string,
  limit: number,
  fields: Record<string, boolean>,
): Promise<T[]> {
  const { data } = await db
    .collection(MEMBERS)
    .where({ ...where, _id: db.command.gt(afterId) })
    .orderBy('_id', 'asc')
    .limit(limit)
    .field(fields)
    .get();
  return data as T[];
}

export interface PersonaDoc {
  _id: string;
  openid: string;
  label: string;
  description: string;
  order: number;
}

/** The demo personas the seed writes (the local emulator only). */
export async function listDemoPersonas(db: Database): Promise<PersonaDoc[]> {
  return (await db.collection(DEMO_PERSONAS).orderBy('order', 'asc').limit(50).get()).data as PersonaDoc[];
}
