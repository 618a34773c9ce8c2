import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EJSON } from 'bson';
import { deserializeDoc, serializeDoc, type Doc } from './ejson';
import { DbError, dbErrors } from './errors';
import type { IndexDeclarations, IndexSpec } from './indexes';
import { getPath } from './paths';

export type SqlScalar = number | string | null;
export interface Narrowing {
  where: string;
  params: SqlScalar[];
}
export interface RowWrite {
  collection: string;
  id: string;
  /** null removes the row */
  doc: Doc | null;
  /** true when the row must not exist yet (an insert) */
  create: boolean;
}

interface CollectionMeta {
  table: string;
  fields: string[];
  uniques: IndexSpec[];
  getById: Database.Statement;
  insert: Database.Statement;
  update: Database.Statement;
  remove: Database.Statement;
  all: Database.Statement;
}

const COLLECTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export function fieldColumn(path: string): string {
  return `"f:${path.replace(/"/g, '')}"`;
}
function uniqueColumn(name: string): string {
  return `"u:${name}"`;
}

/** The value an indexed field contributes to SQL narrowing; non-scalars stay NULL (and are always candidates). */
export function sqlScalar(value: unknown): SqlScalar | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.getTime();
  return undefined;
}

/**
 * SQLite persistence: one table per collection, each row the document as relaxed EJSON plus one
 * column per indexed field (for narrowing) and one per unique index (enforced by SQLite itself).
 */
export class SqliteStore {
  readonly db: Database.Database;
  /** SQLite statements executed — the bench reports them per SDK operation. */
  statements = 0;
  private readonly metas = new Map<string, CollectionMeta>();
  /** Narrowed queries by their SQL: preparing is a compile, and functions repeat a few shapes. */
  private readonly prepared = new Map<string, Database.Statement>();

  constructor(
    file: string | null,
    private readonly indexes: IndexDeclarations,
  ) {
    if (file) mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file ?? ':memory:');
    if (file) {
      this.db.pragma('journal_mode = WAL');
      // NORMAL in WAL keeps the database consistent after a crash (kill -9); only the last commits may be lost on power loss.
      this.db.pragma('synchronous = NORMAL');
    }
    for (const row of this.db.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name LIKE 'c:%'").all() as { name: string }[]) {
      this.open(row.name.slice(2));
    }
    for (const name of Object.keys(indexes)) this.ensureCollection(name);
  }

  static isValidCollectionName(name: unknown): name is string {
    return typeof name === 'string' && COLLECTION_NAME.test(name);
  }

  hasCollection(name: string): boolean {
    return this.metas.has(name);
  }

  collections(): string[] {
    return [...this.metas.keys()];
  }

  ensureCollection(name: string): void {
    if (this.metas.has(name)) return;
    if (!SqliteStore.isValidCollectionName(name)) throw dbErrors.invalid(`invalid collection name: ${name}`);
    this.db.exec(`CREATE TABLE IF NOT EXISTS "c:${name}" (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)`);
    this.open(name);
  }

  dropCollection(name: string): void {
    this.db.exec(`DROP TABLE IF EXISTS "c:${name}"`);
    this.prepared.clear();
    this.metas.delete(name);
  }

  indexedFields(collection: string): string[] {
    return this.metas.get(collection)?.fields ?? [];
  }

  getById(collection: string, id: string): Doc | null {
    const meta = this.metas.get(collection);
    if (!meta) return null;
    this.statements++;
    const row = meta.getById.get(id) as { doc: string } | undefined;
    return row ? deserializeDoc(row.doc) : null;
  }

  /** Rows that may match: the caller evaluates the full query on them. */
  candidates(collection: string, narrowing: Narrowing | null): Doc[] {
    const meta = this.metas.get(collection);
    if (!meta) return [];
    this.statements++;
    const rows = narrowing
      ? (this.statement(`SELECT doc FROM "${meta.table}" WHERE ${narrowing.where}`).all(...narrowing.params) as { doc: string }[])
      : (meta.all.all() as { doc: string }[]);
    return rows.map((r) => deserializeDoc(r.doc));
  }

  count(collection: string): number {
    const meta = this.metas.get(collection);
    if (!meta) return 0;
    this.statements++;
    return (this.statement(`SELECT count(*) AS n FROM "${meta.table}"`).get() as { n: number }).n;
  }

  private statement(sql: string): Database.Statement {
    let st = this.prepared.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      if (this.prepared.size >= 1000) this.prepared.clear();
      this.prepared.set(sql, st);
    }
    return st;
  }

  /** Applies every write or none (one SQLite transaction). */
  apply(writes: RowWrite[]): void {
    if (writes.length === 0) return;
    const run = () => {
      for (const w of writes) this.applyOne(w);
    };
    if (writes.length === 1) run();
    else this.db.transaction(run)();
  }

  close(): void {
    this.db.close();
  }

  private applyOne(w: RowWrite): void {
    const meta = this.metas.get(w.collection);
    if (!meta) throw dbErrors.invalid(`collection ${w.collection} does not exist`);
    this.statements++;
    if (w.doc === null) {
      meta.remove.run(w.id);
      return;
    }
    const values = [
      w.id,
      serializeDoc(w.doc),
      ...meta.fields.map((f) => sqlScalar(getPath(w.doc, f)) ?? null),
      ...meta.uniques.map((u) => uniqueKey(u, w.doc!)),
    ];
    try {
      if (w.create) meta.insert.run(...values);
      else {
        const [id, ...rest] = values;
        const res = meta.update.run(...rest, id);
        if (res.changes === 0) meta.insert.run(...values);
      }
    } catch (e) {
      throw translateConstraint(e, w, meta);
    }
  }

  private open(name: string): void {
    const table = `c:${name}`;
    const specs = this.indexes[name] ?? [];
    const fields = [...new Set(specs.flatMap((s) => Object.keys(s.keys)))];
    const uniques = specs.filter((s) => s.unique);
    const existing = new Set((this.db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name));
    const added: string[] = [];
    for (const f of fields) if (!existing.has(`f:${f}`)) added.push(fieldColumn(f));
    for (const u of uniques) if (!existing.has(`u:${u.name}`)) added.push(uniqueColumn(u.name));
    for (const col of added) this.db.exec(`ALTER TABLE "${table}" ADD COLUMN ${col}`);
    if (added.length) this.prepared.clear();
    const setCols = [...fields.map(fieldColumn), ...uniques.map((u) => uniqueColumn(u.name))];
    const meta: CollectionMeta = {
      table,
      fields,
      uniques,
      getById: this.db.prepare(`SELECT doc FROM "${table}" WHERE id = ?`),
      insert: this.db.prepare(`INSERT INTO "${table}" (id, doc${setCols.map((c) => `, ${c}`).join('')}) VALUES (?, ?${setCols.map(() => ', ?').join('')})`),
      update: this.db.prepare(`UPDATE "${table}" SET doc = ?${setCols.map((c) => `, ${c} = ?`).join('')} WHERE id = ?`),
      remove: this.db.prepare(`DELETE FROM "${table}" WHERE id = ?`),
      all: this.db.prepare(`SELECT doc FROM "${table}"`),
    };
    if (added.length > 0) this.backfill(meta);
    this.metas.set(name, meta);
    for (const s of specs) {
      const cols = s.unique ? uniqueColumn(s.name) : Object.keys(s.keys).map(fieldColumn).join(', ');
      const sqlName = `"ix:${name}:${s.name}"`;
      try {
        this.db.exec(`CREATE ${s.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${sqlName} ON "${table}" (${cols})`);
      } catch (e) {
        throw new Error(`cannot create unique index ${s.name} on ${name}: existing documents break it (${(e as Error).message})`);
      }
    }
    // Single-field narrowing needs an index on each field column, not only on compound ones.
    for (const f of fields) this.db.exec(`CREATE INDEX IF NOT EXISTS "ixf:${name}:${f}" ON "${table}" (${fieldColumn(f)})`);
  }

  private backfill(meta: CollectionMeta): void {
    const rows = meta.all.all() as { doc: string }[];
    const fill = this.db.transaction(() => {
      for (const r of rows) {
        const doc = deserializeDoc(r.doc);
        const values = [serializeDoc(doc), ...meta.fields.map((f) => sqlScalar(getPath(doc, f)) ?? null), ...meta.uniques.map((u) => uniqueKey(u, doc))];
        meta.update.run(...values, String(doc._id));
      }
    });
    fill();
  }
}

/** A unique key; typed through EJSON so 1 and true and "1" differ. Sparse indexes skip docs missing every key. */
function uniqueKey(spec: IndexSpec, doc: Doc): string | null {
  const values = Object.keys(spec.keys).map((k) => getPath(doc, k));
  if (spec.sparse && values.every((v) => v === undefined)) return null;
  return EJSON.stringify(
    values.map((v) => (v === undefined ? null : v)),
    { relaxed: false },
  );
}

function translateConstraint(e: unknown, w: RowWrite, meta: CollectionMeta): unknown {
  const err = e as { code?: string; message?: string };
  if (err.code !== 'SQLITE_CONSTRAINT_UNIQUE' && err.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return e;
  const msg = err.message ?? '';
  if (err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || msg.includes('.id')) {
    return dbErrors.duplicateKey(w.collection, '_id_', `{ _id: ${JSON.stringify(w.id)} }`);
  }
  const spec = meta.uniques.find((u) => msg.includes(`u:${u.name}`));
  if (!spec) return e instanceof DbError ? e : dbErrors.duplicateKey(w.collection, 'unknown', '{}');
  const key = Object.keys(spec.keys)
    .map((k) => `${k}: ${JSON.stringify(getPath(w.doc, k) ?? null)}`)
    .join(', ');
  return dbErrors.duplicateKey(w.collection, spec.name, `{ ${key} }`);
}
