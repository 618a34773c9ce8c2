/**
 * Redemption under bursts, through the built points function on the emulator with the real SDK:
 * stock never oversells, one member never overspends, one requestId redeems once.
 */
import type { Database } from '../../core/platform/database';
import type { ProductEmulator } from './product-emulator';
import { all, couponReward, createReward, expectMemberConsistent, expectStockConsistent, memberWithPoints, startWithStaff, stockOf } from './rewards-helpers';

let p: ProductEmulator;
let db: Database;
const ADMIN = 'o-rc-admin';

beforeAll(async () => ({ p, db } = await startWithStaff({ [ADMIN]: 'admin' })));
afterAll(() => p.emu.close());

const redeem = (openid: string, rewardId: string, requestId: string) => p.call('points', openid, { action: 'redeem', rewardId, requestId });
const codes = (results: any[]): Record<string, number> => {
  const tally: Record<string, number> = {};
  for (const r of results) tally[r.ok ? 'ok' : r.error.code] = (tally[r.ok ? 'ok' : r.error.code] ?? 0) + 1;
  return tally;
};
/** Transactions started (attempts, retries included) and committed while `run` ran: the cost of contention. */
async function counting<T>(run: () => Promise<T>): Promise<{ value: T; ms: number; attempts: number; commits: number }> {
  const before = { ...p.emu.requestCounts };
  const started = Date.now();
  const value = await run();
  const delta = (k: string) => (p.emu.requestCounts[k] ?? 0) - (before[k] ?? 0);
  return { value, ms: Date.now() - started, attempts: delta('database.startTransaction'), commits: delta('database.commitTransaction') };
}

test('100 members redeem a reward with stock 10 at once: exactly 10 coupons, stock 0, the rest sold out', async () => {
  const rewardId = await createReward(p, ADMIN, couponReward('限量10元券', 10));
  expect(stockOf(p, rewardId)).toHaveLength(10);
  const members = Array.from({ length: 100 }, (_v, i) => `o-burst-${i}`);
  await Promise.all(members.map((m) => memberWithPoints(db, m, 'member', 300)));

  const run = await counting(() => Promise.all(members.map((m, i) => redeem(m, rewardId, `burst-req-${i}`))));
  const results = run.value;
  const tally = codes(results);
  console.log(`100 concurrent redemptions, stock 10: ${run.ms} ms, ${run.attempts} transaction attempts, ${run.commits} commits`, tally);

  expect(tally.ok).toBe(10);
  // A redemption that ran out of retries says CONFLICT (retryable); none may have succeeded silently.
  expect((tally.REWARD_OUT_OF_STOCK ?? 0) + (tally.CONFLICT ?? 0)).toBe(90);
  expect(Object.keys(tally).sort()).toEqual(expect.arrayContaining(['REWARD_OUT_OF_STOCK', 'ok']));
  expect(all(p, 'coupons', { rewardId })).toHaveLength(10);
  expect(stockOf(p, rewardId).reduce((s: number, x: any) => s + x.remaining, 0)).toBe(0);
  expectStockConsistent(p, rewardId, 10);

  const winners = new Set(results.map((r, i) => (r.ok ? members[i] : null)).filter(Boolean));
  for (const [i, m] of members.entries()) {
    expectMemberConsistent(p, m);
    expect(all(p, 'members', { _id: m })[0].points).toBe(winners.has(m) ? 200 : 300);
    if (results[i].ok) expect(results[i].data).toMatchObject({ balance: 200, replayed: false, coupon: { rewardId, state: 'available', valueFen: 1000 } });
  }
  // The catalog agrees.
  const catalog = await p.call('points', members[0], { action: 'rewards' });
  expect(catalog.data.rewards.find((r: any) => r._id === rewardId)).toMatchObject({ remaining: 0, available: false, unavailableReason: '已兑完' });
}, 60_000);

test('50 redemptions at once by one member whose balance covers 5: exactly 5 coupons, balance 0', async () => {
  const rewardId = await createReward(p, ADMIN, couponReward('常备5元券', 1000, { pointsCost: 100 }));
  await memberWithPoints(db, 'o-eager', 'member', 500);

  const run = await counting(() => Promise.all(Array.from({ length: 50 }, (_v, i) => redeem('o-eager', rewardId, `eager-req-${i}`))));
  const results = run.value;
  const tally = codes(results);
  console.log(`50 concurrent redemptions by one member (balance covers 5): ${run.ms} ms, ${run.attempts} transaction attempts, ${run.commits} commits`, tally);

  expect(tally.ok).toBe(5);
  expect((tally.POINTS_INSUFFICIENT ?? 0) + (tally.CONFLICT ?? 0)).toBe(45);
  expect(all(p, 'coupons', { memberId: 'o-eager' })).toHaveLength(5);
  expect(all(p, 'members', { _id: 'o-eager' })[0].points).toBe(0);
  expectMemberConsistent(p, 'o-eager');
  expectStockConsistent(p, rewardId, 1000);
  // Oldest lots first, never negative: the wallet is empty, not overdrawn.
  expect(all(p, 'points_wallets', { _id: 'o-eager' })[0]).toMatchObject({ balance: 0, debt: 0 });
}, 60_000);

test('the same requestId three times in a row, then ten times at once: each redeems once', async () => {
  const rewardId = await createReward(p, ADMIN, couponReward('重放测试券', 50));
  await memberWithPoints(db, 'o-retry', 'member', 1000);

  const sequential = [];
  for (let i = 0; i < 3; i++) sequential.push(await redeem('o-retry', rewardId, 'retry-req-0001'));
  expect(sequential.map((r) => r.ok && r.data.replayed)).toEqual([false, true, true]);
  const first = sequential[0].data;
  for (const r of sequential) expect(r.data).toEqual({ ...first, replayed: r.data.replayed });

  const concurrent = await Promise.all(Array.from({ length: 10 }, () => redeem('o-retry', rewardId, 'retry-req-0002')));
  const tally = codes(concurrent);
  console.log('10 concurrent deliveries of one requestId:', tally);
  // Every delivery that did not give up on conflicts sees the same coupon, and exactly one is new.
  const okOnes = concurrent.filter((r) => r.ok);
  expect(okOnes.filter((r) => !r.data.replayed)).toHaveLength(1);
  expect(new Set(okOnes.map((r) => r.data.coupon._id)).size).toBe(1);
  expect(okOnes.length + (tally.CONFLICT ?? 0)).toBe(10);

  expect(all(p, 'coupons', { memberId: 'o-retry' })).toHaveLength(2);
  expect(all(p, 'members', { _id: 'o-retry' })[0].points).toBe(800);
  expectMemberConsistent(p, 'o-retry');
  expectStockConsistent(p, rewardId, 50);
}, 60_000);

test('restocking during a burst: the new stock is exact, and shards past the new count stay empty', async () => {
  const rewardId = await createReward(p, ADMIN, couponReward('补货券', 25));
  const members = Array.from({ length: 30 }, (_v, i) => `o-restock-${i}`);
  await Promise.all(members.map((m) => memberWithPoints(db, m, 'member', 100)));
  // Five redeem, then the admin sets the remaining stock to 3 while 25 more try at once.
  await Promise.all(members.slice(0, 5).map((m, i) => redeem(m, rewardId, `restock-a-${i}`)));
  expect(all(p, 'redemptions', { rewardId })).toHaveLength(5);
  const restock = await p.call('admin', ADMIN, { action: 'saveReward', rewardId, ...couponReward('补货券', 3) });
  expect(restock).toMatchObject({ ok: true, data: { reward: { remaining: 3, stockShards: 3 } } });
  const shards = stockOf(p, rewardId);
  expect(shards.filter((s: any) => s.index >= 3).every((s: any) => s.remaining === 0)).toBe(true);

  const results = await Promise.all(members.slice(5).map((m, i) => redeem(m, rewardId, `restock-b-${i}`)));
  expect(codes(results).ok).toBe(3);
  expect(all(p, 'redemptions', { rewardId })).toHaveLength(8);
  expect(stockOf(p, rewardId).every((s: any) => s.remaining === 0)).toBe(true);
  for (const m of members) expectMemberConsistent(p, m);
}, 60_000);
