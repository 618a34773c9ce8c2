/**
 * The rewards catalog, redemption and "my coupons" through the built points function on the
 * emulator with the real SDK: who may redeem what, what a refusal leaves behind (nothing), product
 * rewards, and coupon states over time.
 */
import type { Database } from '../../core/platform/database';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { all, couponReward, createReward, expectMemberConsistent, expectStockConsistent, memberWithPoints, sdkDb, staff, stockOf } from './rewards-helpers';
import { lineId } from '../../core/points/points.views';

let p: ProductEmulator;
let db: Database;
const ADMIN = 'o-rw-admin';
const DAY = 86_400_000;

let everyone: string; // for every member, sort 1
let repeatOnly: string; // 复购会员 and above, sort 2
let soldOut: string; // stock 0, sort 3
let hidden: string; // inactive
let mug: string; // a product reward

beforeAll(async () => {
  p = await startProductEmulator();
  db = sdkDb();
  await staff(db, ADMIN, 'admin');
  everyone = await createReward(p, ADMIN, couponReward('满50减10元券', 100, { sort: 1 }));
  repeatOnly = await createReward(
    p,
    ADMIN,
    couponReward('复购专享满100减30', 20, { sort: 2, pointsCost: 300, minTier: 'repeat_buyer', coupon: { valueFen: 3000, minSpendFen: 10000, validDays: 30 } }),
  );
  soldOut = await createReward(p, ADMIN, couponReward('已抢光的券', 0, { sort: 3 }));
  hidden = await createReward(p, ADMIN, couponReward('下架的券', 10, { sort: 0 }));
  await p.call('admin', ADMIN, { action: 'setRewardStatus', rewardId: hidden, status: 'inactive' });
  mug = await createReward(p, ADMIN, {
    title: '山川手作陶瓷杯',
    description: '兑换后 7 天内寄出',
    kind: 'product',
    pointsCost: 2000,
    image: 'https://example.com/mug.png',
    stock: 5,
    sort: 4,
  });
});
afterAll(() => p.emu.close());

const redeem = (openid: string, rewardId: string, requestId: string) => p.call('points', openid, { action: 'redeem', rewardId, requestId });
const nothingChanged = (memberId: string, points: number) => {
  expect(all(p, 'members', { _id: memberId })[0].points).toBe(points);
  expect(all(p, 'redemptions', { memberId })).toHaveLength(0);
  expect(all(p, 'coupons', { memberId })).toHaveLength(0);
  expect(all(p, 'points_entries', { memberId, kind: 'spend' })).toHaveLength(0);
};

describe('the catalog', () => {
  test('active rewards only, in order, with stock and availability for the caller', async () => {
    await memberWithPoints(db, 'o-cat-buyer', 'buyer', 0);
    const res = await p.call('points', 'o-cat-buyer', { action: 'rewards' });
    expect(res.ok).toBe(true);
    expect(res.data.rewards.map((r: any) => r._id)).toEqual([everyone, repeatOnly, soldOut, mug]);
    const [a, b, c, d] = res.data.rewards;
    expect(a).toEqual({
      _id: everyone,
      title: '满50减10元券',
      description: '全场通用',
      kind: 'coupon',
      pointsCost: 100,
      remaining: 100,
      image: null,
      coupon: { valueFen: 1000, minSpendFen: 5000, validDays: 7 },
      minTier: null,
      available: true,
      unavailableReason: null,
    });
    expect(b).toMatchObject({ remaining: 20, minTier: 'repeat_buyer', available: false, unavailableReason: '复购会员及以上可兑' });
    expect(c).toMatchObject({ remaining: 0, available: false, unavailableReason: '已兑完' });
    expect(d).toMatchObject({ kind: 'product', coupon: null, image: 'https://example.com/mug.png', remaining: 5, available: true });
  });

  test('a follower who has not joined sees why; a repeat buyer sees the tier reward available', async () => {
    await memberWithPoints(db, 'o-cat-follower', 'follower', 0);
    const asFollower = await p.call('points', 'o-cat-follower', { action: 'rewards' });
    expect(asFollower.data.rewards.find((r: any) => r._id === everyone)).toMatchObject({ available: false, unavailableReason: '加入会员后可兑' });
    // Someone who never opened the app gets the same catalog, not an error.
    expect((await p.call('points', 'o-never-seen', { action: 'rewards' })).data.rewards[0].unavailableReason).toBe('加入会员后可兑');
    await memberWithPoints(db, 'o-cat-repeat', 'repeat_buyer', 0);
    const asRepeat = await p.call('points', 'o-cat-repeat', { action: 'rewards' });
    expect(asRepeat.data.rewards.find((r: any) => r._id === repeatOnly)).toMatchObject({ available: true, unavailableReason: null });
  });
});

describe('redeeming', () => {
  test('a coupon: points spent from the oldest lots, stock taken, the coupon issued and listed', async () => {
    await memberWithPoints(db, 'o-red', 'member', 250);
    const res = await redeem('o-red', everyone, 'red-req-0001');
    expect(res).toMatchObject({
      ok: true,
      data: {
        balance: 150,
        replayed: false,
        coupon: { rewardId: everyone, title: '满50减10元券', valueFen: 1000, minSpendFen: 5000, state: 'available', usedAt: null },
      },
    });
    const coupon = res.data.coupon;
    // 7 days counting today, to the end of the day in China time.
    const days = (new Date(coupon.expiresAt).getTime() - new Date(coupon.issuedAt).getTime()) / DAY;
    expect(days).toBeGreaterThan(6);
    expect(days).toBeLessThanOrEqual(7);
    expect(new Date(coupon.expiresAt).toISOString()).toMatch(/T15:59:59\.999Z$/);

    expect((await p.call('points', 'o-red', { action: 'coupons' })).data.coupons).toEqual([coupon]);
    expect((await p.call('points', 'o-red', { action: 'summary' })).data.balance).toBe(150);
    const history = await p.call('points', 'o-red', { action: 'history' });
    expect(history.data.entries[0]).toMatchObject({ _id: lineId('redeem:o-red:red-req-0001'), kind: 'spend', delta: -100, reason: '兑换：满50减10元券' });
    expect(all(p, 'redemptions', { memberId: 'o-red' })).toEqual([
      expect.objectContaining({ rewardId: everyone, status: 'issued', couponId: coupon._id, balanceAfter: 150 }),
    ]);
    expectMemberConsistent(p, 'o-red');
  });

  test('a product: no coupon; a redemption waiting to be shipped', async () => {
    await memberWithPoints(db, 'o-mug', 'buyer', 2500);
    const res = await redeem('o-mug', mug, 'mug-req-0001');
    expect(res).toEqual({ ok: true, data: { coupon: null, balance: 500, replayed: false } });
    expect(all(p, 'redemptions', { memberId: 'o-mug' })).toEqual([
      expect.objectContaining({ kind: 'product', status: 'pending_fulfilment', couponId: null, pointsCost: 2000 }),
    ]);
    expect(await redeem('o-mug', mug, 'mug-req-0001')).toEqual({ ok: true, data: { coupon: null, balance: 500, replayed: true } });
    expectMemberConsistent(p, 'o-mug');
    expectStockConsistent(p, mug, 5);
  });

  test('a replay returns the original result even after the reward sold out; another reward under the same requestId is refused', async () => {
    const last = await createReward(p, ADMIN, couponReward('最后一张', 1));
    await memberWithPoints(db, 'o-last', 'member', 500);
    const first = await redeem('o-last', last, 'last-req-0001');
    expect(first.ok).toBe(true);
    expect(await redeem('o-last', last, 'last-req-0002')).toMatchObject({ ok: false, error: { code: 'REWARD_OUT_OF_STOCK', message: '奖品已兑完' } });
    expect(await redeem('o-last', last, 'last-req-0001')).toEqual({ ok: true, data: { ...first.data, replayed: true } });
    expect(await redeem('o-last', everyone, 'last-req-0001')).toMatchObject({ ok: false, error: { code: 'REQUEST_ID_REUSED' } });
    expect(all(p, 'members', { _id: 'o-last' })[0].points).toBe(400);
    expectMemberConsistent(p, 'o-last');
  });

  test.each([
    ['a follower who has not joined', 'o-no-join', 'follower', 1000, (): string => everyone, 'NOT_A_MEMBER', '请先加入会员'],
    ['someone who never opened the app', 'o-ghost', null, 0, (): string => everyone, 'NOT_A_MEMBER', '请先加入会员'],
    ['a buyer, for a 复购会员 reward', 'o-low-tier', 'buyer', 1000, (): string => repeatOnly, 'TIER_NOT_ELIGIBLE', '该奖品仅限复购会员及以上兑换'],
    ['a member, for an inactive reward', 'o-inactive', 'member', 1000, (): string => hidden, 'REWARD_UNAVAILABLE', '该奖品已下架'],
    ['a member, for a reward that does not exist', 'o-missing', 'member', 1000, (): string => 'rw_nope', 'REWARD_UNAVAILABLE', '该奖品已下架'],
    ['a member, for a sold-out reward', 'o-sold', 'member', 1000, (): string => soldOut, 'REWARD_OUT_OF_STOCK', '奖品已兑完'],
    ['a member short of points', 'o-poor', 'member', 99, (): string => everyone, 'POINTS_INSUFFICIENT', '积分不足：需要 100，可用 99'],
  ] as const)('%s: refused, and nothing changes', async (_who, id, tier, points, reward, code, message) => {
    if (tier) await memberWithPoints(db, id, tier, points);
    const stockBefore = JSON.stringify(all(p, 'reward_stock'));
    expect(await redeem(id, reward(), 'refused-req-01')).toEqual({ ok: false, error: { code, message } });
    expect(JSON.stringify(all(p, 'reward_stock'))).toBe(stockBefore);
    if (tier) nothingChanged(id, points);
  });

  test('a coupon reward whose terms went missing is refused rather than taking points for nothing', async () => {
    const broken = await createReward(p, ADMIN, couponReward('条款缺失', 5));
    await db
      .collection('rewards')
      .doc(broken)
      .update({ data: { coupon: null } });
    await memberWithPoints(db, 'o-broken', 'member', 500);
    expect(await redeem('o-broken', broken, 'broken-req-01')).toMatchObject({ ok: false, error: { code: 'REWARD_UNAVAILABLE' } });
    nothingChanged('o-broken', 500);
    expectStockConsistent(p, broken, 5);
  });

  test.each([
    [{}],
    [{ rewardId: 'x' }],
    [{ rewardId: 'x', requestId: 'short' }],
    [{ rewardId: 'x', requestId: 'x'.repeat(65) }],
    [{ rewardId: 'x', requestId: 'has spaces in it' }],
    [{ rewardId: 'x', requestId: 'req-12345678', memberId: 'o-other' }],
  ])('malformed redeem %j is VALIDATION_FAILED', async (payload) => {
    const res = await p.call('points', 'o-red', { action: 'redeem', ...payload });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
  });
});

describe('my coupons', () => {
  test('available soonest first; expired once the time has passed; used stays used; only my own', async () => {
    await memberWithPoints(db, 'o-wallet', 'repeat_buyer', 1000);
    const short = await createReward(p, ADMIN, couponReward('当日券', 10, { coupon: { valueFen: 500, minSpendFen: 0, validDays: 1 } }));
    const long = (await redeem('o-wallet', repeatOnly, 'wallet-req-01')).data.coupon;
    const today = (await redeem('o-wallet', short, 'wallet-req-02')).data.coupon;
    const spare = (await redeem('o-wallet', everyone, 'wallet-req-03')).data.coupon;
    const list = async (state?: string): Promise<string[]> =>
      (await p.call('points', 'o-wallet', { action: 'coupons', ...(state ? { state } : {}) })).data.coupons.map((c: any) => c._id);
    expect(await list('available')).toEqual([today._id, spare._id, long._id]);
    expect(await list()).toHaveLength(3);
    expect((await p.call('points', 'o-red', { action: 'coupons' })).data.coupons.map((c: any) => c._id)).not.toContain(today._id);

    // Orders will mark coupons used; here the document is changed directly.
    await db
      .collection('coupons')
      .doc(spare._id)
      .update({ data: { state: 'used', usedAt: new Date() } });
    p.emu.clock.advance(2 * DAY);
    try {
      expect(await list('available')).toEqual([long._id]);
      expect(await list('expired')).toEqual([today._id]);
      expect(await list('used')).toEqual([spare._id]);
      const all3 = (await p.call('points', 'o-wallet', { action: 'coupons' })).data.coupons;
      expect(Object.fromEntries(all3.map((c: any) => [c._id, c.state]))).toEqual({ [long._id]: 'available', [today._id]: 'expired', [spare._id]: 'used' });
      expect(all3.find((c: any) => c._id === spare._id).usedAt).toEqual(expect.any(String));
    } finally {
      p.emu.clock.reset();
    }
    expect(await p.call('points', 'o-wallet', { action: 'coupons', state: 'lost' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  test('stock in the catalog is the sum of the shards', async () => {
    const shards = stockOf(p, everyone);
    const res = await p.call('points', 'o-red', { action: 'rewards' });
    expect(res.data.rewards.find((r: any) => r._id === everyone).remaining).toBe(shards.reduce((s: number, x: any) => s + x.remaining, 0));
    expectStockConsistent(p, everyone, 100);
  });
});
