/**
 * Rewards, redemptions and coupons (the stock shards are in reward-stock.repo.ts). Functions that
 * take a TransactionDb serve a transaction and plain calls alike.
 */
import { isDuplicateKey, readOrNull, type Database, type TransactionDb } from '../platform/database';
import {
  COUPONS,
  REDEMPTIONS,
  REWARDS,
  type CouponDoc,
  type RedemptionDoc,
  type RedemptionRecord,
  type RewardDoc,
  type RewardStatus,
  type VoidedRequestDoc,
} from './rewards.model';

/** The catalog is small by nature; one page is all of it. */
export const CATALOG_LIMIT = 100;
/** "My coupons" shows the latest this many in each list. */
export const COUPONS_LIMIT = 100;

export async function listRewards(db: Database, status?: RewardStatus): Promise<RewardDoc[]> {
  const base = db.collection(REWARDS);
  const query = status ? base.where({ status }) : base;
  return (await query.orderBy('sort', 'asc').limit(CATALOG_LIMIT).get()).data as RewardDoc[];
}

export async function countRedemptions(db: Database, rewardId: string): Promise<number> {
  return (await db.collection(REDEMPTIONS).where({ rewardId }).count()).total;
}

export type CouponFilter = 'available' | 'used' | 'expired' | undefined;

/**
 * A member's coupons. `expired` is not stored, so each list is a range over the stored state and
 * the expiry time (index memberId + state + expiresAt): usable ones soonest-to-expire first, the
 * others most recent first.
 */
export async function listCoupons(db: Database, memberId: string, filter: CouponFilter, at: Date): Promise<CouponDoc[]> {
  const _ = db.command;
  const coupons = db.collection(COUPONS);
  const query =
    filter === 'available'
      ? coupons.where({ memberId, state: 'available', expiresAt: _.gt(at) }).orderBy('expiresAt', 'asc')
      : filter === 'expired'
        ? coupons.where({ memberId, state: 'available', expiresAt: _.lte(at) }).orderBy('expiresAt', 'desc')
        : filter === 'used'
          ? coupons.where({ memberId, state: 'used' }).orderBy('usedAt', 'desc')
          : coupons.where({ memberId }).orderBy('issuedAt', 'desc');
  return (await query.limit(COUPONS_LIMIT).get()).data as CouponDoc[];
}

// ---- rewards

export function findReward(db: TransactionDb, rewardId: string): Promise<RewardDoc | null> {
  return readOrNull<RewardDoc>(db.collection(REWARDS).doc(rewardId));
}

/** Writes the whole reward (a save, in the transaction that also sets its stock). */
export async function putReward(tx: TransactionDb, reward: RewardDoc): Promise<void> {
  const { _id, ...data } = reward;
  await tx.collection(REWARDS).doc(_id).set({ data });
}

export async function updateReward(db: Database, rewardId: string, changes: Partial<Omit<RewardDoc, '_id'>>): Promise<void> {
  await db.collection(REWARDS).doc(rewardId).update({ data: changes });
}

// ---- redemptions

/** The request's outcome, `redemptions/<key>`: a redemption, a voided request, or null (none yet). */
export function findRedemption(db: TransactionDb, key: string): Promise<RedemptionRecord | null> {
  return readOrNull<RedemptionRecord>(db.collection(REDEMPTIONS).doc(key));
}

/** Inserted, never set: a twin of the request (or the holds job's void) that got there first makes this throw. */
export async function insertRedemption(tx: TransactionDb, record: RedemptionDoc): Promise<void> {
  await tx.collection(REDEMPTIONS).add({ data: { ...record } });
}

/**
 * Voids a request that will never finish: a plain insert of its `redemptions/<key>`, which its
 * transaction would have to insert too. The request's outcome, and whether this call wrote it
 * (false: the request got an outcome first — a redemption, or another run's void).
 */
export async function insertVoidedRequest(db: Database, doc: VoidedRequestDoc): Promise<{ record: RedemptionRecord; inserted: boolean }> {
  try {
    await db.collection(REDEMPTIONS).add({ data: { ...doc } });
    return { record: doc, inserted: true };
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const existing = await findRedemption(db, doc._id);
    if (!existing) throw e;
    return { record: existing, inserted: false };
  }
}

// ---- coupons

export function findCoupon(db: TransactionDb, couponId: string): Promise<CouponDoc | null> {
  return readOrNull<CouponDoc>(db.collection(COUPONS).doc(couponId));
}

/** A redemption's coupon: inserted (its id is the request's), so a twin's insert fails rather than overwrites. */
export async function insertCoupon(tx: TransactionDb, coupon: CouponDoc): Promise<void> {
  await tx.collection(COUPONS).add({ data: { ...coupon } });
}

/** A perk's coupon: written by its id (one per member and perk), in the transaction that records the unlock. */
export async function putCoupon(tx: TransactionDb, coupon: CouponDoc): Promise<void> {
  const { _id, ...data } = coupon;
  await tx.collection(COUPONS).doc(_id).set({ data });
}

/** An order's checkout takes the coupon: locked to that order until it is paid or closed. */
export async function lockCoupon(tx: TransactionDb, couponId: string, orderId: string): Promise<void> {
  await tx
    .collection(COUPONS)
    .doc(couponId)
    .update({ data: { state: 'locked', orderId } });
}

/** The order that locked it was paid. */
export async function markCouponUsed(tx: TransactionDb, couponId: string, at: Date): Promise<void> {
  await tx
    .collection(COUPONS)
    .doc(couponId)
    .update({ data: { state: 'used', usedAt: at } });
}

/** The order that locked it closed unpaid: the coupon is the member's to use again. */
export async function unlockCoupon(tx: TransactionDb, couponId: string): Promise<void> {
  await tx
    .collection(COUPONS)
    .doc(couponId)
    .update({ data: { state: 'available', orderId: null } });
}

/** Coupons ready to use now (the member centre's count). */
export async function countAvailableCoupons(db: Database, memberId: string, at: Date): Promise<number> {
  return (
    await db
      .collection(COUPONS)
      .where({ memberId, state: 'available', expiresAt: db.command.gt(at) })
      .count()
  ).total;
}
