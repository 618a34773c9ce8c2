import { isDocumentMissing, type Database, type DocRef } from '../platform/database';
import { EMPTY_WALLET, nextExpiry, type Lot, type Wallet } from './points.rules';

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

export async function readOrNull<T>(ref: DocRef): Promise<T | null> {
  try {
    return (await ref.get()).data as T;
  } catch (e) {
    if (isDocumentMissing(e)) return null;
    throw e;
  }
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
 * A page of history, newest first. The cursor is the last entry's time and id, so entries written
 * in the same millisecond are neither skipped nor repeated at a page boundary.
 */
export async function listEntries(db: Database, memberId: string, limit: number, after?: { createdAt: Date; id: string }): Promise<PointsEntry[]> {
  const _ = db.command;
  const where = after ? _.and([{ memberId }, _.or([{ createdAt: _.lt(after.createdAt) }, { createdAt: after.createdAt, _id: _.lt(after.id) }])]) : { memberId };
  return (await db.collection(ENTRIES).where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(limit).get()).data as PointsEntry[];
}

/** Member ids whose wallets hold a lot that is due, oldest due first. */
export async function walletsDueForExpiry(db: Database, at: Date, limit: number): Promise<string[]> {
  const { data } = await db.collection(WALLETS).where({ nextExpiryAt: db.command.lte(at) }).orderBy('nextExpiryAt', 'asc').limit(limit).field({ _id: true }).get();
  return data.map((d: { _id: string }) => d._id);
}
