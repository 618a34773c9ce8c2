/**
 * What the count benchmarks share: the built functions on an in-memory emulator with the real SDK,
 * a function caller that fails loudly, and meters for SDK requests and rows written (per
 * operation, and per document for the hot-document checks).
 */
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../emulator';
import type { RowWrite } from '../emulator/db/sqlite-store';
import type { Database } from '../core/platform/database';
import { buildFunctions } from '../scripts/build-functions';

const root = join(__dirname, '..');

export interface Measured<T> {
  result: T;
  /** Database round trips (WeChat Pay and open API calls are in byAction only). */
  requests: number;
  /** Rows the database changed: a conditional update that matched nothing is a request, not a write. */
  writes: number;
  byAction: Record<string, number>;
}

export interface BenchHarness {
  emu: Emulator;
  db: Database;
  call(fn: string, openid: string, event: Record<string, unknown>): Promise<any>;
  measure<T>(op: () => Promise<T>): Promise<Measured<T>>;
  /** Writes per `collection/id` since the last reset. */
  writesByDoc: Map<string, number>;
}

export async function startBench(env: Record<string, string> = {}): Promise<BenchHarness> {
  await buildFunctions();
  Object.assign(process.env, env);
  const emu = await startEmulator({
    dataDir: null,
    functionsDir: join(root, 'build', 'cloudfunctions'),
    indexes: join(root, 'cloudfunctions', 'indexes.json'),
    timers: false,
  });
  const cloud = require('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

  const writesByDoc = new Map<string, number>();
  const store = emu.db.store as unknown as { apply(writes: RowWrite[]): void };
  const apply = store.apply.bind(store);
  let rowWrites = 0;
  store.apply = (writes) => {
    // Counted once applied: an insert refused as a duplicate reaches apply and throws there.
    apply(writes);
    rowWrites += writes.length;
    for (const w of writes) writesByDoc.set(`${w.collection}/${w.id}`, (writesByDoc.get(`${w.collection}/${w.id}`) ?? 0) + 1);
  };

  return {
    emu,
    db: cloud.database() as Database,
    writesByDoc,
    async call(fn, openid, event) {
      const result = (await emu.invoke(fn, event, { OPENID: openid })).result as any;
      if (!result?.ok) throw new Error(`${fn}.${String(event.action)}: ${JSON.stringify(result?.error)}`);
      return result.data;
    },
    async measure(op) {
      const before = { ...emu.requestCounts };
      const rowWritesBefore = rowWrites;
      const result = await op();
      const byAction: Record<string, number> = {};
      let requests = 0;
      for (const [k, v] of Object.entries(emu.requestCounts)) {
        const n = v - (before[k] ?? 0);
        if (n <= 0) continue;
        // Database round trips are the bar; WeChat Pay and open API calls are shown beside them.
        if (k.startsWith('database.')) requests += n;
        byAction[k.replace('database.', '')] = n;
      }
      return { result, requests, writes: rowWrites - rowWritesBefore, byAction };
    },
  };
}

export function printRows(title: string, rows: Array<[string, Measured<unknown>]>, width = 60): void {
  console.log(`${title}\n`);
  console.log(`${'operation'.padEnd(width)} ${'requests'.padStart(8)} ${'writes'.padStart(6)}  by action`);
  for (const [name, m] of rows)
    console.log(`${name.padEnd(width)} ${String(m.requests).padStart(8)} ${String(m.writes).padStart(6)}  ${JSON.stringify(m.byAction)}`);
}
