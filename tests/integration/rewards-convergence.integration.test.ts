/**
 * Whatever the member saw, a retry with the same requestId shows what the server did (issue 11):
 * the answer lost after the commit, after the unit was taken, a burst that outlasted the time
 * budget, and the holds job that settles or gives back what a dead call left.
 */
import type { Database } from '../../core/platform/database';
import { ORPHAN_HOLD_AGE_MS } from '../../core/rewards/rewards.holds.rules';
import { REDEEM_BUDGET_MS } from '../../core/rewards/rewards.redeem';
import { fireTimer } from './orders-helpers';
import type { ProductEmulator } from './product-emulator';
import { all, couponReward, createReward, expectMemberConsistent, expectStockConsistent, memberWithPoints, startWithStaff, stockOf } from './rewards-helpers';

let p: ProductEmulator;
let db: Database;
const ADMIN = 'o-conv-admin';
const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);

beforeAll(async () => ({ p, db } = await startWithStaff({ [ADMIN]: 'admin' })));
afterAll(async () => {
  quiet.mockRestore();
  await p.emu.close();
});
afterEach(() => p.emu.faults.clear());

/** What the app gets: the envelope, or the transport's failure when the function itself failed. */
const redeem = (openid: string, rewardId: string, requestId: string): Promise<any> =>
  p.call('points', openid, { action: 'redeem', rewardId, requestId }).catch(() => ({ ok: false, error: { code: 'INTERNAL' } }));
const fireJob = (name: string) => fireTimer(p, name);
const heldUnits = (rewardId: string) => stockOf(p, rewardId).reduce((n: number, s: any) => n + (s.held ?? 0), 0);
const spends = (memberId: string) => all(p, 'points_entries', { memberId, kind: 'spend' });

test('the answer is lost after the commit: the retry shows the coupon that was issued, points spent once', async () => {
  const rewardId = await createReward(p, ADMIN, couponReward('丢答券', 5));
  await memberWithPoints(db, 'o-lost', 'member', 300);
  p.emu.faults.add({ action: 'database.commitTransaction', timing: 'after', message: 'connection lost after the commit' });

  const first = await redeem('o-lost', rewardId, 'lost-answer-0001');
  expect(first.ok).toBe(false);
  // The server did redeem: points, coupon and redemption are there; the member does not know.
  const [coupon] = all(p, 'coupons', { memberId: 'o-lost' });
  expect(coupon).toBeDefined();
  expect(all(p, 'members', { _id: 'o-lost' })[0].points).toBe(200);

  const retry = await redeem('o-lost', rewardId, 'lost-answer-0001');
  expect(retry).toMatchObject({ ok: true, data: { replayed: true, balance: 200, coupon: { _id: coupon._id, rewardId, state: 'available' } } });
  const again = await redeem('o-lost', rewardId, 'lost-answer-0001');
  expect(again.data).toEqual(retry.data);

  expect(all(p, 'coupons', { memberId: 'o-lost' })).toHaveLength(1);
  expect(spends('o-lost')).toHaveLength(1);
  expect(all(p, 'members', { _id: 'o-lost' })[0].points).toBe(200);
  expectMemberConsistent(p, 'o-lost');
  expectStockConsistent(p, rewardId, 5);
  // The marker the lost call could not settle was settled by the retry.
  expect(heldUnits(rewardId)).toBe(0);
});

test('the answer is lost after the unit was taken: the retry takes over that unit and redeems once', async () => {
  // Stock 1: a retry that took a second unit would find the reward sold out.
  const rewardId = await createReward(p, ADMIN, couponReward('接管券', 1));
  await memberWithPoints(db, 'o-taken', 'member', 300);
  p.emu.faults.add({ action: 'database.modifyDocument', collection: 'reward_stock', timing: 'after', message: 'function died after taking the unit' });

  expect((await redeem('o-taken', rewardId, 'taken-unit-0001')).ok).toBe(false);
  expect(stockOf(p, rewardId)).toEqual([expect.objectContaining({ remaining: 0, held: 1 })]);
  expect(spends('o-taken')).toHaveLength(0);

  const retry = await redeem('o-taken', rewardId, 'taken-unit-0001');
  expect(retry).toMatchObject({ ok: true, data: { replayed: false, balance: 200, coupon: { rewardId } } });
  expect(stockOf(p, rewardId)).toEqual([expect.objectContaining({ remaining: 0, held: 0, holds: {} })]);
  expect(all(p, 'coupons', { memberId: 'o-taken' })).toHaveLength(1);
  expectMemberConsistent(p, 'o-taken');
  expectStockConsistent(p, rewardId, 1);
});

test(`a transaction that keeps conflicting stops at the time budget (${REDEEM_BUDGET_MS} ms), not the time limit: CONFLICT, nothing kept, and the retry redeems`, async () => {
  const rewardId = await createReward(p, ADMIN, couponReward('繁忙券', 3));
  await memberWithPoints(db, 'o-busy', 'member', 300);
  const before = JSON.stringify([all(p, 'points_wallets', { _id: 'o-busy' }), all(p, 'members', { _id: 'o-busy' })]);
  const timeouts = async () => ((await fetch(`${p.emu.url}/control/stats`).then((r) => r.json())) as any).functions.points?.timeouts ?? 0;
  const timeoutsBefore = await timeouts();
  // Every attempt conflicts as it writes the redemption.
  p.emu.faults.add({ action: 'database.insertDocument', collection: 'redemptions', times: 100_000, message: 'transaction conflict (injected)' });

  const busy = await redeem('o-busy', rewardId, 'busy-request-0001');
  expect(busy).toEqual({ ok: false, error: { code: 'CONFLICT', message: '兑换的人有点多，请稍后再试' } });
  const tried = p.emu.faults.list()[0].fired;
  expect(tried).toBeGreaterThan(1);
  expect(await timeouts()).toBe(timeoutsBefore);
  // Nothing was redeemed, the unit went back, the lane was left.
  expect(all(p, 'redemptions', { memberId: 'o-busy' })).toHaveLength(0);
  expect(stockOf(p, rewardId).reduce((n: number, s: any) => n + s.remaining, 0)).toBe(3);
  expect(heldUnits(rewardId)).toBe(0);
  expect(all(p, 'points_wallets', { _id: 'o-busy' })[0].redeemLane).toBeUndefined();
  expect(JSON.stringify([all(p, 'points_wallets', { _id: 'o-busy' }), all(p, 'members', { _id: 'o-busy' })])).toBe(before);

  p.emu.faults.clear();
  const retry = await redeem('o-busy', rewardId, 'busy-request-0001');
  expect(retry).toMatchObject({ ok: true, data: { replayed: false, balance: 200 } });
  expectMemberConsistent(p, 'o-busy');
  expectStockConsistent(p, rewardId, 3);
}, 30_000);

test('the holds job: leaves a hold whose call may still be running, voids an orphan and gives its unit back; a late retry is told', async () => {
  const rewardId = await createReward(p, ADMIN, couponReward('孤儿券', 2));
  await memberWithPoints(db, 'o-orphan', 'member', 300);
  // The call dies right after taking its unit (and never retries).
  p.emu.faults.add({ action: 'database.modifyDocument', collection: 'reward_stock', timing: 'after', message: 'function died after taking the unit' });
  expect((await redeem('o-orphan', rewardId, 'orphan-req-0001')).ok).toBe(false);
  p.emu.faults.clear();
  expect(heldUnits(rewardId)).toBe(1);

  // Minutes later it might still be running (or about to be retried): left alone.
  p.emu.clock.advance(ORPHAN_HOLD_AGE_MS - 60_000);
  expect(await fireJob('reward-holds')).toMatchObject({ ok: true, data: { waiting: 1, voided: 0, released: 0 } });
  expect(heldUnits(rewardId)).toBe(1);

  p.emu.clock.advance(2 * 60_000);
  expect(await fireJob('reward-holds')).toMatchObject({ ok: true, data: { waiting: 0, voided: 1, released: 1 } });
  expect(heldUnits(rewardId)).toBe(0);
  expect(stockOf(p, rewardId).reduce((n: number, s: any) => n + s.remaining, 0)).toBe(2);
  expect(all(p, 'redemptions', { _id: 'redeem:o-orphan:orphan-req-0001' })).toEqual([expect.objectContaining({ status: 'void', memberId: 'o-orphan' })]);
  // A second run finds nothing; the void record names no reward, so the catalog and counts ignore it.
  expect(await fireJob('reward-holds')).toMatchObject({ ok: true, data: { waiting: 0, voided: 0, released: 0, settled: 0 } });
  const list = await p.call('admin', ADMIN, { action: 'rewardsList' });
  expect(list.data.rewards.find((r: any) => r._id === rewardId)).toMatchObject({ remaining: 2, redeemed: 0 });

  // The late retry of that request is told it did nothing; a new request redeems.
  const late = await redeem('o-orphan', rewardId, 'orphan-req-0001');
  expect(late).toEqual({ ok: false, error: { code: 'REQUEST_ID_REUSED', message: '该兑换请求已失效，积分未扣除，请重新兑换' } });
  expect(heldUnits(rewardId)).toBe(0);
  expect(await redeem('o-orphan', rewardId, 'orphan-req-0002')).toMatchObject({ ok: true, data: { balance: 200 } });
  expectMemberConsistent(p, 'o-orphan');
  expectStockConsistent(p, rewardId, 2);
});

test('two requests a balance covers once: one coupon, one refusal, no unit kept (refused at the check or in the transaction)', async () => {
  const rewardId = await createReward(p, ADMIN, couponReward('余额变化券', 5));
  await memberWithPoints(db, 'o-short', 'member', 100);
  // Both usually pass the balance check at once and hold a unit; only one can be paid for.
  const results = await Promise.all([redeem('o-short', rewardId, 'short-req-0001'), redeem('o-short', rewardId, 'short-req-0002')]);
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  expect(results.filter((r) => !r.ok).map((r) => r.error.code)).toEqual(['POINTS_INSUFFICIENT']);
  expect(heldUnits(rewardId)).toBe(0);
  expectStockConsistent(p, rewardId, 5);
  expectMemberConsistent(p, 'o-short');
});
