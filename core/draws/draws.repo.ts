/**
 * Draws, their entries and their seeds. Entries are written once each (an insert whose id the
 * database keeps unique) and never counted into a shared document: counts come from count().
 */
import { isDuplicateKey, readOrNull, type Database, type TransactionDb } from '../platform/database';
import type { Tier } from '../members/tiers';
import { DRAW_ENTRIES, DRAW_SECRETS, DRAWS, type DrawDoc, type DrawSecretDoc, type DrawStatus, type EntryDoc, type EntryOutcome } from './draws.model';

/** A brand runs a few draws at a time; lists are one capped read. */
export const DRAWS_LIMIT = 50;
/** The most ids one page of the drawing job (and of the published list) reads: WeChat's get() maximum. */
export const ENTRY_PAGE = 1000;

export function findDraw(db: TransactionDb, drawId: string): Promise<DrawDoc | null> {
  return readOrNull<DrawDoc>(db.collection(DRAWS).doc(drawId));
}

export async function putDraw(tx: TransactionDb, draw: DrawDoc): Promise<void> {
  const { _id, ...data } = draw;
  await tx.collection(DRAWS).doc(_id).set({ data });
}

/** Withdraws a draw nobody has seen yet (its creation could not set its units aside). */
export async function removeDraw(db: Database, drawId: string): Promise<void> {
  await db.collection(DRAWS).doc(drawId).remove();
  await db.collection(DRAW_SECRETS).doc(drawId).remove();
}

/** Moves the draw on only from the status it is expected to be in: true when this call did it. */
export async function updateDrawFrom(db: Database, drawId: string, from: DrawStatus, changes: Partial<Omit<DrawDoc, '_id'>>): Promise<boolean> {
  const { stats } = await db.collection(DRAWS).where({ _id: drawId, status: from }).update({ data: changes });
  return stats.updated === 1;
}

export async function updateDraw(db: Database, drawId: string, changes: Partial<Omit<DrawDoc, '_id'>>): Promise<void> {
  await db.collection(DRAWS).doc(drawId).update({ data: changes });
}

/** Newest draw time first; members never see drafts (there are none: a draw is published when created). */
export async function listDraws(db: Database, statuses?: DrawStatus[]): Promise<DrawDoc[]> {
  const _ = db.command;
  const collection = db.collection(DRAWS);
  const query = statuses ? collection.where({ status: _.in(statuses) }) : collection;
  return (await query.orderBy('drawAt', 'desc').limit(DRAWS_LIMIT).get()).data as DrawDoc[];
}

/** Draws the job has work on: due to draw (by draw time), being drawn, drawn with winners still paying, or with messages to queue. */
export async function drawsToWork(db: Database, at: Date): Promise<DrawDoc[]> {
  const _ = db.command;
  const { data } = await db
    .collection(DRAWS)
    .where(_.or([{ status: 'scheduled', drawAt: _.lte(at) }, { status: _.in(['drawing', 'drawn']) }, { noticesPending: true }]))
    .orderBy('drawAt', 'asc')
    .limit(DRAWS_LIMIT)
    .get();
  return data as DrawDoc[];
}

export async function putSecret(tx: TransactionDb, secret: DrawSecretDoc): Promise<void> {
  const { _id, ...data } = secret;
  await tx.collection(DRAW_SECRETS).doc(_id).set({ data });
}

/** The seed, for the drawing job only. */
export function readSecret(db: Database, drawId: string): Promise<DrawSecretDoc | null> {
  return readOrNull<DrawSecretDoc>(db.collection(DRAW_SECRETS).doc(drawId));
}

/** The entry, or 'duplicate' when the member already has one (the database refused the same id). */
export async function insertEntry(db: Database, entry: EntryDoc): Promise<'inserted' | 'duplicate'> {
  try {
    await db.collection(DRAW_ENTRIES).add({ data: { ...entry } });
    return 'inserted';
  } catch (e) {
    if (isDuplicateKey(e)) return 'duplicate';
    throw e;
  }
}

export function findEntry(db: TransactionDb, entryId: string): Promise<EntryDoc | null> {
  return readOrNull<EntryDoc>(db.collection(DRAW_ENTRIES).doc(entryId));
}

export async function findEntries(db: Database, entryIds: string[]): Promise<EntryDoc[]> {
  if (entryIds.length === 0) return [];
  const _ = db.command;
  return (
    await db
      .collection(DRAW_ENTRIES)
      .where({ _id: _.in(entryIds) })
      .limit(entryIds.length)
      .get()
  ).data as EntryDoc[];
}

export async function countEntries(db: Database, drawId: string, tier?: Tier): Promise<number> {
  return (
    await db
      .collection(DRAW_ENTRIES)
      .where(tier ? { drawId, tier } : { drawId })
      .count()
  ).total;
}

/** Entry ids after `after` in ascending order (the canonical order of the digest), one page. */
export async function entryIdsAfter(db: Database, drawId: string, after: string | null, limit = ENTRY_PAGE): Promise<string[]> {
  const _ = db.command;
  const { data } = await db
    .collection(DRAW_ENTRIES)
    .where(after ? { drawId, _id: _.gt(after) } : { drawId })
    .orderBy('_id', 'asc')
    .field({ _id: true })
    .limit(limit)
    .get();
  return (data as { _id: string }[]).map((d) => d._id);
}

/** Entries that asked for the result message, after `after` in id order (the job queues their notices page by page). */
export async function notifyEntriesAfter(db: Database, drawId: string, after: string | null, limit = ENTRY_PAGE): Promise<EntryDoc[]> {
  const _ = db.command;
  const { data } = await db
    .collection(DRAW_ENTRIES)
    .where(after ? { drawId, notify: true, _id: _.gt(after) } : { drawId, notify: true })
    .orderBy('_id', 'asc')
    .limit(limit)
    .get();
  return data as EntryDoc[];
}

/** Winners and the waitlist (every entry with a place), in draw order. K + waitlist is capped at ENTRY_PAGE. */
export async function rankedEntries(db: Database, drawId: string, outcome?: EntryOutcome): Promise<EntryDoc[]> {
  const _ = db.command;
  const { data } = await db
    .collection(DRAW_ENTRIES)
    .where(outcome ? { drawId, outcome } : { drawId, rank: _.gt(0) })
    .orderBy('rank', 'asc')
    .limit(ENTRY_PAGE)
    .get();
  return data as EntryDoc[];
}

/** Waitlisted entries ranked before `rank` (a count, not a read of them). */
export async function countWaitingBefore(db: Database, drawId: string, rank: number): Promise<number> {
  const _ = db.command;
  return (
    await db
      .collection(DRAW_ENTRIES)
      .where({ drawId, outcome: 'waitlist', rank: _.lt(rank) })
      .count()
  ).total;
}

/** Changes an entry only while its outcome is the expected one: true when this call did it. */
export async function updateEntryFrom(db: Database, entryId: string, from: EntryOutcome | null, changes: Partial<Omit<EntryDoc, '_id'>>): Promise<boolean> {
  const { stats } = await db.collection(DRAW_ENTRIES).where({ _id: entryId, outcome: from }).update({ data: changes });
  return stats.updated === 1;
}

export async function updateEntry(db: Database, entryId: string, changes: Partial<Omit<EntryDoc, '_id'>>): Promise<void> {
  await db.collection(DRAW_ENTRIES).doc(entryId).update({ data: changes });
}

/** The member's entries, newest first (我的抽签). */
export async function entriesOfMember(db: Database, memberId: string, limit: number): Promise<EntryDoc[]> {
  return (await db.collection(DRAW_ENTRIES).where({ memberId }).orderBy('enteredAt', 'desc').limit(limit).get()).data as EntryDoc[];
}

export async function findDraws(db: Database, drawIds: string[]): Promise<DrawDoc[]> {
  if (drawIds.length === 0) return [];
  const _ = db.command;
  return (
    await db
      .collection(DRAWS)
      .where({ _id: _.in(drawIds) })
      .limit(drawIds.length)
      .get()
  ).data as DrawDoc[];
}
