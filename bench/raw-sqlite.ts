import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { timeSync, warmupOps, type Timing } from './harness';

/**
 * The baseline: better-sqlite3 doing the same logical work as the emulator, directly and
 * synchronously. Same table idea as the emulator's store (id TEXT PRIMARY KEY, doc TEXT holding
 * the JSON document, one column per indexed field), documents parsed / serialised with JSON.
 */

export interface RawCounts {
  pointRead: number;
  indexedQuery: number;
  insert: number;
  increment: number;
}

export interface RawCaseResult extends Timing {
  /** SQLite statements per logical operation (BEGIN and COMMIT count as statements here). */
  statementsPerOp: number;
}

export interface RawResults {
  journalMode: string;
  pointRead: RawCaseResult;
  indexedQuery: RawCaseResult;
  insert: RawCaseResult;
  increment: RawCaseResult;
  /** Correctness: the counter after all increments equals the number of increments. */
  incrementFinal: { expected: number; actual: number };
  indexedQueryRows: number;
}

export interface NewDoc {
  category: string;
  status: string;
  [k: string]: unknown;
}
export interface SeedDoc extends NewDoc {
  _id: string;
}

/** Runs the four raw cases on a fresh database: in memory (dir null) or a WAL file in `dir`. */
export function runRawSqlite(dir: string | null, seed: SeedDoc[], insertDoc: (i: number) => NewDoc, counts: RawCounts): RawResults {
  const db = new Database(dir ? join(dir, 'raw.sqlite') : ':memory:');
  if (dir) {
    // The emulator's store uses exactly these two pragmas on disk.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  const journalMode = String(db.pragma('journal_mode', { simple: true }));
  for (const table of ['items', 'events']) {
    db.exec(`CREATE TABLE ${table} (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL, category, status)`);
    db.exec(`CREATE INDEX ${table}_category_status ON ${table} (category, status)`);
  }
  db.exec('CREATE TABLE counters (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)');

  const insertItem = db.prepare('INSERT INTO items (id, doc, category, status) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const d of seed) insertItem.run(d._id, JSON.stringify(d), d.category, d.status);
  })();
  db.prepare('INSERT INTO counters (id, doc) VALUES (?, ?)').run('k0', JSON.stringify({ _id: 'k0', n: 0 }));
  db.exec('ANALYZE');

  // (a) point read
  const byId = db.prepare('SELECT doc FROM items WHERE id = ?');
  const pointRead = (i: number) => {
    const row = byId.get(seed[(i * 7919) % seed.length]._id) as { doc: string } | undefined;
    return row ? JSON.parse(row.doc) : null;
  };

  // (b) indexed query with LIMIT
  const query = db.prepare('SELECT doc FROM items WHERE category = ? AND status = ? LIMIT 20');
  const indexedQuery = () => (query.all('c7', 'open') as { doc: string }[]).map((r) => JSON.parse(r.doc));
  const indexedQueryRows = indexedQuery().length;

  // (c) insert
  const insertEvent = db.prepare('INSERT INTO events (id, doc, category, status) VALUES (?, ?, ?, ?)');
  const insert = (i: number) => {
    const id = randomBytes(16).toString('hex');
    const d = { _id: id, ...insertDoc(i) };
    insertEvent.run(id, JSON.stringify(d), d.category, d.status);
  };

  // (d) transactional increment: BEGIN / SELECT / UPDATE / COMMIT
  const begin = db.prepare('BEGIN');
  const commit = db.prepare('COMMIT');
  const readCounter = db.prepare('SELECT doc FROM counters WHERE id = ?');
  const writeCounter = db.prepare('UPDATE counters SET doc = ? WHERE id = ?');
  const increment = () => {
    begin.run();
    const d = JSON.parse((readCounter.get('k0') as { doc: string }).doc) as { _id: string; n: number };
    writeCounter.run(JSON.stringify({ ...d, n: d.n + 1 }), 'k0');
    commit.run();
  };

  const measure = (ops: number, op: (i: number) => unknown, statementsPerOp: number): RawCaseResult => {
    timeSync(warmupOps(ops), op);
    return { ...timeSync(ops, op), statementsPerOp };
  };
  const results = {
    pointRead: measure(counts.pointRead, pointRead, 1),
    indexedQuery: measure(counts.indexedQuery, indexedQuery, 1),
    insert: measure(counts.insert, insert, 1),
    increment: measure(counts.increment, increment, 4),
  };
  const actual = (JSON.parse((readCounter.get('k0') as { doc: string }).doc) as { n: number }).n;
  db.close();
  return {
    journalMode,
    ...results,
    incrementFinal: { expected: warmupOps(counts.increment) + counts.increment, actual },
    indexedQueryRows,
  };
}
