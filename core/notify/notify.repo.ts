/**
 * Notification storage: the `notices` outbox and the members' counted opt-ins (`notify_optins`).
 */
import { isDuplicateKey, readOrNull, type Database, type TransactionDb } from '../platform/database';
import { NOTICES, NOTIFY_OPTINS, type NoticeDoc, type NoticeKind, type NoticeStatus, type OptInsDoc } from './notify.model';

/** A transaction handle has no runTransaction of its own; a Database does. */
function isDatabase(db: Database | TransactionDb): db is Database {
  return typeof (db as Partial<Database>).runTransaction === 'function';
}

/**
 * Inserts the notice unless one with its id exists; false then (a replay). Outside a transaction
 * it is one insert the database refuses on a duplicate id. Inside one it is a read and a write: a
 * refused insert there would abort the caller's whole transaction, and the transaction itself
 * makes the read-then-write safe against a twin.
 */
export async function insertNotice(db: Database | TransactionDb, notice: NoticeDoc): Promise<boolean> {
  const { _id, ...data } = notice;
  if (!isDatabase(db)) {
    if (await readOrNull(db.collection(NOTICES).doc(_id))) return false;
    await db.collection(NOTICES).doc(_id).set({ data });
    return true;
  }
  try {
    await db.collection(NOTICES).add({ data: { _id, ...data } });
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

export function findNotice(db: TransactionDb, id: string): Promise<NoticeDoc | null> {
  return readOrNull<NoticeDoc>(db.collection(NOTICES).doc(id));
}

/**
 * Notices to work on at `at`, oldest first (index status_next): pending ones that are due, and
 * claimed ones whose lease ran out (their run died).
 */
export async function dueNotices(db: Database, at: Date, limit: number): Promise<NoticeDoc[]> {
  const _ = db.command;
  const { data } = await db
    .collection(NOTICES)
    .where({ status: _.in(['pending', 'sending']), nextAttemptAt: _.lte(at) })
    .orderBy('nextAttemptAt', 'asc')
    .limit(limit)
    .get();
  return data as NoticeDoc[];
}

/**
 * Claims the notice for one attempt, as it was read (same status and attempt count, still due):
 * one conditional update, so of two runs that read it only one gets it. The lease is how long
 * the claim holds before another run may take it over.
 */
export async function claimNotice(db: Database, seen: Pick<NoticeDoc, '_id' | 'status' | 'attempts'>, dueBy: Date, leaseUntil: Date): Promise<boolean> {
  const _ = db.command;
  const { stats } = await db
    .collection(NOTICES)
    .where({ _id: seen._id, status: seen.status, attempts: seen.attempts, nextAttemptAt: _.lte(dueBy) })
    .update({ data: { status: 'sending' as NoticeStatus, attempts: seen.attempts + 1, nextAttemptAt: leaseUntil } });
  return stats.updated === 1;
}

/** Ends an attempt, only while the claim is still this run's (sending, with the attempt count the claim set). */
export async function finishNotice(db: Database, id: string, claimedAttempts: number, changes: Partial<Omit<NoticeDoc, '_id' | 'attempts'>>): Promise<boolean> {
  const { stats } = await db.collection(NOTICES).where({ _id: id, status: 'sending', attempts: claimedAttempts }).update({ data: changes });
  return stats.updated === 1;
}

// ---- opt-ins

export function findOptIns(db: Database, memberId: string): Promise<OptInsDoc | null> {
  return readOrNull<OptInsDoc>(db.collection(NOTIFY_OPTINS).doc(memberId));
}

/**
 * Adds one opt-in per kind to the member's own document: one update, or for a member's first
 * opt-in an insert (a twin's insert winning the race means an update after all).
 */
export async function addOptIns(db: Database, memberId: string, kinds: readonly NoticeKind[], at: Date): Promise<void> {
  if (kinds.length === 0) return;
  const _ = db.command;
  const ref = db.collection(NOTIFY_OPTINS).doc(memberId);
  const bump = () => ref.update({ data: { ...Object.fromEntries(kinds.map((k) => [`counts.${k}`, _.inc(1)])), updatedAt: at } });
  if ((await bump()).stats.updated > 0) return;
  try {
    const doc: OptInsDoc = { _id: memberId, counts: Object.fromEntries(kinds.map((k) => [k, 1])), updatedAt: at };
    await db.collection(NOTIFY_OPTINS).add({ data: { ...doc } });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    await bump();
  }
}

/** Takes one opt-in of the kind if the member has one: a conditional update, atomic on their document. */
export async function takeOneOptIn(db: Database, memberId: string, kind: NoticeKind, at: Date): Promise<boolean> {
  const _ = db.command;
  const field = `counts.${kind}`;
  const { stats } = await db
    .collection(NOTIFY_OPTINS)
    .where({ _id: memberId, [field]: _.gte(1) })
    .update({ data: { [field]: _.inc(-1), updatedAt: at } });
  return stats.updated === 1;
}
