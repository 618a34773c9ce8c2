import { randomBytes } from 'node:crypto';
import { Aggregator, find } from 'mingo';
import type { Doc } from './ejson';
import { DbError, dbErrors } from './errors';
import { planNarrowing } from './planner';
import { QueryCache } from './query-cache';
import { SqliteStore, type RowWrite } from './sqlite-store';
import { docKey, TransactionManager, type Transaction } from './transactions';
import { applyUpdate, checkUpdateDocument, seedFromQuery } from './updates';

export interface DatabaseOptions {
  /** Collections must exist (declared in the index file or created) before use, as in the cloud. */
  strictCollections: boolean;
  /** An open transaction idle this long is rolled back. */
  transactionTimeoutMs: number;
  /** How long a plain write waits for a transaction's lock before failing. */
  lockWaitMs: number;
  now: () => number;
}

export interface FindParams {
  collection: string;
  query: Doc;
  order?: Record<string, 1 | -1>;
  offset?: number;
  limit: number;
  projection?: Record<string, unknown>;
  transactionId?: string;
}

export interface ModifyParams {
  collection: string;
  query: Doc;
  data: Doc;
  multi: boolean;
  merge: boolean;
  upsert: boolean;
  transactionId?: string;
}

export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 100;

const mingoOptions = { idKey: '_id' } as const;

export function newDocumentId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The document database: MongoDB-style reads and writes evaluated by mingo over rows the SQLite
 * store narrows, with transactions layered on top. All methods are safe to call concurrently:
 * the only awaits are lock waits, after which a write re-reads what it matched.
 */
export class DocumentDatabase {
  readonly txns = new TransactionManager();
  private readonly queries = new QueryCache();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    readonly store: SqliteStore,
    private readonly options: DatabaseOptions,
  ) {
    this.sweeper = setInterval(() => this.expireIdleTransactions(), Math.max(50, Math.min(1000, options.transactionTimeoutMs / 4)));
    this.sweeper.unref();
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  // ---- collections

  createCollection(name: string): void {
    if (this.store.hasCollection(name)) throw new DbError('DATABASE_REQUEST_FAILED', `collection ${name} already exists`);
    this.store.ensureCollection(name);
  }

  dropCollection(name: string): void {
    this.requireCollection(name, false);
    this.store.dropCollection(name);
  }

  // ---- reads

  find(p: FindParams): Doc[] {
    return evaluating(() => this.findUnchecked(p));
  }

  private findUnchecked(p: FindParams): Doc[] {
    const txn = this.txnFor(p.transactionId);
    this.requireCollection(p.collection, false);
    const limit = Math.min(Math.max(0, p.limit), MAX_LIMIT);
    if (isPointQuery(p.query)) {
      const doc = txn ? this.snapshotDoc(txn, p.collection, p.query._id as string) : this.store.getById(p.collection, p.query._id as string);
      if (!doc || p.offset) return [];
      // doc(id).get(), the commonest read, needs mingo only for a projection.
      if (!p.projection || Object.keys(p.projection).length === 0) return [doc].slice(0, limit || undefined);
      return (find([doc], {}, p.projection as never, mingoOptions).all() as Doc[]).slice(0, limit || undefined);
    }
    let cursor = this.queries.get(p.query).find(this.view(txn, p.collection, p.query), p.projection as never);
    if (p.order && Object.keys(p.order).length) cursor = cursor.sort(p.order as never);
    if (p.offset) cursor = cursor.skip(p.offset);
    cursor = cursor.limit(limit);
    return cursor.all() as Doc[];
  }

  count(collection: string, query: Doc, transactionId?: string): number {
    const txn = this.txnFor(transactionId);
    this.requireCollection(collection, false);
    if (!txn && Object.keys(query).length === 0) return this.store.count(collection);
    return this.matching(this.view(txn, collection, query), query).length;
  }

  aggregate(collection: string, stages: Doc[]): Doc[] {
    this.requireCollection(collection, false);
    const first = stages[0];
    const match = first && '$match' in first ? (first.$match as Doc) : {};
    const source = this.view(null, collection, match);
    const aggregator = new Aggregator(
      stages as never,
      {
        ...mingoOptions,
        collectionResolver: (name: string) => (this.store.hasCollection(name) ? this.store.candidates(name, null) : []),
      } as never,
    );
    return aggregator.run(source) as Doc[];
  }

  // ---- writes

  async insert(collection: string, docs: Doc[], transactionId?: string): Promise<string[]> {
    const txn = this.txnFor(transactionId);
    this.requireCollection(collection, true);
    const prepared = docs.map((d) => {
      if (d === null || typeof d !== 'object' || Array.isArray(d)) throw dbErrors.invalid('each document must be an object');
      const id = d._id === undefined ? newDocumentId() : d._id;
      if (typeof id !== 'string' || id.length === 0) throw dbErrors.invalid('_id must be a non-empty string');
      return { ...d, _id: id } as Doc & { _id: string };
    });
    if (txn) {
      for (const doc of prepared) {
        this.lockForTxn(txn, collection, doc._id);
        if (this.snapshotDoc(txn, collection, doc._id) || this.store.getById(collection, doc._id)) {
          throw dbErrors.duplicateKey(collection, '_id_', `{ _id: ${JSON.stringify(doc._id)} }`);
        }
        txn.overlay.set(docKey(collection, doc._id), { collection, id: doc._id, doc, create: true });
      }
      return prepared.map((d) => d._id);
    }
    for (
      let locked = this.firstLocked(
        collection,
        prepared.map((d) => d._id),
      );
      locked;
      locked = this.firstLocked(
        collection,
        prepared.map((d) => d._id),
      )
    ) {
      await this.waitForLock(collection, locked);
    }
    this.commitPlain(
      prepared.map((doc) => ({ collection, id: doc._id, doc, create: true })),
      () => null,
    );
    return prepared.map((d) => d._id);
  }

  async modify(p: ModifyParams): Promise<{ updated: number; upsertedId: string | null }> {
    const txn = this.txnFor(p.transactionId);
    this.requireCollection(p.collection, p.upsert);
    checkUpdateDocument(p.data, p.merge);
    if (txn) return this.modifyInTransaction(txn, p);
    for (;;) {
      // Match, apply and commit in one synchronous step: an await between the read and the
      // write would let other queued writers read the same copy, and the last one would win.
      const matches = this.matchForWrite(p.collection, p.query, p.multi);
      const locked = this.firstLocked(p.collection, matches);
      if (locked) {
        await this.waitForLock(p.collection, locked);
        continue;
      }
      if (matches.length === 0) {
        if (!p.upsert) return { updated: 0, upsertedId: null };
        const id = typeof p.query._id === 'string' ? p.query._id : newDocumentId();
        const doc = applyUpdate({ ...seedFromQuery(p.query), _id: id }, p.data, p.merge);
        this.commitPlain([{ collection: p.collection, id, doc, create: true }], () => null);
        return { updated: 0, upsertedId: id };
      }
      const writes = changedWrites(p.collection, matches, (d) => applyUpdate(d, p.data, p.merge));
      const before = new Map(matches.map((m) => [m._id as string, m]));
      this.commitPlain(writes, (_c, id) => before.get(id) ?? null);
      return { updated: writes.length, upsertedId: null };
    }
  }

  async remove(collection: string, query: Doc, multi: boolean, transactionId?: string): Promise<number> {
    const txn = this.txnFor(transactionId);
    this.requireCollection(collection, false);
    if (txn) {
      const targets = this.matching(this.view(txn, collection, query), query).slice(0, multi ? undefined : 1);
      for (const t of targets) {
        this.lockForTxn(txn, collection, t._id as string);
        txn.overlay.set(docKey(collection, t._id as string), { collection, id: t._id as string, doc: null, create: false });
      }
      return targets.length;
    }
    for (;;) {
      // As in modify: nothing awaited between the match and the commit.
      const matches = this.matchForWrite(collection, query, multi);
      const locked = this.firstLocked(collection, matches);
      if (locked) {
        await this.waitForLock(collection, locked);
        continue;
      }
      const before = new Map(matches.map((m) => [m._id as string, m]));
      this.commitPlain(
        matches.map((m) => ({ collection, id: m._id as string, doc: null, create: false })),
        (_c, id) => before.get(id) ?? null,
      );
      return matches.length;
    }
  }

  // ---- transactions

  startTransaction(owner?: string): string {
    return this.txns.begin(this.options.now(), owner).id;
  }

  /** Rolls back what a stopped function invocation left open (WeChat kills the instance at its time limit). */
  abortTransactionsOf(owner: string): number {
    let n = 0;
    for (const txn of this.txns.openTransactions()) {
      if (txn.owner !== owner) continue;
      this.txns.end(txn);
      this.txns.stats.aborted++;
      n++;
    }
    return n;
  }

  commitTransaction(id: string): void {
    const txn = this.requireTxn(id);
    const writes: RowWrite[] = [...txn.overlay.values()].map((e) => ({ collection: e.collection, id: e.id, doc: e.doc, create: e.create }));
    const needBefore = this.txns.openTransactions().length > 1;
    const before = new Map(needBefore ? writes.map((w) => [docKey(w.collection, w.id), this.store.getById(w.collection, w.id)]) : []);
    try {
      this.store.apply(writes);
    } catch (e) {
      this.txns.end(txn);
      this.txns.stats.aborted++;
      throw e;
    }
    this.txns.recordCommit(writes, (c, i) => before.get(docKey(c, i)) ?? null, txn.id);
    this.txns.end(txn);
    this.txns.stats.committed++;
  }

  abortTransaction(id: string): void {
    this.txns.end(this.requireTxn(id));
    this.txns.stats.aborted++;
  }

  // ---- internals

  private modifyInTransaction(txn: Transaction, p: ModifyParams): { updated: number; upsertedId: string | null } {
    const targets = isPointQuery(p.query)
      ? [this.snapshotDoc(txn, p.collection, p.query._id as string)].filter((d): d is Doc => d !== null)
      : this.matching(this.view(txn, p.collection, p.query), p.query).slice(0, p.multi ? undefined : 1);
    if (targets.length === 0) {
      if (!p.upsert) return { updated: 0, upsertedId: null };
      const id = typeof p.query._id === 'string' ? p.query._id : newDocumentId();
      this.lockForTxn(txn, p.collection, id);
      const doc = applyUpdate({ ...seedFromQuery(p.query), _id: id }, p.data, p.merge);
      txn.overlay.set(docKey(p.collection, id), { collection: p.collection, id, doc, create: !this.store.getById(p.collection, id) });
      return { updated: 0, upsertedId: id };
    }
    let updated = 0;
    for (const t of targets) {
      const id = t._id as string;
      this.lockForTxn(txn, p.collection, id);
      const next = applyUpdate(t, p.data, p.merge);
      const key = docKey(p.collection, id);
      const prior = txn.overlay.get(key);
      txn.overlay.set(key, { collection: p.collection, id, doc: next, create: prior?.create ?? false });
      if (!sameDoc(t, next)) updated++;
    }
    return { updated, upsertedId: null };
  }

  private lockForTxn(txn: Transaction, collection: string, id: string): void {
    const verdict = this.txns.acquire(txn, docKey(collection, id));
    if (verdict !== 'ok') throw dbErrors.conflict(collection, id);
  }

  /** The committed document as the transaction sees it (its own writes included). */
  private snapshotDoc(txn: Transaction, collection: string, id: string): Doc | null {
    const key = docKey(collection, id);
    const own = txn.overlay.get(key);
    if (own) return own.doc;
    const version = this.txns.snapshotVersion(txn, key);
    return version === 'current' ? this.store.getById(collection, id) : version.doc;
  }

  /** Candidate documents for a query, as a transaction (or, with null, everyone) sees them. */
  private view(txn: Transaction | null, collection: string, query: Doc): Doc[] {
    const rows = this.store.candidates(collection, planNarrowing(query, this.store.indexedFields(collection)));
    if (!txn) return rows;
    const byId = new Map(rows.map((d) => [d._id as string, d]));
    for (const id of this.txns.changedSince(txn, collection)) {
      const v = this.txns.snapshotVersion(txn, docKey(collection, id));
      if (v === 'current') continue;
      if (v.doc) byId.set(id, v.doc);
      else byId.delete(id);
    }
    for (const e of txn.overlay.values()) {
      if (e.collection !== collection) continue;
      if (e.doc) byId.set(e.id, e.doc);
      else byId.delete(e.id);
    }
    return [...byId.values()];
  }

  private matching(docs: Doc[], query: Doc): Doc[] {
    const q = evaluating(() => this.queries.get(query));
    return docs.filter((d) => q.test(d));
  }

  private matchForWrite(collection: string, query: Doc, multi: boolean): Doc[] {
    if (isPointQuery(query)) {
      const doc = this.store.getById(collection, query._id as string);
      return doc ? [doc] : [];
    }
    const matches = this.matching(this.view(null, collection, query), query);
    return multi ? matches : matches.slice(0, 1);
  }

  /** The id of the first matched document a transaction holds the lock of, checked synchronously. */
  private firstLocked(collection: string, docs: Array<Doc | string>): string | null {
    for (const d of docs) {
      const id = typeof d === 'string' ? d : (d._id as string);
      if (this.txns.lockHolder(docKey(collection, id))) return id;
    }
    return null;
  }

  /** Waits for the lock to go; the caller then matches again from the latest committed rows. */
  private async waitForLock(collection: string, id: string): Promise<void> {
    const freed = await this.txns.waitForUnlock(docKey(collection, id), this.options.lockWaitMs);
    if (!freed) throw dbErrors.lockTimeout(collection, id);
  }

  private commitPlain(writes: RowWrite[], before: (collection: string, id: string) => Doc | null): void {
    this.store.apply(writes);
    this.txns.recordCommit(writes, before);
  }

  private txnFor(id: string | undefined): Transaction | null {
    if (!id) return null;
    const txn = this.requireTxn(id);
    txn.lastActivity = this.options.now();
    return txn;
  }

  private requireTxn(id: string): Transaction {
    const txn = this.txns.get(id);
    if (!txn) throw dbErrors.noTransaction(id);
    return txn;
  }

  private requireCollection(name: string, forWrite: boolean): void {
    if (!SqliteStore.isValidCollectionName(name)) throw dbErrors.invalid(`invalid collection name: ${String(name)}`);
    if (this.store.hasCollection(name)) return;
    if (this.options.strictCollections) {
      throw new DbError(
        'DATABASE_COLLECTION_NOT_EXIST',
        `Db or Table not exist: ${name}. collection ${name} does not exist; create it first (declare it in the index file)`,
      );
    }
    if (forWrite) this.store.ensureCollection(name);
  }

  private expireIdleTransactions(): void {
    const now = this.options.now();
    for (const txn of this.txns.openTransactions()) {
      if (now - txn.lastActivity > this.options.transactionTimeoutMs) {
        this.txns.end(txn);
        this.txns.stats.expired++;
      }
    }
  }
}

/** mingo throws plain errors for unknown operators and bad arguments: those are the caller's mistakes. */
function evaluating<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DbError) throw e;
    throw dbErrors.badOperator(`invalid query: ${(e as Error).message}`);
  }
}

function isPointQuery(query: Doc): boolean {
  const keys = Object.keys(query);
  return keys.length === 1 && keys[0] === '_id' && typeof query._id === 'string';
}

function sameDoc(a: Doc, b: Doc): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function changedWrites(collection: string, docs: Doc[], change: (d: Doc) => Doc): RowWrite[] {
  const writes: RowWrite[] = [];
  for (const d of docs) {
    const next = change(d);
    if (!sameDoc(d, next)) writes.push({ collection, id: d._id as string, doc: next, create: false });
  }
  return writes;
}
