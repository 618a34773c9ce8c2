/**
 * The ledger's storage: wallets (balance, debt, live lots) and the append-only entries. Functions
 * that take a TransactionDb serve the ledger's transactions and plain reads alike.
 */
import { readOrNull, type Database, type TransactionDb } from '../platform/database';
import { EMPTY_WALLET, nextExpiry, type HistoryCursor, type Lot, type Wallet } from './points.rules';

export const WALLETS = 'points_wallets';
export const ENTRIES = 'points_entries';

export type EntryKind = 'earn' | 'spend' | 'reverse' | 'adjust' | 'expire';

/** One line of the append-only ledger; its id is the source key, so a replay cannot add it twice. */
export interface PointsEntry {
  _id: string;
  memberId: string;
  kind: EntryKind;
  delta: number;
  debtDelta: number;
  balanceAfter: number;
  debtAfter: number;
  /** Shown to the member, in Chinese. */
  reason: string;
  lots: Array<{ key: string; amount: number }>;
  createdAt: Date;
  /** When the points this line credited expire (credits written since lines carry it). */
  expiresAt?: Date | null;
  /** The staff member who adjusted (adjust lines): for the audit, never for the member's screens. */
  actor?: string;
}

interface WalletDoc {
  _id?: string;
  balance: number;
  debt: number;
  lots: Lot[];
  /** Earliest lot expiry (null when there are no lots): the expiry job's index. */
  nextExpiryAt: Date | null;
  updatedAt: Date;
}

/** The wallet as stored, with the time of the member's latest ledger line (its last write). */
export async function readWalletDoc(tx: TransactionDb, memberId: string): Promise<{ wallet: Wallet; lastLineAt: Date | null }> {
  const doc = await readOrNull<WalletDoc>(tx.collection(WALLETS).doc(memberId));
  return { wallet: walletFromDoc(doc), lastLineAt: doc?.updatedAt ? new Date(doc.updatedAt) : null };
}

/** Rewrites the wallet (every ledger line does; it also drops a redemption's lane marker, see rewards.lane.ts). */
export async function writeWallet(tx: TransactionDb, memberId: string, wallet: Wallet, at: Date): Promise<void> {
  await tx
    .collection(WALLETS)
    .doc(memberId)
    .set({ data: walletToDoc(wallet, at) });
}

/** The line a source key wrote, if any: its id is the key, so a replay finds it. */
export function findEntry(tx: TransactionDb, sourceKey: string): Promise<PointsEntry | null> {
  return readOrNull<PointsEntry>(tx.collection(ENTRIES).doc(sourceKey));
}

export async function addEntry(tx: TransactionDb, entry: PointsEntry): Promise<void> {
  await tx.collection(ENTRIES).add({ data: { ...entry } });
}

export function walletFromDoc(doc: WalletDoc | null): Wallet {
  if (!doc) return EMPTY_WALLET;
  return { balance: doc.balance, debt: doc.debt, lots: doc.lots.map((l) => ({ ...l, earnedAt: new Date(l.earnedAt), expiresAt: new Date(l.expiresAt) })) };
}

export function walletToDoc(wallet: Wallet, at: Date): Omit<WalletDoc, '_id'> {
  return { balance: wallet.balance, debt: wallet.debt, lots: wallet.lots, nextExpiryAt: nextExpiry(wallet), updatedAt: at };
}

export async function readWallet(db: Database, memberId: string): Promise<Wallet> {
  return walletFromDoc(await readOrNull<WalletDoc>(db.collection(WALLETS).doc(memberId)));
}

/**
 * A page of history, newest first (ties, which only older data can hold, by id). After a cursor,
 * the page starts at the cursor's time and skips the lines at exactly that time already shown, so
 * lines written in the same millisecond are neither skipped nor repeated at a page boundary.
 */
export async function listEntries(db: Database, memberId: string, limit: number, after?: HistoryCursor): Promise<PointsEntry[]> {
  const where = after ? { memberId, createdAt: db.command.lte(after.at) } : { memberId };
  const ordered = db.collection(ENTRIES).where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc');
  return (await (after?.shownAtTime ? ordered.skip(after.shownAtTime) : ordered).limit(limit).get()).data as PointsEntry[];
}

/**
 * Takes a wallet's lane (rewards.lane.ts) if it is free, expired, or held under the same key: one
 * conditional update outside any transaction. True when `lane.owner` has it until `untilMs`.
 */
export async function takeWalletLane(db: Database, memberId: string, lane: { owner: string; key: string }, nowMs: number, untilMs: number): Promise<boolean> {
  const _ = db.command;
  const { stats } = await db
    .collection(WALLETS)
    // `_id` at the top, so the database goes straight to the one wallet (an index lookup, not a scan).
    .where(_.and([{ _id: memberId }, _.or([{ redeemLane: _.exists(false) }, { 'redeemLane.until': _.lt(nowMs) }, { 'redeemLane.key': lane.key }])]))
    .update({ data: { redeemLane: _.set({ owner: lane.owner, key: lane.key, until: untilMs }) } });
  return stats.updated === 1;
}

/** Leaves the lane, if this owner still has it. */
export async function leaveWalletLane(db: Database, memberId: string, owner: string): Promise<void> {
  const _ = db.command;
  await db
    .collection(WALLETS)
    .where({ _id: memberId, 'redeemLane.owner': owner })
    .update({ data: { redeemLane: _.remove() } });
}

/** Member ids whose wallets hold a lot that is due, oldest due first. */
export async function walletsDueForExpiry(db: Database, at: Date, limit: number): Promise<string[]> {
  const { data } = await db
    .collection(WALLETS)
    .where({ nextExpiryAt: db.command.lte(at) })
    .orderBy('nextExpiryAt', 'asc')
    .limit(limit)
    .field({ _id: true })
    .get();
  return data.map((d: { _id: string }) => d._id);
}
