/**
 * `npm run bench`: throughput of the local WeChat Cloud emulator as the real wx-server-sdk@4.0.2
 * sees it (every call an HTTP round trip to an emulator started in this process), in memory and on
 * disk (WAL), next to raw better-sqlite3 doing the same logical work; plus the SQLite statements
 * each SDK operation costs. Prints tables to stdout (progress goes to stderr) and writes
 * bench/results/emulator-latest.json. Nothing is timed-asserted; exits non-zero only when a
 * correctness check fails (lost increments, wrong results, statement counts growing with size).
 *
 * Each emulator runs in its own child process (this file, re-run with `--child <backend>`): one
 * emulator per process is how it is used, keeps the two runs from sharing a heap or the SDK's
 * connection pool, and a second startEmulator() in one process currently throws (process.env is
 * already the function runner's Proxy when it assigns the SDK variables again).
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmulator, type Emulator } from '../emulator';
import { fmtInt, fmtRatio, renderTable, timeAsync, warmupOps, type Timing } from './harness';
import { runRawSqlite, type RawResults, type SeedDoc } from './raw-sqlite';

// ---- configuration

const DOCS = 10_000;
const SMALL_DOCS = 1_000;
const STATUSES = ['open', 'closed', 'pending', 'archived'];
const CONCURRENCY = 8;
const OPS = {
  pointRead: 2_000,
  indexedQuery: 1_000,
  insert: 2_000,
  txnC1: 1_000,
  txnC8: 1_000,
  /** runTransaction calls in the contended run, spread over CONCURRENCY workers */
  txnContended: 200,
};
const RAW_OPS = { pointRead: 100_000, indexedQuery: 20_000, insert: 50_000, increment: 20_000 };
/** Sequential SDK operations sampled to count statements per operation. */
const STATEMENT_SAMPLES = 10;

const ITEM_INDEX = [{ name: 'category_status', keys: { category: 1 as const, status: 1 as const } }];
const INDEXES = { items: ITEM_INDEX, items1k: ITEM_INDEX, events: ITEM_INDEX, counters: [] };

/** 20 categories x 4 statuses: `category c7, status open` matches 125 of the 10,000 docs. */
function seedDoc(i: number): SeedDoc {
  return {
    _id: `item-${String(i).padStart(5, '0')}`,
    category: `c${i % 20}`,
    status: STATUSES[Math.floor(i / 20) % STATUSES.length],
    n: i,
    title: `Item number ${i}`,
    price: (i * 37) % 10_000,
  };
}
const SEED = Array.from({ length: DOCS }, (_, i) => seedDoc(i));
const MATCHING_DOCS = SEED.filter((d) => d.category === 'c7' && d.status === 'open').length;
const insertDoc = (i: number) => ({ category: `c${i % 20}`, status: STATUSES[i % STATUSES.length], n: i, title: `Event ${i}`, price: i % 1000 });
const pointId = (i: number) => SEED[(i * 7919) % SEED.length]._id;

// ---- the SDK (loaded once the first emulator has set process.env)

interface SdkDocRef {
  get(): Promise<{ data: Record<string, unknown> & { n: number; _id: string } }>;
  update(p: { data: Record<string, unknown> }): Promise<unknown>;
}
interface SdkDb {
  collection(name: string): {
    doc(id: string): SdkDocRef;
    where(q: Record<string, unknown>): { limit(n: number): { get(): Promise<{ data: Array<Record<string, unknown>> }> } };
    add(p: { data: Record<string, unknown> }): Promise<{ _id: string }>;
  };
  runTransaction<T>(fn: (t: { collection(name: string): { doc(id: string): SdkDocRef } }) => Promise<T>): Promise<T>;
}
let sdkDb: SdkDb | null = null;
function sdk(): SdkDb {
  if (!sdkDb) {
    const cloud = require('wx-server-sdk') as { init(c: { env: unknown }): void; DYNAMIC_CURRENT_ENV: symbol; database(): SdkDb };
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
    sdkDb = cloud.database();
  }
  return sdkDb;
}

// ---- checks and progress

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}
const checks: Check[] = [];
function check(name: string, ok: boolean, detail: string): void {
  checks.push({ name, ok, detail });
  if (!ok) progress(`CHECK FAILED: ${name}: ${detail}`);
}
function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Silences console.log (runTransaction logs every conflict) while `fn` runs; returns how many lines it swallowed. */
async function quietly<T>(fn: () => Promise<T>): Promise<{ value: T; logLines: number }> {
  const original = console.log;
  let logLines = 0;
  console.log = () => {
    logLines++;
  };
  try {
    return { value: await fn(), logLines };
  } finally {
    console.log = original;
  }
}

// ---- emulator cases

interface StatementCount {
  /** statements per operation when every sample agreed, else their mean */
  perOp: number;
  deterministic: boolean;
  samples: number[];
}

interface EmulatorCase extends Timing {
  statements: StatementCount;
}

interface ContendedResult extends Timing {
  calls: number;
  successes: number;
  failures: number;
  failureMessages: string[];
  attempts: number;
  conflictRetries: number;
  sdkConflictLogLines: number;
  finalCount: number;
  successesPerSec: number;
  statementsPerCall: number;
  openTransactionsAfter: number;
}

interface EmulatorResults {
  backend: 'memory' | 'disk';
  journalMode: string;
  pointRead: EmulatorCase;
  indexedQuery: EmulatorCase;
  insert: EmulatorCase;
  txnC1: EmulatorCase;
  txnC8: EmulatorCase & { conflictRetries: number };
  txnContended: ContendedResult;
  sizeIndependence: Record<string, { docs1k: number; docs10k: number; equal: boolean }>;
}

async function countStatements(emu: Emulator, samples: number, op: (i: number) => Promise<unknown>): Promise<StatementCount> {
  const counts: number[] = [];
  for (let i = 0; i < samples; i++) {
    const before = emu.db.store.statements;
    await op(i);
    counts.push(emu.db.store.statements - before);
  }
  const deterministic = counts.every((c) => c === counts[0]);
  return { perOp: deterministic ? counts[0] : counts.reduce((a, b) => a + b, 0) / counts.length, deterministic, samples: counts };
}

async function measureCase(emu: Emulator, name: string, ops: number, op: (i: number) => Promise<unknown>): Promise<EmulatorCase> {
  await timeAsync(warmupOps(ops), 1, (i) => op(ops + i));
  const timing = await timeAsync(ops, 1, op);
  const statements = await countStatements(emu, STATEMENT_SAMPLES, (i) => op(2 * ops + i));
  check(`${name}: statements per operation are deterministic`, statements.deterministic, `samples ${statements.samples.join(',')}`);
  return { ...timing, statements };
}

async function counterValue(db: SdkDb, id: string): Promise<number> {
  return (await db.collection('counters').doc(id).get()).data.n;
}

async function benchEmulator(backend: 'memory' | 'disk', dataDir: string | null): Promise<EmulatorResults> {
  const label = `emulator/${backend}`;
  progress(`${label}: starting (${dataDir ?? 'in memory'})`);
  const emu = await startEmulator({ dataDir, indexes: INDEXES, timers: false });
  try {
    const journalMode = String(emu.db.store.db.pragma('journal_mode', { simple: true }));
    if (backend === 'disk') check(`${label}: on-disk store runs in WAL mode`, journalMode === 'wal', `journal_mode=${journalMode}`);
    // Seeding is not measured: straight into the document database.
    await emu.db.insert('items', SEED);
    await emu.db.insert('items1k', SEED.slice(0, SMALL_DOCS));
    await emu.db.insert(
      'counters',
      ['solo', 'hot', ...Array.from({ length: CONCURRENCY }, (_, w) => `k${w}`)].map((_id) => ({ _id, n: 0 })),
    );

    const db = sdk();
    const items = db.collection('items');

    // The SDK must be talking to *this* emulator (the second one runs on another port).
    const s0 = emu.db.store.statements;
    const first = await items.doc(pointId(0)).get();
    check(
      `${label}: the SDK reaches this emulator`,
      emu.db.store.statements > s0 && first.data._id === pointId(0),
      `statements ${s0} -> ${emu.db.store.statements}`,
    );
    const stats = (await (await fetch(`${emu.url}/control/stats`)).json()) as { sqliteStatements: number };
    check(
      `${label}: GET /control/stats agrees with store.statements`,
      stats.sqliteStatements === emu.db.store.statements,
      `${stats.sqliteStatements} vs ${emu.db.store.statements}`,
    );

    // (a) point reads
    progress(`${label}: point reads x${OPS.pointRead}`);
    const pointRead = await measureCase(emu, `${label} point read`, OPS.pointRead, (i) => items.doc(pointId(i)).get());

    // (b) indexed queries
    progress(`${label}: indexed queries x${OPS.indexedQuery}`);
    const q = await items.where({ category: 'c7', status: 'open' }).limit(20).get();
    check(
      `${label}: indexed query returns 20 matching docs`,
      q.data.length === 20 && q.data.every((d) => d.category === 'c7' && d.status === 'open'),
      `${q.data.length} docs`,
    );
    const indexedQuery = await measureCase(emu, `${label} indexed query`, OPS.indexedQuery, () =>
      items.where({ category: 'c7', status: 'open' }).limit(20).get(),
    );

    // (c) inserts
    progress(`${label}: inserts x${OPS.insert}`);
    const events = db.collection('events');
    const insert = await measureCase(emu, `${label} insert`, OPS.insert, (i) => events.add({ data: insertDoc(i) }));
    const insertedCount = emu.db.count('events', {});
    const expectedInserts = warmupOps(OPS.insert) + OPS.insert + STATEMENT_SAMPLES;
    check(`${label}: every add() landed`, insertedCount === expectedInserts, `${insertedCount} of ${expectedInserts}`);

    // Statements per operation must not depend on collection size.
    const sizeIndependence: EmulatorResults['sizeIndependence'] = {};
    const compare = async (name: string, op: (collection: string, i: number) => Promise<unknown>) => {
      const small = await countStatements(emu, 3, (i) => op('items1k', i));
      const large = await countStatements(emu, 3, (i) => op('items', i));
      const equal = small.deterministic && large.deterministic && small.perOp === large.perOp;
      sizeIndependence[name] = { docs1k: small.perOp, docs10k: large.perOp, equal };
      check(
        `${label}: ${name} statements on ${fmtInt(SMALL_DOCS)} vs ${fmtInt(DOCS)} docs are equal`,
        equal,
        `${small.samples.join(',')} vs ${large.samples.join(',')}`,
      );
    };
    await compare('point read', (c, i) =>
      db
        .collection(c)
        .doc(SEED[i * 97]._id)
        .get(),
    );
    await compare('indexed query', (c) => db.collection(c).where({ category: 'c7', status: 'open' }).limit(20).get());
    await compare('insert', (c, i) => db.collection(c).add({ data: insertDoc(i) }));

    // (d) transactional increments
    let attempts = 0;
    const increment = (id: string) =>
      db.runTransaction(async (t) => {
        attempts++;
        const d = await t.collection('counters').doc(id).get();
        await t
          .collection('counters')
          .doc(id)
          .update({ data: { n: d.data.n + 1 } });
      });

    progress(`${label}: transactional increments, concurrency 1 x${OPS.txnC1}`);
    const txnC1 = await measureCase(emu, `${label} txn increment c1`, OPS.txnC1, () => increment('solo'));
    const soloExpected = warmupOps(OPS.txnC1) + OPS.txnC1 + STATEMENT_SAMPLES;
    const soloFinal = await counterValue(db, 'solo');
    check(`${label}: concurrency-1 counter equals increments`, soloFinal === soloExpected, `final ${soloFinal}, expected ${soloExpected}`);

    progress(`${label}: transactional increments, concurrency ${CONCURRENCY} on ${CONCURRENCY} docs x${OPS.txnC8}`);
    const perDoc = new Array<number>(CONCURRENCY).fill(0);
    const c8failures: string[] = [];
    const c8op = async (_i: number, w: number) => {
      try {
        await increment(`k${w}`);
        perDoc[w]++;
      } catch (e) {
        c8failures.push(String((e as { errMsg?: string }).errMsg ?? (e as Error).message));
      }
    };
    const c8 = await quietly(async () => {
      await timeAsync(warmupOps(OPS.txnC8), CONCURRENCY, c8op);
      attempts = 0;
      const before = emu.db.store.statements;
      const timing = await timeAsync(OPS.txnC8, CONCURRENCY, c8op);
      return { timing, statements: emu.db.store.statements - before, retries: attempts - OPS.txnC8 };
    });
    const finals = await Promise.all(perDoc.map((_, w) => counterValue(db, `k${w}`)));
    check(
      `${label}: concurrency-${CONCURRENCY} counters equal increments`,
      finals.every((f, w) => f === perDoc[w]),
      `finals ${finals.join(',')} vs ${perDoc.join(',')}`,
    );
    check(
      `${label}: no conflicts on ${CONCURRENCY} distinct docs`,
      c8failures.length === 0 && c8.value.retries === 0 && c8.logLines === 0,
      `${c8failures.length} failed (${c8failures[0] ?? 'none'}), ${c8.value.retries} retries, ${c8.logLines} SDK log lines`,
    );
    const txnC8 = {
      ...c8.value.timing,
      conflictRetries: c8.value.retries,
      statements: { perOp: c8.value.statements / OPS.txnC8, deterministic: false, samples: [] },
    };

    progress(`${label}: contended run, ${CONCURRENCY} concurrent on one doc x${OPS.txnContended} calls`);
    let successes = 0;
    const failureMessages = new Set<string>();
    let failures = 0;
    attempts = 0;
    const beforeContended = emu.db.store.statements;
    const contended = await quietly(() =>
      timeAsync(OPS.txnContended, CONCURRENCY, async () => {
        try {
          await increment('hot');
          successes++;
        } catch (e) {
          failures++;
          failureMessages.add(String((e as { errMsg?: string; message?: string }).errMsg ?? (e as Error).message).slice(0, 160));
        }
      }),
    );
    const contendedStatements = emu.db.store.statements - beforeContended;
    const hotFinal = await counterValue(db, 'hot');
    check(`${label}: contended counter equals successes`, hotFinal === successes, `final ${hotFinal}, successes ${successes}`);
    check(
      `${label}: contended failures are all transaction conflicts`,
      [...failureMessages].every((m) => /conflict/i.test(m)),
      [...failureMessages].join(' | ') || 'no failures',
    );
    const openTransactionsAfter = emu.db.txns.openTransactions().length;
    const txnContended: ContendedResult = {
      ...contended.value,
      calls: OPS.txnContended,
      successes,
      failures,
      failureMessages: [...failureMessages],
      attempts,
      conflictRetries: attempts - OPS.txnContended,
      sdkConflictLogLines: contended.logLines,
      finalCount: hotFinal,
      successesPerSec: successes / contended.value.seconds,
      statementsPerCall: contendedStatements / OPS.txnContended,
      openTransactionsAfter,
    };
    return { backend, journalMode, pointRead, indexedQuery, insert, txnC1, txnC8, txnContended, sizeIndependence };
  } finally {
    await emu.close();
  }
}

// ---- main

interface Row {
  case: string;
  backend: 'memory' | 'disk';
  emulatorOpsPerSec: number;
  rawOpsPerSec: number;
  ratio: number;
  emulatorStatementsPerOp: number;
  emulatorStatementsDeterministic: boolean;
  rawStatementsPerOp: number;
  emulatorOps: number;
  rawOps: number;
}

function rowsFor(emu: EmulatorResults, raw: RawResults): Row[] {
  const row = (name: string, e: Timing & { statements?: StatementCount }, r: RawResults['pointRead'], opsPerSec = e.opsPerSec, stmts?: number): Row => ({
    case: name,
    backend: emu.backend,
    emulatorOpsPerSec: opsPerSec,
    rawOpsPerSec: r.opsPerSec,
    ratio: opsPerSec / r.opsPerSec,
    emulatorStatementsPerOp: stmts ?? e.statements!.perOp,
    emulatorStatementsDeterministic: stmts === undefined && e.statements!.deterministic,
    rawStatementsPerOp: r.statementsPerOp,
    emulatorOps: e.ops,
    rawOps: r.ops,
  });
  return [
    row(`point read doc(id).get(), ${fmtInt(DOCS)} docs`, emu.pointRead, raw.pointRead),
    row(`indexed query c7/open limit 20, ${fmtInt(DOCS)} docs`, emu.indexedQuery, raw.indexedQuery),
    row('insert add()', emu.insert, raw.insert),
    row('txn increment, concurrency 1', emu.txnC1, raw.increment),
    row(`txn increment, concurrency ${CONCURRENCY}, ${CONCURRENCY} docs`, emu.txnC8, raw.increment),
    row(
      `txn increment, ${CONCURRENCY} on 1 doc (successes/s)`,
      emu.txnContended,
      raw.increment,
      emu.txnContended.successesPerSec,
      emu.txnContended.statementsPerCall,
    ),
  ];
}

interface ChildReport {
  result: EmulatorResults;
  checks: Check[];
}

/** Runs benchEmulator(backend) in a child process; its stdout goes to our stderr to keep stdout clean. */
function benchEmulatorInChild(backend: 'memory' | 'disk', dataDir: string | null): Promise<EmulatorResults> {
  return new Promise((resolvePromise, reject) => {
    const child = fork(__filename, ['--child', backend, ...(dataDir ? [dataDir] : [])], { execArgv: process.execArgv, stdio: ['ignore', 2, 2, 'ipc'] });
    let report: ChildReport | null = null;
    child.on('message', (m) => {
      report = m as ChildReport;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (!report) return reject(new Error(`emulator/${backend} bench child exited (code ${code}, signal ${signal}) without results`));
      checks.push(...report.checks);
      resolvePromise(report.result);
    });
  });
}

async function child(backend: 'memory' | 'disk', dataDir: string | null): Promise<void> {
  const result = await benchEmulator(backend, dataDir);
  const report: ChildReport = { result, checks };
  await new Promise<void>((done, fail) => process.send!(report, undefined, {}, (e: Error | null) => (e ? fail(e) : done())));
}

async function main(): Promise<number> {
  const started = Date.now();
  const loadStart = loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  const tempDirs: string[] = [];
  const tempDir = (prefix: string) => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    tempDirs.push(d);
    return d;
  };
  try {
    const emulators = {
      memory: await benchEmulatorInChild('memory', null),
      disk: await benchEmulatorInChild('disk', tempDir('flywheel-bench-emu-')),
    };
    progress('raw better-sqlite3: memory');
    const rawMemory = runRawSqlite(null, SEED, insertDoc, RAW_OPS);
    progress('raw better-sqlite3: disk (WAL)');
    const rawDisk = runRawSqlite(tempDir('flywheel-bench-raw-'), SEED, insertDoc, RAW_OPS);
    const raws = { memory: rawMemory, disk: rawDisk };
    for (const [backend, r] of Object.entries(raws)) {
      check(
        `raw/${backend}: increment count`,
        r.incrementFinal.actual === r.incrementFinal.expected,
        `${r.incrementFinal.actual} of ${r.incrementFinal.expected}`,
      );
      check(`raw/${backend}: indexed query returns 20 rows`, r.indexedQueryRows === 20, `${r.indexedQueryRows}`);
    }
    check('raw/disk: WAL mode', rawDisk.journalMode === 'wal', rawDisk.journalMode);

    const rows = [...rowsFor(emulators.memory, rawMemory), ...rowsFor(emulators.disk, rawDisk)];
    const totalSeconds = (Date.now() - started) / 1000;

    // ---- stdout
    const out: string[] = [];
    out.push(`Flywheel emulator bench — wx-server-sdk 4.0.2 over HTTP vs raw better-sqlite3`);
    out.push(`node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${new Date().toISOString()}`);
    out.push(
      `SDK ops: point ${fmtInt(OPS.pointRead)}, query ${fmtInt(OPS.indexedQuery)}, insert ${fmtInt(OPS.insert)}, txn c1 ${fmtInt(OPS.txnC1)}, txn c${CONCURRENCY} ${fmtInt(OPS.txnC8)}, contended ${OPS.txnContended} calls; ` +
        `raw ops: point ${fmtInt(RAW_OPS.pointRead)}, query ${fmtInt(RAW_OPS.indexedQuery)}, insert ${fmtInt(RAW_OPS.insert)}, increment ${fmtInt(RAW_OPS.increment)}; each after a 10% warm-up`,
    );
    out.push(`Cases (a)-(c) and txn c1 run one SDK call at a time; raw SQLite is synchronous, so its increment is the baseline for every txn row.`);
    out.push('');
    out.push(
      renderTable(
        ['case', 'backend', 'emulator ops/s', 'raw SQLite ops/s', 'ratio emu/raw', 'emu stmts/op', 'raw stmts/op'],
        rows.map((r) => [
          r.case,
          r.backend,
          fmtInt(r.emulatorOpsPerSec),
          fmtInt(r.rawOpsPerSec),
          fmtRatio(r.ratio),
          r.emulatorStatementsDeterministic ? String(r.emulatorStatementsPerOp) : `~${r.emulatorStatementsPerOp.toFixed(2)} (avg)`,
          String(r.rawStatementsPerOp),
        ]),
        [false, false, true, true, true, true, true],
      ),
    );
    out.push('');
    out.push(
      `Contended run: ${OPS.txnContended} runTransaction calls, ${CONCURRENCY} at a time, all incrementing one counter (SDK default: 3 retries on conflict)`,
    );
    out.push(
      renderTable(
        ['backend', 'calls', 'successes', 'failed', 'conflict retries', 'attempts', 'final n', 'final = successes', 'open txns after'],
        (['memory', 'disk'] as const).map((b) => {
          const c = emulators[b].txnContended;
          return [
            b,
            String(c.calls),
            String(c.successes),
            String(c.failures),
            String(c.conflictRetries),
            String(c.attempts),
            String(c.finalCount),
            c.finalCount === c.successes ? 'yes' : 'NO',
            String(c.openTransactionsAfter),
          ];
        }),
        [false, true, true, true, true, true, true, false, true],
      ),
    );
    const noRetry = (['memory', 'disk'] as const).filter((b) => emulators[b].txnContended.failures > 0 && emulators[b].txnContended.conflictRetries === 0);
    if (noRetry.length) {
      out.push(
        `Note: no conflict was retried (${noRetry.join(', ')}). wx-server-sdk 4.0.2's doc().update() rethrows the emulator's DATABASE_TRANSACTION_CONFLICT as ` +
          `errCode -501001 without a \`code\`, so @cloudbase/database's runTransaction does not recognise it and rejects at once. Failed calls saw: ` +
          `${emulators[noRetry[0]].txnContended.failureMessages.join(' | ')}`,
      );
    }
    out.push('');
    out.push('SQLite statements per SDK operation vs collection size (must be equal)');
    out.push(
      renderTable(
        ['backend', 'operation', `${fmtInt(SMALL_DOCS)} docs`, `${fmtInt(DOCS)} docs`, 'equal'],
        (['memory', 'disk'] as const).flatMap((b) =>
          Object.entries(emulators[b].sizeIndependence).map(([op, s]) => [b, op, String(s.docs1k), String(s.docs10k), s.equal ? 'yes' : 'NO']),
        ),
        [false, false, true, true, false],
      ),
    );
    out.push('');
    out.push(
      `Note: the query matches ${MATCHING_DOCS} of ${fmtInt(DOCS)} docs; raw SQLite reads 20 rows (LIMIT in SQL), the emulator's one statement ` +
        `fetches and parses all ${MATCHING_DOCS} candidates (its SQL narrowing carries no LIMIT; mingo applies it).`,
    );
    out.push(
      `Load average (1/5/15 min) at start ${loadStart}, at end ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ')}: other work on this machine skews ops/s; statement counts are exact.`,
    );
    const failed = checks.filter((c) => !c.ok);
    out.push(`Checks: ${checks.length - failed.length}/${checks.length} passed${failed.length ? '' : '.'}`);
    for (const f of failed) out.push(`  FAILED ${f.name}: ${f.detail}`);
    out.push(`Total run time ${totalSeconds.toFixed(1)} s.`);

    const resultsDir = resolve(__dirname, 'results');
    mkdirSync(resultsDir, { recursive: true });
    const resultsFile = join(resultsDir, 'emulator-latest.json');
    const json = {
      generatedAt: new Date().toISOString(),
      machine: {
        loadAverageStart: loadStart,
        loadAverageEnd: loadavg(),
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? null,
      },
      config: {
        docs: DOCS,
        smallDocs: SMALL_DOCS,
        matchingDocs: MATCHING_DOCS,
        concurrency: CONCURRENCY,
        sdkOps: OPS,
        rawOps: RAW_OPS,
        statementSamples: STATEMENT_SAMPLES,
        indexes: INDEXES,
      },
      comparisons: rows,
      emulator: emulators,
      raw: raws,
      checks,
      ok: failed.length === 0,
      totalSeconds,
    };
    writeFileSync(resultsFile, `${JSON.stringify(json, null, 2)}\n`);
    out.push(`Results written to ${resultsFile}`);
    process.stdout.write(`${out.join('\n')}\n`);
    return failed.length === 0 ? 0 : 1;
  } finally {
    for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  }
}

const childAt = process.argv.indexOf('--child');
const entry: Promise<number> = childAt >= 0 ? child(process.argv[childAt + 1] as 'memory' | 'disk', process.argv[childAt + 2] ?? null).then(() => 0) : main();
entry.then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
