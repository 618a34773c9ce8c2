/**
 * npm run bench:referrals — deterministic counts for shares and referrals, through the built
 * functions and the real SDK on an in-memory emulator:
 *  - database round trips (SDK requests) and writes to record a visit (first and repeated), to
 *    attribute a join, to record a conversion on payment (the sharer's daily cap place is one
 *    conditional update outside the transaction) and to confirm it after the hold;
 *  - 1,000 visitors opening one member's card: writes to each single document. No document — the
 *    share itself above all — may be written by every visit (no hot counter).
 * Counts, not timings: they are the same on any machine.
 */
import { confirmDueConversions, recordConversion } from '../core/referrals/referrals.usecases';
import { printRows, startBench, type Measured } from './bench-harness';

const VISITORS = Number(process.env.BENCH_VISITORS ?? 1000);
const DAY = 86_400_000;

async function main() {
  const { emu, db, call, measure, writesByDoc } = await startBench();

  const sharer = 'bench-sharer';
  await call('member', sharer, { action: 'open' });
  await call('member', sharer, { action: 'join', agreeTerms: true });
  const { code } = await call('referral', sharer, { action: 'share', targetType: 'invite', channel: 'chat' });

  const rows: Array<[string, Measured<unknown>]> = [];
  const newcomer = 'bench-newcomer';
  await call('member', newcomer, { action: 'open' });
  rows.push(['record a visit (referral.visit), first open', await measure(() => call('referral', newcomer, { action: 'visit', code }))]);
  rows.push(['record a visit, the same visitor again', await measure(() => call('referral', newcomer, { action: 'visit', code }))]);
  rows.push(['join with attribution (member.join)', await measure(() => call('member', newcomer, { action: 'join', agreeTerms: true }))]);
  const paidAt = new Date(emu.clock.now());
  rows.push([
    'conversion on payment (recordConversion)',
    await measure(() => recordConversion(db, { orderId: 'bench-order-1', buyerId: newcomer, payFen: 11500, paidAt })),
  ]);
  rows.push(['conversion replayed', await measure(() => recordConversion(db, { orderId: 'bench-order-1', buyerId: newcomer, payFen: 11500, paidAt }))]);
  // The sharer's daily cap: the first conversion of the day creates the places document, the next take a place in it.
  const second = 'bench-newcomer-2';
  await call('member', second, { action: 'open' });
  await call('referral', second, { action: 'visit', code });
  const paidLater = new Date(emu.clock.now());
  rows.push([
    'conversion, a second friend that day',
    await measure(() => recordConversion(db, { orderId: 'bench-order-2', buyerId: second, payFen: 11500, paidAt: paidLater })),
  ]);
  emu.clock.advance(8 * DAY);
  rows.push([
    'confirm after the hold (timer run, 2 due)',
    await measure(() => confirmDueConversions(db, new Date(emu.clock.now()), { batchSize: 50, budgetMs: 45_000 })),
  ]);

  printRows('Referrals: database round trips per operation (SDK requests to the emulator)', rows, 50);

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
  console.log(
    `\nwrites to the share itself: ${shareWrites}; documents written more than once: ${hot.length === 0 ? 'none' : hot.map(([d, n]) => `${d} (${n})`).join(', ')}`,
  );
  await emu.close();
  if (shareWrites > 0 || hot.length > 0) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
