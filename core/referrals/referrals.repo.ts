/**
 * Storage for shares, visits, referrals, conversions and their review items. Functions that take
 * a TransactionDb serve a transaction (doc() reads and writes only, as WeChat requires) and plain
 * calls alike. Counts come from count() or an aggregation, never from a counter document — except
 * a sharer's daily cap, whose places are counted on one document per sharer and day
 * (claimCapPlace), taken by conditional updates like a product's stock. Nothing here reads
 * another area's collections.
 */
import { aggregateOf, isDuplicateKey, readOrNull, type Database, type TransactionDb } from '../platform/database';
import { keysetPage, type KeyCursor } from '../platform/paging';
import { capDayId, capPlaceKey } from './referral.rules';
import {
  CAP_SLOTS,
  CONVERSIONS,
  REFERRAL_FLAGS,
  REFERRALS,
  SHARE_VISITS,
  SHARES,
  type CapDayDoc,
  type ConversionDoc,
  type FlagDoc,
  type ReferralDoc,
  type ShareDoc,
  type ShareChannel,
  type ShareTarget,
  type VisitDoc,
} from './referrals.model';

const aggregate = (db: Database, collection: string) => aggregateOf(db.collection(collection));
const agg = (db: Database) => db.command.aggregate;

// ---- shares

export function findShare(db: Database, code: string): Promise<ShareDoc | null> {
  return readOrNull<ShareDoc>(db.collection(SHARES).doc(code));
}

/** The sharer's UNIONID behind a visit: the copy on the visit, or (a visit recorded before it carried one) the share's. */
export async function sharerUnionidOf(db: Database, visit: Pick<VisitDoc, 'code' | 'sharerUnionid'>): Promise<string | null> {
  if (visit.sharerUnionid !== undefined) return visit.sharerUnionid;
  return (await findShare(db, visit.code))?.sharerUnionid ?? null;
}

/** The sharer's card for this target and channel (unique index `sharer_target_channel`). */
export async function findShareFor(db: Database, sharerId: string, targetType: ShareTarget, targetId: string, channel: ShareChannel): Promise<ShareDoc | null> {
  const { data } = await db.collection(SHARES).where({ sharerId, targetType, targetId, channel }).limit(1).get();
  return (data[0] as ShareDoc | undefined) ?? null;
}

/** False when the code or the sharer's card for this target and channel already exists. */
export async function insertShare(db: Database, share: ShareDoc): Promise<boolean> {
  try {
    await db.collection(SHARES).add({ data: { ...share } });
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

export async function countShares(db: Database, sharerId: string): Promise<number> {
  return (await db.collection(SHARES).where({ sharerId }).count()).total;
}

// ---- visits

/** Attribution reads a person's visits a page at a time, at most this many pages (1,000 visits in a week). */
export const VISIT_PAGE = 100;
export const VISIT_PAGES = 10;

/** False when this visitor already opened this share: the visit exists once. */
export async function insertVisit(db: Database, visit: VisitDoc): Promise<boolean> {
  try {
    await db.collection(SHARE_VISITS).add({ data: { ...visit } });
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

/**
 * A reopening moves the visit's last touch, at most once per `minGapMs`: one conditional write to
 * the visitor's own visit document (no other visitor ever writes it), usually a no-op.
 */
export async function refreshLastTouch(db: Database, visitId: string, at: Date, minGapMs: number): Promise<void> {
  const _ = db.command;
  await db
    .collection(SHARE_VISITS)
    .where({ _id: visitId, lastAt: _.lt(new Date(at.getTime() - minGapMs)) })
    .update({ data: { lastAt: at } });
}

export async function countVisits(db: Database, sharerId: string): Promise<number> {
  return (await db.collection(SHARE_VISITS).where({ sharerId }).count()).total;
}

/** First opens by `visitorId` in [from, to], earliest first (index visitor_at). */
export async function visitsOpenedBetween(db: Database, visitorId: string, from: Date, to: Date, skip: number, limit: number): Promise<VisitDoc[]> {
  const _ = db.command;
  const { data } = await db
    .collection(SHARE_VISITS)
    .where({ visitorId, at: _.gte(from).and(_.lte(to)) })
    .orderBy('at', 'asc')
    .orderBy('_id', 'asc')
    .skip(skip)
    .limit(limit)
    .get();
  return data as VisitDoc[];
}

/** Whether `visitorId` has any visit touched at or after `from`: one indexed query of one row (index visitor_last). */
export async function anyVisitTouchedSince(db: Database, visitorId: string, from: Date): Promise<boolean> {
  const { data } = await db
    .collection(SHARE_VISITS)
    .where({ visitorId, lastAt: db.command.gte(from) })
    .limit(1)
    .field({ _id: true })
    .get();
  return data.length > 0;
}

/** Visits by `visitorId` touched at or after `from`, most recently touched first (index visitor_last). */
export async function visitsTouchedSince(db: Database, visitorId: string, from: Date, skip: number, limit: number): Promise<VisitDoc[]> {
  const { data } = await db
    .collection(SHARE_VISITS)
    .where({ visitorId, lastAt: db.command.gte(from) })
    .orderBy('lastAt', 'desc')
    .orderBy('_id', 'desc')
    .skip(skip)
    .limit(limit)
    .get();
  return data as VisitDoc[];
}

/** Whether another account opened a share with this UNIONID (index visitor_unionid). */
export async function unionidOnOtherAccount(db: Database, unionid: string, accountId: string): Promise<boolean> {
  const { total } = await db
    .collection(SHARE_VISITS)
    .where({ visitorUnionid: unionid, visitorId: db.command.neq(accountId) })
    .count();
  return total > 0;
}

// ---- referrals

export function findReferral(db: TransactionDb, memberId: string): Promise<ReferralDoc | null> {
  return readOrNull<ReferralDoc>(db.collection(REFERRALS).doc(memberId));
}

/** `referrals/<memberId>`: written once (the attribution's transaction reads it first). */
export async function putReferral(tx: TransactionDb, memberId: string, referral: Omit<ReferralDoc, '_id'>): Promise<void> {
  await tx.collection(REFERRALS).doc(memberId).set({ data: referral });
}

export async function updateReferral(tx: TransactionDb, memberId: string, changes: Partial<Omit<ReferralDoc, '_id'>>): Promise<void> {
  await tx.collection(REFERRALS).doc(memberId).update({ data: changes });
}

/** Friends who joined through `referrerId` and count (flagged or voided ones do not), at most `limit`. */
export async function countedReferralsOf(db: Database, referrerId: string, limit: number): Promise<ReferralDoc[]> {
  return (await db.collection(REFERRALS).where({ referrerId, status: 'counted' }).limit(limit).get()).data as ReferralDoc[];
}

/** Of `sharerIds`, those `personId` referred: crediting the person to them would close a circle. */
export async function sharersReferredBy(db: Database, sharerIds: string[], personId: string): Promise<Set<string>> {
  if (sharerIds.length === 0) return new Set();
  const { data } = await db
    .collection(REFERRALS)
    .where({ _id: db.command.in(sharerIds), referrerId: personId })
    .limit(sharerIds.length)
    .field({ _id: true })
    .get();
  return new Set(data.map((d: { _id: string }) => d._id));
}

export async function countReferralsSince(db: Database, referrerId: string, since: Date): Promise<number> {
  return (
    await db
      .collection(REFERRALS)
      .where({ referrerId, joinedAt: db.command.gte(since) })
      .count()
  ).total;
}

/** The newest referrals of `referrerId` who joined at or before `before` (ids only). */
export async function referralsJoinedBefore(db: Database, referrerId: string, before: Date, limit: number): Promise<string[]> {
  const { data } = await db
    .collection(REFERRALS)
    .where({ referrerId, joinedAt: db.command.lte(before) })
    .orderBy('joinedAt', 'desc')
    .limit(limit)
    .field({ _id: true })
    .get();
  return data.map((d: { _id: string }) => d._id);
}

/** Friends who joined through `referrerId`, newest first; void ones (rejected by staff) left out. */
export async function listReferralsOf(db: Database, referrerId: string, limit: number): Promise<ReferralDoc[]> {
  const { data } = await db
    .collection(REFERRALS)
    .where({ referrerId, status: db.command.neq('void') })
    .orderBy('joinedAt', 'desc')
    .limit(limit)
    .get();
  return data as ReferralDoc[];
}

export async function countReferralsOf(db: Database, referrerId: string): Promise<number> {
  return (
    await db
      .collection(REFERRALS)
      .where({ referrerId, status: db.command.neq('void') })
      .count()
  ).total;
}

// ---- conversions

export function findConversion(db: TransactionDb, orderId: string): Promise<ConversionDoc | null> {
  return readOrNull<ConversionDoc>(db.collection(CONVERSIONS).doc(orderId));
}

/** `conversions/<orderId>`, whole (a new conversion, or a refund's tombstone). */
export async function putConversion(tx: TransactionDb, conversion: ConversionDoc): Promise<void> {
  const { _id, ...data } = conversion;
  await tx.collection(CONVERSIONS).doc(_id).set({ data });
}

export async function updateConversion(tx: TransactionDb, orderId: string, changes: Partial<Omit<ConversionDoc, '_id'>>): Promise<void> {
  await tx.collection(CONVERSIONS).doc(orderId).update({ data: changes });
}

/** How many tries a place claim makes when a place is given back or the day's document is created under it. */
const CLAIM_TRIES = 5;

/**
 * Takes one of the sharer's `cap` places for `day` for this order, or finds the one it already
 * holds (a retry after a crash, or a second delivery of the same payment). True when the order
 * holds a place, false when the cap is reached. One conditional update on the day's document,
 * outside any transaction: atomic on that document, so never more than `cap` orders hold a place,
 * and a burst of one sharer's friends waits on nothing. Usually 1 round trip; 2 when the cap is
 * reached (the read that tells "full" from "mine"), 3 for the day's first place.
 */
export async function claimCapPlace(db: Database, sharerId: string, day: string, orderId: string, cap: number, at: Date): Promise<boolean> {
  const _ = db.command;
  const id = capDayId(sharerId, day);
  const key = capPlaceKey(orderId);
  for (let i = 0; i < CLAIM_TRIES; i++) {
    const { stats } = await db
      .collection(CAP_SLOTS)
      .where({ _id: id, taken: _.lt(cap), [`orders.${key}`]: _.exists(false) })
      .update({ data: { taken: _.inc(1), [`orders.${key}`]: at } });
    if (stats.updated === 1) return true;
    const current = await readOrNull<CapDayDoc>(db.collection(CAP_SLOTS).doc(id));
    if (current) {
      if (current.orders?.[key] !== undefined) return true;
      if (current.taken >= cap) return false;
      // A place was given back between the update and the read: try again.
      continue;
    }
    try {
      const doc: CapDayDoc = { _id: id, sharerId, day, taken: 1, orders: { [key]: at } };
      await db.collection(CAP_SLOTS).add({ data: { ...doc } });
      return true;
    } catch (e) {
      // Another friend's conversion created the day's document first: take a place in it.
      if (!isDuplicateKey(e)) throw e;
    }
  }
  throw new Error(`cap place for ${orderId} (sharer ${sharerId}, ${day}): still contended after ${CLAIM_TRIES} tries`);
}

/** Gives back the place this order took (its conversion was never recorded); nothing if it holds none. */
export async function releaseCapPlace(db: Database, sharerId: string, day: string, orderId: string): Promise<void> {
  const _ = db.command;
  const key = `orders.${capPlaceKey(orderId)}`;
  await db
    .collection(CAP_SLOTS)
    .where({ _id: capDayId(sharerId, day), [key]: _.exists(true) })
    .update({ data: { taken: _.inc(-1), [key]: _.remove() } });
}

/** Pending conversions whose hold ended by `at`, oldest first, after `after` (index status_pending_until). */
export function dueConversions(db: Database, at: Date, limit: number, after?: KeyCursor): Promise<ConversionDoc[]> {
  const base = { status: 'pending', pendingUntil: db.command.lte(at) };
  return keysetPage<ConversionDoc>(db, db.collection(CONVERSIONS), base, { field: 'pendingUntil', direction: 'asc' }, limit, after);
}

/** Confirmations and clawbacks the ladder has not heard of yet (index ladder_synced). */
export async function unsyncedConversions(db: Database, limit: number): Promise<ConversionDoc[]> {
  const { data } = await db.collection(CONVERSIONS).where({ ladderSynced: false }).orderBy('updatedAt', 'asc').limit(limit).get();
  return data as ConversionDoc[];
}

export async function markLadderSynced(db: Database, conversion: Pick<ConversionDoc, '_id' | 'status'>): Promise<void> {
  // Only if nothing changed it since: a clawback after this confirmation must still be synced.
  await db
    .collection(CONVERSIONS)
    .where({ _id: conversion._id, status: conversion.status, ladderSynced: false })
    .update({ data: { ladderSynced: true } });
}

export interface StatusTotals {
  count: number;
  payFen: number;
  rewardPoints: number;
}

/** A sharer's conversions by status, in one aggregation. */
export async function conversionTotalsOf(db: Database, sharerId: string): Promise<Map<string, StatusTotals>> {
  const $ = agg(db);
  const { list } = await aggregate(db, CONVERSIONS)
    .match({ sharerId })
    .group({ _id: '$status', count: $.sum(1), payFen: $.sum('$orderPayFen'), rewardPoints: $.sum('$rewardPoints') })
    .end();
  return new Map(list.map((r: StatusTotals & { _id: string }) => [r._id, { count: r.count, payFen: r.payFen, rewardPoints: r.rewardPoints }]));
}

export async function recentConversionsOf(db: Database, sharerId: string, limit: number): Promise<ConversionDoc[]> {
  const { data } = await db
    .collection(CONVERSIONS)
    .where({ sharerId, status: db.command.neq('void') })
    .orderBy('createdAt', 'desc')
    .limit(limit)
    .get();
  return data as ConversionDoc[];
}

export interface SharerTotals {
  sharerId: string;
  friends: number;
  conversions: number;
  propagationFen: number;
}

/** The top sharers by distinct friends, then value, of conversions confirmed since `since`. */
export async function topSharersSince(db: Database, since: Date, limit: number): Promise<SharerTotals[]> {
  const _ = db.command;
  const $ = agg(db);
  const { list } = await aggregate(db, CONVERSIONS)
    .match({ status: 'confirmed', confirmedAt: _.gte(since) })
    .group({ _id: '$sharerId', buyers: $.addToSet('$buyerId'), conversions: $.sum(1), propagationFen: $.sum('$orderPayFen') })
    .project({ _id: 1, conversions: 1, propagationFen: 1, friends: $.size('$buyers') })
    .sort({ friends: -1, propagationFen: -1, _id: 1 })
    .limit(limit)
    .end();
  return list.map((r: { _id: string; friends: number; conversions: number; propagationFen: number }) => ({
    sharerId: r._id,
    friends: r.friends,
    conversions: r.conversions,
    propagationFen: r.propagationFen,
  }));
}

// ---- flags and members

/** `referral_flags/<id>`: a review item, written whole when its subject is recorded flagged. */
export async function putFlag(tx: TransactionDb, id: string, flag: Omit<FlagDoc, '_id'>): Promise<void> {
  await tx.collection(REFERRAL_FLAGS).doc(id).set({ data: flag });
}

export function findFlag(tx: TransactionDb, id: string): Promise<FlagDoc | null> {
  return readOrNull<FlagDoc>(tx.collection(REFERRAL_FLAGS).doc(id));
}

export async function updateFlag(tx: TransactionDb, id: string, changes: Partial<Omit<FlagDoc, '_id'>>): Promise<void> {
  await tx.collection(REFERRAL_FLAGS).doc(id).update({ data: changes });
}

export async function openFlags(db: Database, limit: number): Promise<FlagDoc[]> {
  const { data } = await db.collection(REFERRAL_FLAGS).where({ status: 'open' }).orderBy('createdAt', 'asc').limit(limit).get();
  return data as FlagDoc[];
}
