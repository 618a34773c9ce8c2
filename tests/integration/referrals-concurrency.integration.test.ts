/**
 * Referrals under concurrency, through the emulator (its transactions conflict like WeChat's):
 * a newcomer opening 100 cards at once then joining has one referrer; concurrent deliveries of
 * one order make one conversion; a burst of conversions for one sharer fills the daily cap
 * exactly; overlapping timers and refunds pay each reward once.
 */
import type { Database } from '../../core/platform/database';
import { DAY_MS } from '../../core/referrals/referral.config';
import { confirmDueConversions, recordConversion, reverseConversion } from '../../core/referrals/referrals.usecases';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { all, memberWithPoints, sdkDb } from './rewards-helpers';
import { conversionOf, fireConfirm, join, pointsOf, referral, referralOf, shareCode, visit } from './referrals-helpers';
import { pausingDb } from './orders-helpers';

// 100 visits at once take seconds on a shared two-core machine: more than jest's default 5 s.
jest.setTimeout(60_000);
let p: ProductEmulator;
let db: Database;
let seq = 0;
const id = (tag: string) => `o-cc-${tag}-${seq++}`;
const nowDate = () => new Date(p.emu.clock.now());

beforeAll(async () => {
  // 100 simultaneous SDK requests share sockets; Node's default of 10 listeners per socket is only a leak heuristic.
  require('node:events').defaultMaxListeners = 250;
  p = await startProductEmulator();
  db = sdkDb();
});
afterAll(() => p.emu.close());

test('100 concurrent first visits of one newcomer through different shares, then join (5 times at once): exactly one referrer, the first visit’s', async () => {
  const sharers = Array.from({ length: 100 }, () => id('s'));
  for (const s of sharers) await memberWithPoints(db, s, 'member', 0);
  const codes = await Promise.all(sharers.map((s) => shareCode(p, s)));
  const n = id('newcomer');
  const visits = await Promise.all(codes.map((code) => visit(p, n, code)));
  expect(visits.every((v) => v.ok && v.data.recorded)).toBe(true);
  const stored = all(p, 'share_visits', { visitorId: n });
  expect(stored).toHaveLength(100);
  await p.call('member', n, { action: 'open' });
  const joins = await Promise.all(Array.from({ length: 5 }, () => p.call('member', n, { action: 'join', agreeTerms: true })));
  expect(joins.every((j) => j.ok)).toBe(true);
  expect(all(p, 'referrals', { _id: n })).toHaveLength(1);
  const first = [...stored].sort((a, b) => a.at.getTime() - b.at.getTime() || (a._id < b._id ? -1 : 1))[0];
  expect(referralOf(p, n)).toMatchObject({ referrerId: first.sharerId, code: first.code, status: 'counted' });
  // Exactly one of the hundred sharers sees a friend.
  const friends = await Promise.all(sharers.map(async (s) => (await referral(p, s, { action: 'influence' })).data.friendsJoined));
  expect(friends.reduce((a, b) => a + b, 0)).toBe(1);
});

test('one order delivered 10 times at once makes one conversion and takes one cap place', async () => {
  const a = id('a');
  await memberWithPoints(db, a, 'member', 0);
  const buyer = id('buyer');
  await visit(p, buyer, await shareCode(p, a));
  const order = { orderId: `O-cc-${seq++}`, buyerId: buyer, payFen: 5000, paidAt: nowDate() };
  const res = await Promise.all(Array.from({ length: 10 }, () => recordConversion(db, order)));
  expect(res.every((r) => r.ok && r.data.conversion?.sharerId === a)).toBe(true);
  expect(res.filter((r) => r.ok && !r.data.replayed)).toHaveLength(1);
  expect(all(p, 'conversions', { sharerId: a })).toHaveLength(1);
  const places = all(p, 'referral_cap_slots', { sharerId: a });
  expect(places).toHaveLength(1);
  expect(places[0]).toMatchObject({ taken: 1, orders: { [order.orderId]: expect.any(Date) } });
});

test('25 buyers at once through one sharer: exactly 20 (the daily cap) pending, 5 flagged for review', async () => {
  const a = id('viral');
  await memberWithPoints(db, a, 'member', 0);
  const code = await shareCode(p, a);
  const buyers = Array.from({ length: 25 }, () => id('b'));
  await Promise.all(buyers.map((b) => visit(p, b, code)));
  const paidAt = nowDate();
  const res = await Promise.all(buyers.map((b, i) => recordConversion(db, { orderId: `O-cc-viral-${i}`, buyerId: b, payFen: 100, paidAt })));
  expect(res.every((r) => r.ok)).toBe(true);
  const convs = all(p, 'conversions', { sharerId: a });
  expect(convs.filter((c: any) => c.status === 'pending')).toHaveLength(20);
  expect(convs.filter((c: any) => c.status === 'flagged' && c.flags.includes('daily_cap'))).toHaveLength(5);
  // One places document for the day, holding exactly the 20 pending conversions.
  const places = all(p, 'referral_cap_slots', { sharerId: a });
  expect(places).toHaveLength(1);
  expect(places[0].taken).toBe(20);
  expect(Object.keys(places[0].orders).sort()).toEqual(
    convs
      .filter((c: any) => c.status === 'pending')
      .map((c: any) => c._id)
      .sort(),
  );
  expect(convs.filter((c: any) => c.capPlace)).toHaveLength(20);
  expect(all(p, 'referral_flags', { sharerId: a, status: 'open' })).toHaveLength(5);
});

test('two timers at once and a third later pay each confirmed conversion once', async () => {
  const a = id('timers');
  await memberWithPoints(db, a, 'member', 0);
  const code = await shareCode(p, a);
  const buyers = Array.from({ length: 6 }, () => id('tb'));
  for (const b of buyers) await visit(p, b, code);
  for (const [i, b] of buyers.entries()) await recordConversion(db, { orderId: `O-cc-t-${i}`, buyerId: b, payFen: 100, paidAt: nowDate() });
  p.emu.clock.advance(7 * DAY_MS + 1);
  const at = nowDate();
  const runs = await Promise.all([confirmDueConversions(db, at, { batchSize: 2, budgetMs: 30_000 }), fireConfirm(p)]);
  await fireConfirm(p);
  expect(runs[0].failed).toBe(0);
  expect(all(p, 'conversions', { sharerId: a }).every((c: any) => c.status === 'confirmed')).toBe(true);
  expect(pointsOf(p, a)).toBe(600);
  expect(all(p, 'points_entries', { memberId: a })).toHaveLength(6);
});

test('a refund racing the confirmation: either reversed and never paid, or confirmed then clawed back — never paid and kept', async () => {
  const a = id('race');
  await memberWithPoints(db, a, 'member', 0);
  const code = await shareCode(p, a);
  const buyers = Array.from({ length: 5 }, () => id('rb'));
  for (const b of buyers) await visit(p, b, code);
  const orders = buyers.map((b, i) => ({ orderId: `O-cc-r-${i}`, buyerId: b, payFen: 100, paidAt: nowDate() }));
  for (const o of orders) await recordConversion(db, o);
  p.emu.clock.advance(7 * DAY_MS + 1);
  const at = nowDate();
  await Promise.all([
    confirmDueConversions(db, at, { batchSize: 50, budgetMs: 30_000 }),
    ...orders.map((o) => reverseConversion(db, { orderId: o.orderId, at })),
  ]);
  for (const o of orders) expect(['reversed', 'clawed_back']).toContain(conversionOf(p, o.orderId).status);
  // Net points: every reward that was paid was taken back.
  expect(pointsOf(p, a)).toBe(0);
  const entries = all(p, 'points_entries', { memberId: a });
  const rewards = entries.filter((e: any) => e._id.endsWith(':reward')).length;
  expect(entries.filter((e: any) => e._id.endsWith(':clawback'))).toHaveLength(rewards);
  expect(all(p, 'conversions', { sharerId: a, status: 'clawed_back' })).toHaveLength(rewards);
});

test('a newcomer joining while visits are still arriving still gets one referrer', async () => {
  const sharers = Array.from({ length: 10 }, () => id('js'));
  for (const s of sharers) await memberWithPoints(db, s, 'member', 0);
  const codes = await Promise.all(sharers.map((s) => shareCode(p, s)));
  const n = id('mid');
  await visit(p, n, codes[0]);
  p.emu.clock.advance(1000);
  await Promise.all([...codes.slice(1).map((c) => visit(p, n, c)), join(p, n), join(p, n)]);
  expect(all(p, 'referrals', { _id: n })).toHaveLength(1);
  expect(referralOf(p, n).referrerId).toBe(sharers[0]);
});

test('a refund that lands between the cap place and the conversion’s transaction: no conversion, and the place is given back', async () => {
  const a = id('giveback');
  await memberWithPoints(db, a, 'member', 0);
  const code = await shareCode(p, a);
  const buyer = id('gb');
  await visit(p, buyer, code);
  const order = { orderId: `O-cc-gb-${seq++}`, buyerId: buyer, payFen: 100, paidAt: nowDate() };
  // The conversion's first attempt reads "no conversion yet"; the refund's tombstone commits before it writes.
  const raced = pausingDb(db, 'conversions', order.orderId, async () => {
    expect(await reverseConversion(db, { orderId: order.orderId, at: nowDate() })).toMatchObject({ ok: true, data: { change: 'none' } });
  });
  expect(await recordConversion(raced, order)).toEqual({ ok: true, data: { conversion: null, replayed: true } });
  expect(raced.paused()).toBe(true);
  expect(conversionOf(p, order.orderId)).toMatchObject({ status: 'void', sharerId: null, capPlace: false });
  expect(all(p, 'referral_cap_slots', { sharerId: a })).toEqual([expect.objectContaining({ taken: 0, orders: {} })]);
});
