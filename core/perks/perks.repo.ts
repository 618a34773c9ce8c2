/** Reads for perks: the catalog, a member's unlocks, and the friends who joined through the member's cards. */
import { nicknamesOf } from '../members/member.repo';
import { ORDERS } from '../orders/orders.model';
import type { Database } from '../platform/database';
import { REFERRALS, type ReferralDoc } from '../referrals/referrals.model';
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

export async function unlocksOf(db: Database, memberId: string): Promise<PerkUnlockDoc[]> {
  return (await db.collection(PERK_UNLOCKS).where({ memberId }).limit(PERKS_LIMIT).get()).data as PerkUnlockDoc[];
}

export async function countUnlocks(db: Database, perkId: string): Promise<number> {
  return (await db.collection(PERK_UNLOCKS).where({ perkId }).count()).total;
}

/**
 * Friends who joined through the member's cards and count (flagged or voided referrals do not),
 * with whether each has a paid, not refunded, order. Three reads whatever the number of friends.
 */
export async function engagedFriends(db: Database, memberId: string): Promise<EngagedFriend[]> {
  const _ = db.command;
  const referrals = (await db.collection(REFERRALS).where({ referrerId: memberId, status: 'counted' }).limit(FRIENDS_LIMIT).get()).data as ReferralDoc[];
  if (referrals.length === 0) return [];
  const ids = referrals.map((r) => r._id);
  const [names, paid] = await Promise.all([
    nicknamesOf(db, ids),
    db.collection(ORDERS).where({ memberId: _.in(ids), status: 'paid' }).field({ memberId: true }).limit(1000).get(),
  ]);
  const buyers = new Set((paid.data as Array<{ memberId: string }>).map((o) => o.memberId));
  return referrals.map((r) => ({ memberId: r._id, nickname: names.get(r._id) ?? '', joinedAt: new Date(r.joinedAt), bought: buyers.has(r._id) }));
}
