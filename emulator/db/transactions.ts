import { randomBytes } from 'node:crypto';
import type { Doc } from './ejson';

export interface OverlayEntry {
  collection: string;
  id: string;
  doc: Doc | null;
  create: boolean;
}

export interface Transaction {
  id: string;
  /** Commit sequence number the snapshot was taken at. */
  startSeq: number;
  overlay: Map<string, OverlayEntry>;
  lastActivity: number;
  /** The function invocation that opened it (from the SDK's seqId), so a stopped one can be rolled back. */
  owner?: string;
}

interface HistoryEntry {
  seq: number;
  /** The committed document before this write (null: it did not exist). */
  before: Doc | null;
}

export function docKey(collection: string, id: string): string {
  return `${collection}\u0000${id}`;
}

/**
 * Snapshot isolation and write locks on top of a store that only ever holds committed data.
 *
 * Every committed write gets a sequence number. While transactions are open, each write keeps the
 * document's previous image, so a transaction reads the database as it was when it started.
 * A transaction that writes takes the document's lock; another transaction writing it fails at once
 * (conflict), and so does writing a document someone committed after the snapshot
 * (first committer wins), which is what makes concurrent increments lose nothing.
 */
/** Transaction outcomes since start: how much work a load wastes on conflicts. */
export interface TransactionStats {
  started: number;
  committed: number;
  /** Rolled back by the caller (abortTransaction), which is how the SDK ends a failed body. */
  aborted: number;
  /** Idle past the timeout and rolled back by the emulator. */
  expired: number;
  /** Writes refused because another transaction held the document or committed it after the snapshot. */
  conflicts: number;
  /** The same conflicts by collection: where the hot documents are. */
  conflictsByCollection: Record<string, number>;
}

export class TransactionManager {
  readonly stats: TransactionStats = { started: 0, committed: 0, aborted: 0, expired: 0, conflicts: 0, conflictsByCollection: {} };
  private seq = 0;
  private readonly open = new Map<string, Transaction>();
  private readonly locks = new Map<string, string>();
  private readonly waiters = new Map<string, Array<() => void>>();
  /** key -> writes committed while some transaction was open, oldest first */
  private readonly history = new Map<string, HistoryEntry[]>();
  private readonly lastWrite = new Map<string, number>();
  /** collection -> ids with history, to patch query views */
  private readonly historyByCollection = new Map<string, Set<string>>();

  begin(now: number, owner?: string): Transaction {
    const txn: Transaction = { id: randomBytes(12).toString('hex'), startSeq: this.seq, overlay: new Map(), lastActivity: now, ...(owner ? { owner } : {}) };
    this.open.set(txn.id, txn);
    this.stats.started++;
    return txn;
  }

  get(id: string): Transaction | undefined {
    return this.open.get(id);
  }

  hasOpen(): boolean {
    return this.open.size > 0;
  }

  openTransactions(): Transaction[] {
    return [...this.open.values()];
  }

  lockHolder(key: string): string | undefined {
    return this.locks.get(key);
  }

  /** 'ok', or why this transaction may not write the document. */
  acquire(txn: Transaction, key: string): 'ok' | 'locked' | 'stale' {
    const holder = this.locks.get(key);
    if (holder && holder !== txn.id) {
      this.countConflict(key);
      return 'locked';
    }
    if ((this.lastWrite.get(key) ?? -1) > txn.startSeq) {
      this.countConflict(key);
      return 'stale';
    }
    this.locks.set(key, txn.id);
    return 'ok';
  }

  private countConflict(key: string): void {
    this.stats.conflicts++;
    const collection = key.slice(0, key.indexOf('\u0000'));
    this.stats.conflictsByCollection[collection] = (this.stats.conflictsByCollection[collection] ?? 0) + 1;
  }

  /** The committed version a transaction sees, or 'current' when the store's row is it. */
  snapshotVersion(txn: Transaction, key: string): { doc: Doc | null } | 'current' {
    if ((this.lastWrite.get(key) ?? -1) <= txn.startSeq) return 'current';
    const entry = (this.history.get(key) ?? []).find((h) => h.seq > txn.startSeq);
    return entry ? { doc: entry.before } : 'current';
  }

  /** Ids of a collection whose committed version changed after the transaction's snapshot. */
  changedSince(txn: Transaction, collection: string): string[] {
    const ids = this.historyByCollection.get(collection);
    if (!ids) return [];
    return [...ids].filter((id) => (this.lastWrite.get(docKey(collection, id)) ?? -1) > txn.startSeq);
  }

  /**
   * Records a commit. `before` gives each written document's previous committed image; it is only
   * consulted when another transaction is open, so plain writes cost nothing extra otherwise.
   */
  recordCommit(writes: Array<{ collection: string; id: string }>, before: (collection: string, id: string) => Doc | null, committer?: string): void {
    this.seq++;
    const others = [...this.open.values()].some((t) => t.id !== committer);
    if (!others) return;
    for (const w of writes) {
      const key = docKey(w.collection, w.id);
      const list = this.history.get(key) ?? [];
      list.push({ seq: this.seq, before: before(w.collection, w.id) });
      this.history.set(key, list);
      this.lastWrite.set(key, this.seq);
      let ids = this.historyByCollection.get(w.collection);
      if (!ids) this.historyByCollection.set(w.collection, (ids = new Set()));
      ids.add(w.id);
    }
  }

  end(txn: Transaction): void {
    this.open.delete(txn.id);
    for (const [key, holder] of this.locks) {
      if (holder !== txn.id) continue;
      this.locks.delete(key);
      const list = this.waiters.get(key);
      this.waiters.delete(key);
      for (const wake of list ?? []) wake();
    }
    this.prune();
  }

  /** Resolves when the key is not locked (immediately if it is free). */
  waitForUnlock(key: string, timeoutMs: number): Promise<boolean> {
    if (!this.locks.has(key)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const list = this.waiters.get(key);
        if (list)
          this.waiters.set(
            key,
            list.filter((w) => w !== wake),
          );
        resolve(false);
      }, timeoutMs);
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const list = this.waiters.get(key) ?? [];
      list.push(wake);
      this.waiters.set(key, list);
    });
  }

  private prune(): void {
    if (this.open.size === 0) {
      this.history.clear();
      this.lastWrite.clear();
      this.historyByCollection.clear();
      return;
    }
    const oldest = Math.min(...[...this.open.values()].map((t) => t.startSeq));
    for (const [key, list] of this.history) {
      const kept = list.filter((h) => h.seq > oldest);
      if (kept.length) this.history.set(key, kept);
      else {
        this.history.delete(key);
        this.lastWrite.delete(key);
        const [collection, id] = key.split('\u0000');
        this.historyByCollection.get(collection)?.delete(id);
      }
    }
  }
}
