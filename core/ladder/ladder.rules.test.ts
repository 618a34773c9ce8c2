import fc from 'fast-check';
import type { Tier } from '../members/tiers';
import { DAY_MS, DEFAULT_LADDER_CONFIG as C, type LadderConfig } from './ladder.config';
import {
  changeReason,
  decideTierChange,
  evaluateLadder,
  progressToNext,
  tierHoldsUntil,
  whatKeepsTier,
  type ConversionFact,
  type LadderFacts,
  type OrderFact,
} from './ladder.rules';

const NOW = new Date('2026-11-27T10:00:00+08:00');
const ago = (days: number, ms = 0) => new Date(NOW.getTime() - days * DAY_MS - ms);
const after = (days: number, ms = 0) => new Date(NOW.getTime() + days * DAY_MS + ms);
const JOINED = ago(300);

const paid = (orderId: string, daysAgo: number, refunded = false, ms = 0): OrderFact => ({
  orderId,
  paidAt: ago(daysAgo, ms),
  refundedAt: refunded ? ago(daysAgo - 1) : null,
});
const conv = (friendId: string, orderId: string, daysAgo: number, reversed = false, ms = 0): ConversionFact => ({
  friendId,
  orderId,
  confirmedAt: ago(daysAgo, ms),
  reversedAt: reversed ? ago(Math.max(0, daysAgo - 1)) : null,
});
const facts = (orders: OrderFact[] = [], conversions: ConversionFact[] = [], joinedAt: Date | null = JOINED): LadderFacts => ({
  joinedAt,
  orders,
  conversions,
});
const target = (f: LadderFacts, current: Tier = 'member', config: LadderConfig = C) => evaluateLadder(f, config, NOW, current).tier;

describe('evaluateLadder: each step and its boundaries', () => {
  test.each<[string, LadderFacts, Tier]>([
    ['a follower who never joined', facts([], [], null), 'follower'],
    ['a non-member with orders and friends is never above follower', facts([paid('o1', 1), paid('o2', 2)], [conv('f1', 'x1', 1)], null), 'follower'],
    ['a member with no orders', facts(), 'member'],
    ['one paid order', facts([paid('o1', 10)]), 'buyer'],
    ['an order paid exactly at the period edge (180 days ago) still counts', facts([paid('o1', 180)]), 'buyer'],
    ['an order paid 1 ms before the period edge does not count', facts([paid('o1', 180, false, 1)]), 'member'],
    ['a refunded order does not count', facts([paid('o1', 10, true)]), 'member'],
    ['the same order reported twice counts once', facts([paid('o1', 10), paid('o1', 10)]), 'buyer'],
    ['two paid orders', facts([paid('o1', 10), paid('o2', 20)]), 'repeat_buyer'],
    ['two orders, one refunded', facts([paid('o1', 10), paid('o2', 20, true)]), 'buyer'],
    ['two orders, one outside the period', facts([paid('o1', 10), paid('o2', 181)]), 'buyer'],
    ['repeat buyer with one confirmed friend', facts([paid('o1', 10), paid('o2', 20)], [conv('f1', 'x1', 5)]), 'koc'],
    ['a friend confirmed exactly at the period edge counts', facts([paid('o1', 10), paid('o2', 20)], [conv('f1', 'x1', 180)]), 'koc'],
    ['a friend confirmed 1 ms before the edge does not', facts([paid('o1', 10), paid('o2', 20)], [conv('f1', 'x1', 180, false, 1)]), 'repeat_buyer'],
    ['a reversed conversion does not count', facts([paid('o1', 10), paid('o2', 20)], [conv('f1', 'x1', 5, true)]), 'repeat_buyer'],
    ['a buyer (not repeat) with a friend is not KOC', facts([paid('o1', 10)], [conv('f1', 'x1', 5)]), 'buyer'],
  ])('%s', (_name, f, tier) => {
    expect(target(f)).toBe(tier);
  });

  test('the same friend buying twice counts once', () => {
    const config = { ...C, thresholds: { ...C.thresholds, kocFriends: 2 } };
    const twoOrders = [paid('o1', 10), paid('o2', 20)];
    expect(target(facts(twoOrders, [conv('f1', 'x1', 5), conv('f1', 'x2', 3)]), 'member', config)).toBe('repeat_buyer');
    expect(target(facts(twoOrders, [conv('f1', 'x1', 5), conv('f2', 'x2', 3)]), 'member', config)).toBe('koc');
  });

  test('thresholds come from the configuration', () => {
    const config = { ...C, periodDays: 30, thresholds: { buyerOrders: 2, repeatBuyerOrders: 4, kocFriends: 1 } };
    expect(target(facts([paid('o1', 1)]), 'member', config)).toBe('member');
    expect(target(facts([paid('o1', 1), paid('o2', 2)]), 'member', config)).toBe('buyer');
    expect(target(facts([paid('o1', 1), paid('o2', 2), paid('o3', 3), paid('o4', 31)]), 'member', config)).toBe('buyer');
  });
});

describe('evaluateLadder: reasons in plain Chinese, relative to the current tier', () => {
  test.each<[string, LadderFacts, Tier, string]>([
    ['upgrade to buyer', facts([paid('o1', 1)]), 'member', '近 180 天有 1 笔有效订单，升级为已购会员'],
    ['upgrade to repeat buyer', facts([paid('o1', 1), paid('o2', 2)]), 'buyer', '近 180 天有 2 笔有效订单，升级为复购会员'],
    [
      'upgrade to KOC',
      facts([paid('o1', 1), paid('o2', 2)], [conv('f1', 'x', 1)]),
      'repeat_buyer',
      '近 180 天有 2 笔有效订单、1 位好友通过你的分享购买，升级为品牌KOC',
    ],
    ['joining', facts(), 'follower', '同意会员协议，加入会员'],
    ['down from repeat buyer: one order left', facts([paid('o1', 1), paid('o2', 2, true)]), 'repeat_buyer', '近 180 天只有 1 笔有效订单，复购会员需 2 笔'],
    ['down from buyer: nothing left', facts([paid('o1', 1, true)]), 'buyer', '近 180 天没有有效订单'],
    ['down from KOC: the friend was reversed', facts([paid('o1', 1), paid('o2', 2)], [conv('f1', 'x', 1, true)]), 'koc', '近 180 天没有好友通过你的分享购买'],
    ['holding repeat buyer', facts([paid('o1', 1), paid('o2', 2), paid('o3', 3)]), 'repeat_buyer', '近 180 天有 3 笔有效订单'],
  ])('%s', (_name, f, current, reason) => {
    expect(evaluateLadder(f, C, NOW, current).reason).toBe(reason);
  });

  test('a recorded downgrade says the grace period ended', () => {
    const evaluation = evaluateLadder(facts([paid('o1', 1)]), C, NOW, 'repeat_buyer');
    const decision = decideTierChange('repeat_buyer', evaluation.tier, ago(1), NOW, C);
    expect(changeReason(evaluation, decision)).toBe('保级期结束：近 180 天只有 1 笔有效订单，复购会员需 2 笔');
  });
});

describe('decideTierChange: upgrade at once, downgrade after grace', () => {
  test.each<[string, Tier, Tier, Date | null, { tier: Tier; graceUntil: Date | null; change: string }]>([
    ['upgrade is immediate', 'member', 'buyer', null, { tier: 'buyer', graceUntil: null, change: 'upgrade' }],
    ['upgrade skips steps', 'member', 'koc', null, { tier: 'koc', graceUntil: null, change: 'upgrade' }],
    ['upgrade during a grace clears it', 'buyer', 'repeat_buyer', after(5), { tier: 'repeat_buyer', graceUntil: null, change: 'upgrade' }],
    ['same tier, nothing to do', 'buyer', 'buyer', null, { tier: 'buyer', graceUntil: null, change: 'none' }],
    ['first drop starts the grace: now + 30 days', 'repeat_buyer', 'buyer', null, { tier: 'repeat_buyer', graceUntil: after(30), change: 'grace_started' }],
    [
      'during grace the tier is kept and the deadline does not move',
      'repeat_buyer',
      'buyer',
      after(10),
      { tier: 'repeat_buyer', graceUntil: after(10), change: 'grace_kept' },
    ],
    ['a further drop during grace keeps the same deadline', 'koc', 'member', after(10), { tier: 'koc', graceUntil: after(10), change: 'grace_kept' }],
    [
      '1 ms before the deadline the tier is still kept',
      'repeat_buyer',
      'buyer',
      after(0, 1),
      { tier: 'repeat_buyer', graceUntil: after(0, 1), change: 'grace_kept' },
    ],
    ['at the deadline the member moves down to the target', 'repeat_buyer', 'buyer', NOW, { tier: 'buyer', graceUntil: null, change: 'downgrade' }],
    ['after the deadline, straight to the target even several steps down', 'koc', 'member', ago(3), { tier: 'member', graceUntil: null, change: 'downgrade' }],
    [
      'the target recovers during grace: grace cleared',
      'repeat_buyer',
      'repeat_buyer',
      after(10),
      { tier: 'repeat_buyer', graceUntil: null, change: 'grace_cleared' },
    ],
    [
      'leaving membership is immediate (a non-member is never above follower)',
      'buyer',
      'follower',
      null,
      { tier: 'follower', graceUntil: null, change: 'downgrade' },
    ],
  ])('%s', (_name, current, tgt, grace, expected) => {
    expect(decideTierChange(current, tgt, grace, NOW, C)).toEqual(expected);
  });

  test('the grace length comes from the configuration', () => {
    expect(decideTierChange('buyer', 'member', null, NOW, { ...C, graceDays: 7 }).graceUntil).toEqual(after(7));
  });
});

describe('progress and what keeps the tier, in plain words', () => {
  test.each<[string, LadderFacts, Tier, string]>([
    ['a follower is told to join', facts([], [], null), 'follower', '加入会员即可成为未购会员'],
    ['a follower with an order lands on buyer when joining', facts([paid('o1', 3)], [], null), 'follower', '加入会员即可成为已购会员'],
    ['member -> buyer', facts(), 'member', '再下 1 单升级为已购会员'],
    ['buyer -> repeat buyer', facts([paid('o1', 3)]), 'buyer', '再下 1 单升级为复购会员'],
    ['repeat buyer -> KOC', facts([paid('o1', 3), paid('o2', 4)]), 'repeat_buyer', '再邀请 1 位好友购买即可成为品牌KOC'],
    ['repeat buyer in grace -> KOC needs both', facts([paid('o1', 3)]), 'repeat_buyer', '再下 1 单，并邀请 1 位好友购买，即可成为品牌KOC'],
    ['at the top', facts([paid('o1', 3), paid('o2', 4)], [conv('f', 'x', 1)]), 'koc', '你已是最高等级：品牌KOC'],
  ])('%s', (_name, f, current, text) => {
    expect(progressToNext(f, C, NOW, current).text).toBe(text);
  });

  test.each<[string, LadderFacts, Tier, string | null]>([
    ['repeat buyer with one order left', facts([paid('o1', 3), paid('o2', 4, true)]), 'repeat_buyer', '再下 1 单保级'],
    ['KOC whose friend was reversed', facts([paid('o1', 3), paid('o2', 4)], [conv('f', 'x', 1, true)]), 'koc', '再邀请 1 位好友购买即可保级'],
    ['KOC with nothing left', facts(), 'koc', '再下 2 单并邀请 1 位好友购买即可保级'],
    ['a tier still held needs nothing', facts([paid('o1', 3)]), 'buyer', null],
  ])('%s', (_name, f, tier, text) => {
    expect(whatKeepsTier(f, C, NOW, tier)?.text ?? null).toBe(text);
  });

  test('how long the tier holds: the N-th newest counted fact plus the period', () => {
    const f = facts([paid('o1', 10), paid('o2', 100), paid('o3', 50, true)], [conv('f1', 'x1', 120), conv('f1', 'x2', 20)]);
    expect(tierHoldsUntil(f, C, NOW, 'buyer')).toEqual(after(170));
    expect(tierHoldsUntil(f, C, NOW, 'repeat_buyer')).toEqual(after(80));
    // Friend f1's latest confirmation (20 days ago) holds KOC; the orders lapse first.
    expect(tierHoldsUntil(f, C, NOW, 'koc')).toEqual(after(80));
    expect(tierHoldsUntil(f, C, NOW, 'member')).toBeNull();
    expect(tierHoldsUntil(facts(), C, NOW, 'buyer')).toBeNull();
  });
});

describe('properties', () => {
  const TIERS_ARB = fc.constantFrom<Tier>('follower', 'member', 'buyer', 'repeat_buyer', 'koc');
  const orderArb = fc.record({ orderId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), daysAgo: fc.integer({ min: -1, max: 400 }), refunded: fc.boolean() });
  const convArb = fc.record({
    friendId: fc.constantFrom('f1', 'f2', 'f3'),
    orderId: fc.constantFrom('x', 'y', 'z'),
    daysAgo: fc.integer({ min: 0, max: 400 }),
    reversed: fc.boolean(),
  });
  const factsArb = fc
    .record({
      joined: fc.boolean(),
      orders: fc.array(orderArb, { maxLength: 8 }),
      conversions: fc.array(convArb, { maxLength: 5 }),
    })
    .map((r) =>
      facts(
        r.orders.map((o) => paid(o.orderId, o.daysAgo, o.refunded)),
        r.conversions.map((c) => conv(c.friendId, c.orderId, c.daysAgo, c.reversed)),
        r.joined ? JOINED : null,
      ),
    );
  const rank = (t: Tier) => ['follower', 'member', 'buyer', 'repeat_buyer', 'koc'].indexOf(t);

  test('adding a paid order never lowers the target', () => {
    fc.assert(
      fc.property(factsArb, fc.string({ minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 400 }), TIERS_ARB, (f, orderId, daysAgo, current) => {
        const more = { ...f, orders: [...f.orders, paid(`new-${orderId}`, daysAgo)] };
        expect(rank(target(more, current))).toBeGreaterThanOrEqual(rank(target(f, current)));
      }),
    );
  });

  test('adding a confirmed conversion never lowers the target; a refund never raises it', () => {
    fc.assert(
      fc.property(factsArb, fc.integer({ min: 0, max: 400 }), (f, daysAgo) => {
        const withFriend = { ...f, conversions: [...f.conversions, conv('new-friend', 'new-order', daysAgo)] };
        expect(rank(target(withFriend))).toBeGreaterThanOrEqual(rank(target(f)));
        if (f.orders.length > 0) {
          const refunded = { ...f, orders: f.orders.map((o, i) => (i === 0 ? { ...o, refundedAt: NOW } : o)) };
          expect(rank(target(refunded))).toBeLessThanOrEqual(rank(target(f)));
        }
      }),
    );
  });

  test('the decided tier never drops before the grace ends, and never sits below the target', () => {
    fc.assert(
      fc.property(TIERS_ARB, TIERS_ARB, fc.option(fc.integer({ min: -60, max: 60 }), { nil: null }), (current, tgt, graceDays) => {
        const grace = graceDays === null ? null : after(graceDays);
        const d = decideTierChange(current, tgt, grace, NOW, C);
        expect(rank(d.tier)).toBeGreaterThanOrEqual(rank(tgt));
        if (rank(d.tier) < rank(current) && tgt !== 'follower') expect(grace !== null && grace.getTime() <= NOW.getTime()).toBe(true);
      }),
    );
  });
});
