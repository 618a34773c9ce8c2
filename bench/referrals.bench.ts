/**
 * npm run bench:referrals — deterministic counts for shares and referrals, through the built
 * functions and the real SDK on an in-memory emulator:
 *  - database round trips (SDK requests) and writes to record a visit (first and repeated), to
 *    attribute a join, to record a conversion on payment and to confirm it after the hold;
 *  - 1,000 visitors opening one member's card: writes to each single document. No document — the
 *    share itself above all — may be written by every visit (no hot counter).
 * Counts, not timings: they are the same on any machine.
 */
import { join } from 'node:path';
import { startEmulator } from '../emulator';
import type { RowWrite } from '../emulator/db/sqlite-store';
import type { Database } from '../core/platform/database';
import { confirmDueConversions, recordConversion } from '../core/referrals/referrals.usecases';
import { buildFunctions } from '../scripts/build-functions';

/* eslint-disable @typescript-eslint/no-explicit-any */
const root = join(__dirname, '..');
const VISITORS = Number(process.env.BENCH_VISITORS ?? 1000);
const DAY = 86_400_000;

async function main() {
  await buildFunctions();
  const emu = await startEmulator({ dataDir: null, functionsDir: join(root, 'build', 'cloudfunctions'), indexes: join(root, 'cloudfunctions', 'indexes.json'), timers: false });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  const db = cloud.database() as Database;
  const call = async (fn: string, openid: string, event: Record<string, unknown>) => {
    const result = (await emu.invoke(fn, event, { OPENID: openid })).result as any;
    if (!result?.ok) throw new Error(`${fn}.${String(event.action)}: ${JSON.stringify(result?.error)}`);
    return result.data;
  };

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

  const measure = async <T>(op: () => Promise<T>) => {
    const before = { ...emu.requestCounts };
    const rowWritesBefore = rowWrites;
    const result = await op();
    const diff: Record<string, number> = {};
    for (const [k, v] of Object.entries(emu.requestCounts)) if (v - (before[k] ?? 0) > 0) diff[k.replace('database.', '')] = v - (before[k] ?? 0);
    const requests = Object.values(diff).reduce((a, b) => a + b, 0);
    // Rows the database actually changed (a conditional update that matched nothing is a request, not a write).
    const writes = rowWrites - rowWritesBefore;
    return { result, requests, writes, byAction: diff };
  };

  const sharer = 'bench-sharer';
  await call('member', sharer, { action: 'open' });
  await call('member', sharer, { action: 'join', agreeTerms: true });
  const { code } = await call('referral', sharer, { action: 'share', targetType: 'invite', channel: 'chat' });

  const rows: Array<[string, { requests: number; writes: number; byAction: Record<string, number> }]> = [];
  const newcomer = 'bench-newcomer';
  await call('member', newcomer, { action: 'open' });
  rows.push(['record a visit (referral.visit), first open', await measure(() => call('referral', newcomer, { action: 'visit', code }))]);
  rows.push(['record a visit, the same visitor again', await measure(() => call('referral', newcomer, { action: 'visit', code }))]);
  rows.push(['join with attribution (member.join)', await measure(() => call('member', newcomer, { action: 'join', agreeTerms: true }))]);
  const paidAt = new Date(emu.clock.now());
  rows.push(['conversion on payment (recordConversion)', await measure(() => recordConversion(db, { orderId: 'bench-order-1', buyerId: newcomer, payFen: 11500, paidAt }))]);
  rows.push(['conversion replayed', await measure(() => recordConversion(db, { orderId: 'bench-order-1', buyerId: newcomer, payFen: 11500, paidAt }))]);
  emu.clock.advance(8 * DAY);
  rows.push(['confirm after the hold (timer run, 1 due)', await measure(() => confirmDueConversions(db, new Date(emu.clock.now()), { batchSize: 50, budgetMs: 45_000 }))]);

  console.log('Referrals: database round trips per operation (SDK requests to the emulator)\n');
  console.log(`${'operation'.padEnd(50)} ${'requests'.padStart(8)} ${'writes'.padStart(6)}  by action`);
  for (const [name, m] of rows) console.log(`${name.padEnd(50)} ${String(m.requests).padStart(8)} ${String(m.writes).padStart(6)}  ${JSON.stringify(m.byAction)}`);

  // Many visitors through one card.
  const visitors = Array.from({ length: VISITORS }, (_, i) => `bench-visitor-${i}`);
  for (const v of visitors) await call('member', v, { action: 'open' });
  writesByDoc.clear();
  for (const v of visitors) await call('referral', v, { action: 'visit', code });
  const byCollection = new Map<string, { docs: number; max: number }>();
  for (const [doc, n] of writesByDoc) {
    const collection = doc.split('/')[0];
    const c = byCollection.get(collection) ?? { docs: 0, max: 0 };
    c.docs++;
    c.max = Math.max(c.max, n);
    byCollection.set(collection, c);
  }
  console.log(`\n${VISITORS.toLocaleString()} visitors open one card: documents written, and the most writes to one of them\n`);
  for (const [collection, c] of byCollection) console.log(`${collection.padEnd(16)} ${String(c.docs).padStart(6)} documents, at most ${c.max} write(s) each`);
  const shareWrites = writesByDoc.get(`shares/${code}`) ?? 0;
  const hot = [...writesByDoc].filter(([, n]) => n > 1);
  console.log(`\nwrites to the share itself: ${shareWrites}; documents written more than once: ${hot.length === 0 ? 'none' : hot.map(([d, n]) => `${d} (${n})`).join(', ')}`);
  await emu.close();
  if (shareWrites > 0 || hot.length > 0) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
