/** Perks and their unlocks (friends who joined through a member's cards are read through the referral and order repositories). */
import { nicknamesOf } from '../members/member.repo';
import { membersWithPaidOrder } from '../orders/orders.repo';
import { readOrNull, type Database, type TransactionDb } from '../platform/database';
import { countedReferralsOf } from '../referrals/referrals.repo';
import { PERK_UNLOCKS, PERKS, type EngagedFriend, type PerkDoc, type PerkUnlockDoc } from './perks.model';

/** A brand runs a handful of perks at a time; the catalog is one capped read. */
export const PERKS_LIMIT = 50;
/** Friends looked at per member: far above any perk's requirement (at most 20). */
const FRIENDS_LIMIT = 200;

export async function listPerks(db: Database, status?: PerkDoc['status']): Promise<PerkDoc[]> {
  const collection = db.collection(PERKS);
  const query = status ? collection.where({ status }) : collection;
  return (await query.orderBy('sort', 'asc').limit(PERKS_LIMIT).get()).data as PerkDoc[];
}

export function findPerk(db: TransactionDb, perkId: string): Promise<PerkDoc | null> {
  return readOrNull<PerkDoc>(db.collection(PERKS).doc(perkId));
}

/** Writes the whole perk (a save). */
export async function putPerk(tx: TransactionDb, perk: PerkDoc): Promise<void> {
  const { _id, ...data } = perk;
  await tx.collection(PERKS).doc(_id).set({ data });
}

export async function updatePerk(db: Database, perkId: string, changes: Partial<Omit<PerkDoc, '_id'>>): Promise<void> {
  await db.collection(PERKS).doc(perkId).update({ data: changes });
}

export async function unlocksOf(db: Database, memberId: string): Promise<PerkUnlockDoc[]> {
  return (await db.collection(PERK_UNLOCKS).where({ memberId }).limit(PERKS_LIMIT).get()).data as PerkUnlockDoc[];
}

export function findUnlock(tx: TransactionDb, unlockId: string): Promise<PerkUnlockDoc | null> {
  return readOrNull<PerkUnlockDoc>(tx.collection(PERK_UNLOCKS).doc(unlockId));
}

/** `perk_unlocks/<unlockId>`: one per member and perk, by its id. */
export async function putUnlock(tx: TransactionDb, unlock: PerkUnlockDoc): Promise<void> {
  const { _id, ...data } = unlock;
  await tx.collection(PERK_UNLOCKS).doc(_id).set({ data });
}

export async function countUnlocks(db: Database, perkId: string): Promise<number> {
  return (await db.collection(PERK_UNLOCKS).where({ perkId }).count()).total;
}

/**
 * Friends who joined through the member's cards and count (flagged or voided referrals do not),
 * with whether each has a paid, not refunded, order. Three reads whatever the number of friends.
 */
export async function engagedFriends(db: Database, memberId: string): Promise<EngagedFriend[]> {
  const referrals = await countedReferralsOf(db, memberId, FRIENDS_LIMIT);
  if (referrals.length === 0) return [];
  const ids = referrals.map((r) => r._id);
  const [names, buyers] = await Promise.all([nicknamesOf(db, ids), membersWithPaidOrder(db, ids)]);
  return referrals.map((r) => ({ memberId: r._id, nickname: names.get(r._id) ?? '', joinedAt: new Date(r.joinedAt), bought: buyers.has(r._id) }));
}
