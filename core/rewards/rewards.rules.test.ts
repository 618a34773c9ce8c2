import fc from 'fast-check';
import {
  byCatalogOrder,
  catalogAvailability,
  couponExpiry,
  couponIdFor,
  couponState,
  distributeStock,
  MAX_STOCK_SHARDS,
  redeemBlock,
  redemptionKey,
  shardCountFor,
  takeOrder,
  tierRequirementLabel,
} from './rewards.rules';

const member = (tier: 'follower' | 'member' | 'buyer' | 'repeat_buyer' | 'koc', joined = true) => ({
  tier,
  joinedAt: joined ? new Date('2026-01-01T00:00:00Z') : null,
});
const active = { minTier: null, status: 'active' as const };

describe('who may redeem', () => {
  test('checks membership, then tier, then that the reward is on offer', () => {
    expect(redeemBlock(null, active)).toEqual({ code: 'NOT_A_MEMBER', message: '请先加入会员' });
    expect(redeemBlock(member('follower', false), active)?.code).toBe('NOT_A_MEMBER');
    expect(redeemBlock(member('buyer'), { minTier: 'repeat_buyer', status: 'inactive' })).toEqual({
      code: 'TIER_NOT_ELIGIBLE',
      message: '该奖品仅限复购会员及以上兑换',
    });
    expect(redeemBlock(member('repeat_buyer'), { minTier: 'koc', status: 'active' })?.message).toBe('该奖品仅限品牌KOC兑换');
    expect(redeemBlock(member('koc'), { minTier: 'repeat_buyer', status: 'inactive' })?.code).toBe('REWARD_UNAVAILABLE');
    expect(redeemBlock(member('member'), null)?.code).toBe('REWARD_UNAVAILABLE');
  });

  test.each([
    ['member', 'member', true],
    ['member', 'buyer', false],
    ['buyer', 'buyer', true],
    ['koc', 'repeat_buyer', true],
    ['repeat_buyer', 'koc', false],
  ] as const)('a %s and a reward from %s: eligible %s', (tier, minTier, eligible) => {
    expect(redeemBlock(member(tier), { minTier, status: 'active' }) === null).toBe(eligible);
  });

  test('the catalog says why not, in the same order, then stock', () => {
    expect(catalogAvailability(null, active, 5)).toEqual({ available: false, unavailableReason: '加入会员后可兑' });
    expect(catalogAvailability(member('member'), { minTier: 'repeat_buyer', status: 'active' }, 5)).toEqual({
      available: false,
      unavailableReason: '复购会员及以上可兑',
    });
    expect(catalogAvailability(member('buyer'), { minTier: 'koc', status: 'active' }, 5).unavailableReason).toBe('品牌KOC专享');
    expect(catalogAvailability(member('buyer'), active, 0)).toEqual({ available: false, unavailableReason: '已兑完' });
    expect(catalogAvailability(member('buyer'), active, 1)).toEqual({ available: true, unavailableReason: null });
  });

  test('tier labels', () => {
    expect(tierRequirementLabel('member')).toBe('未购会员及以上可兑');
    expect(tierRequirementLabel('buyer')).toBe('已购会员及以上可兑');
    expect(tierRequirementLabel('koc')).toBe('品牌KOC专享');
  });
});

describe('stock shards', () => {
  test.each([
    [0, 1],
    [1, 1],
    [3, 3],
    [10, 10],
    [11, MAX_STOCK_SHARDS],
    [100_000, MAX_STOCK_SHARDS],
  ])('stock %i -> %i shards', (stock, n) => {
    expect(shardCountFor(stock)).toBe(n);
  });

  test('distribution is even, complete and never negative', () => {
    expect(distributeStock(10, 10)).toEqual(Array(10).fill(1));
    expect(distributeStock(23, 10)).toEqual([3, 3, 3, 2, 2, 2, 2, 2, 2, 2]);
    expect(distributeStock(0, 1)).toEqual([0]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (stock) => {
        const shards = distributeStock(stock, shardCountFor(stock));
        expect(shards.reduce((a, b) => a + b, 0)).toBe(stock);
        expect(Math.max(...shards) - Math.min(...shards)).toBeLessThanOrEqual(1);
        expect(shards.every((s) => s >= 0)).toBe(true);
      }),
    );
  });

  test('a redemption tries each shard with stock once, in some order, and no other', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_STOCK_SHARDS }),
        fc.array(fc.record({ index: fc.integer({ min: -2, max: 12 }), remaining: fc.integer({ min: 0, max: 3 }) }), { maxLength: 12 }),
        fc.integer(),
        (n, shards, seed) => {
          let s = seed;
          const random = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
          const order = takeOrder(shards, n, random);
          const withStock = new Set(shards.filter((h) => h.remaining > 0 && h.index >= 0 && h.index < n).map((h) => h.index));
          expect(order).toHaveLength(withStock.size);
          expect(new Set(order)).toEqual(withStock);
        },
      ),
    );
  });

  test('the choice among shards with stock is spread, not always the first', () => {
    const shards = Array.from({ length: 10 }, (_v, index) => ({ index, remaining: 1 }));
    const firsts = new Set(Array.from({ length: 200 }, () => takeOrder(shards, 10)[0]));
    expect(firsts.size).toBeGreaterThan(5);
  });
});

describe('coupons', () => {
  test('valid through the end of the last day in China time, counting the day of issue', () => {
    // 2026-03-01 10:00 in Shanghai.
    const issued = new Date('2026-03-01T02:00:00Z');
    expect(couponExpiry(issued, 1).toISOString()).toBe('2026-03-01T15:59:59.999Z');
    expect(couponExpiry(issued, 7).toISOString()).toBe('2026-03-07T15:59:59.999Z');
    expect(couponExpiry(issued, 31).toISOString()).toBe('2026-03-31T15:59:59.999Z');
    // Issued at 23:30 in Shanghai, a 1-day coupon lasts half an hour.
    expect(couponExpiry(new Date('2026-03-01T15:30:00Z'), 1).toISOString()).toBe('2026-03-01T15:59:59.999Z');
    // 00:30 on 2 March in Shanghai is still 1 March in UTC: the Shanghai day counts.
    expect(couponExpiry(new Date('2026-03-01T16:30:00Z'), 1).toISOString()).toBe('2026-03-02T15:59:59.999Z');
  });

  test('state: used stays used; available turns expired when its time has come', () => {
    const expiresAt = new Date('2026-03-07T15:59:59.999Z');
    expect(couponState({ state: 'available', expiresAt }, new Date('2026-03-07T15:59:59.998Z'))).toBe('available');
    expect(couponState({ state: 'available', expiresAt }, expiresAt)).toBe('expired');
    expect(couponState({ state: 'used', expiresAt }, new Date('2027-01-01T00:00:00Z'))).toBe('used');
  });

  test('ids derive from the member and the request: same request, same coupon', () => {
    const key = redemptionKey('o-1', 'req-12345678');
    expect(key).toBe('redeem:o-1:req-12345678');
    expect(couponIdFor(key)).toBe(couponIdFor('redeem:o-1:req-12345678'));
    expect(couponIdFor(key)).not.toBe(couponIdFor(redemptionKey('o-2', 'req-12345678')));
    expect(couponIdFor(key)).toMatch(/^cpn_[0-9a-f]{24}$/);
  });
});

test('catalog order: sort, then cost, then id', () => {
  const rows = [
    { _id: 'c', sort: 2, pointsCost: 100 },
    { _id: 'b', sort: 1, pointsCost: 500 },
    { _id: 'a', sort: 1, pointsCost: 500 },
    { _id: 'd', sort: 1, pointsCost: 50 },
  ];
  expect([...rows].sort(byCatalogOrder).map((r) => r._id)).toEqual(['d', 'a', 'b', 'c']);
});
