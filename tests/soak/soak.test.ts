/**
 * The soak's pure parts (bench/soak): percentiles, how answers are classified, journey weights,
 * the emulator counters' deltas, the targets, and each invariant checker fed hand-made documents
 * that break it. The soak itself is a command (npm run soak), never a timed test.
 */
import { percentile, summarize } from '../../bench/soak/percentiles';
import { classifyCall, classifyDelivery, classifyTimer } from '../../bench/soak/gateway-client';
import { DEFAULT_WEIGHTS, parseWeights, pickWeighted, rng } from '../../bench/soak/journeys';
import { statsDelta, type EmulatorStats, type LevelReport } from '../../bench/soak/level';
import { evaluateTargets } from '../../bench/soak/report';
import {
  baselineOf,
  checkAll,
  checkBalances,
  checkConversions,
  checkConvergence,
  checkMoney,
  checkNonNegative,
  checkOrderEffects,
  checkProductStock,
  checkRewardStock,
  type Baseline,
  type SoakWorld,
} from '../../bench/soak/invariants';

describe('percentile (nearest rank)', () => {
  test('p50 and p99 are values from the list, by rank', () => {
    const values = Array.from({ length: 200 }, (_v, i) => 200 - i); // 200..1, unsorted
    expect(percentile(values, 50)).toBe(100);
    expect(percentile(values, 99)).toBe(198);
    expect(percentile(values, 100)).toBe(200);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([3, 1, 2], 50)).toBe(2);
  });

  test('empty is NaN; an out-of-range p is refused', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  test('summarize gives count, p50, p99, max and mean', () => {
    expect(summarize([10, 20, 30, 40])).toEqual({ count: 4, p50: 20, p99: 40, max: 40, mean: 25 });
    expect(summarize([]).count).toBe(0);
  });
});

describe('classifying answers', () => {
  test('an envelope: ok, a typed refusal (an outcome), or an error code', () => {
    expect(classifyCall(200, { result: { ok: true, data: { a: 1 } } })).toMatchObject({ outcome: 'ok', data: { a: 1 } });
    expect(classifyCall(200, { result: { ok: false, error: { code: 'REWARD_OUT_OF_STOCK', message: '奖品已兑完' } } }).outcome).toBe('REWARD_OUT_OF_STOCK');
    expect(classifyCall(200, { result: { ok: false, error: { code: 'INTERNAL', message: 'x' } } }).outcome).toBe('ERR_INTERNAL');
    expect(classifyCall(200, { result: { ok: false, error: { code: 'VALIDATION_FAILED', message: 'x' } } }).outcome).toBe('ERR_VALIDATION_FAILED');
  });

  test('anything that is not an envelope, any HTTP error and a time-limit hit are errors', () => {
    expect(classifyCall(200, { result: null }).outcome).toBe('ERR_NOT_ENVELOPE');
    expect(classifyCall(200, { result: { ok: false } }).outcome).toBe('ERR_NOT_ENVELOPE');
    expect(classifyCall(200, 'not json').outcome).toBe('ERR_NOT_ENVELOPE');
    expect(classifyCall(500, { errCode: -504002, errMsg: 'callFunction:fail -504002 Invoking task timed out after 20 seconds' }).outcome).toBe(
      'ERR_TIME_LIMIT',
    );
    expect(classifyCall(500, { errCode: -504002, errMsg: 'callFunction:fail -504002 TypeError: x' }).outcome).toBe('ERR_HTTP_500');
    expect(classifyCall(401, {}).outcome).toBe('ERR_HTTP_401');
  });

  test('a payment or refund notification counts only when the callback answered errcode 0', () => {
    expect(classifyDelivery(200, { delivery: { ok: true, result: { errcode: 0 } } }).outcome).toBe('ok');
    expect(classifyDelivery(200, { delivery: { ok: false, result: { errcode: 1 } } }).outcome).toBe('ERR_DELIVERY');
    expect(classifyDelivery(200, { delivery: { ok: false, error: 'Invoking task timed out after 20 seconds' } }).outcome).toBe('ERR_TIME_LIMIT');
    expect(classifyDelivery(404, { error: 'no refund R1' }).outcome).toBe('ERR_HTTP_404');
  });

  test('a timer: the job envelope inside { result }', () => {
    expect(classifyTimer(200, { result: { ok: true, data: { more: false } } })).toMatchObject({ outcome: 'ok', data: { more: false } });
    expect(classifyTimer(200, { result: { ok: false, error: { code: 'INTERNAL', message: '定时任务执行失败' } } }).outcome).toBe('ERR_INTERNAL');
    expect(classifyTimer(500, { error: 'Invoking task timed out after 60 seconds' }).outcome).toBe('ERR_TIME_LIMIT');
  });
});

describe('journey weights', () => {
  test('--weights overrides the defaults; unknown journeys and negative weights are refused', () => {
    expect(parseWeights('buy=20,open=0')).toEqual({ ...DEFAULT_WEIGHTS, buy: 20, open: 0 });
    expect(() => parseWeights('fly=1')).toThrow(/unknown journey/);
    expect(() => parseWeights('buy=-1')).toThrow(/>= 0/);
  });

  test('a zero weight is never picked; the seeded generator repeats itself', () => {
    const only = parseWeights(
      Object.keys(DEFAULT_WEIGHTS)
        .map((k) => `${k}=${k === 'redeem' ? 1 : 0}`)
        .join(','),
    );
    const r = rng(7);
    for (let i = 0; i < 200; i++) expect(pickWeighted(only, r())).toBe('redeem');
    const [a, b] = [rng(42), rng(42)];
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
  });
});

describe('emulator counters and targets', () => {
  const stats = (started: number, aborted: number, requests: number, timeouts: number): EmulatorStats => ({
    sqliteStatements: requests * 2,
    transactions: { started, committed: started - aborted, aborted, expired: 0, conflicts: aborted },
    functions: { points: { invocations: 100, timeouts, failures: 0 } },
    requests: { 'database.getDocument': requests },
  });

  test('a level sees only its own database calls, transactions and time-limit hits', () => {
    const d = statsDelta(stats(100, 5, 1000, 1), stats(300, 45, 3000, 4));
    expect(d.dbRequests).toBe(2000);
    expect(d.transactions).toMatchObject({ started: 200, aborted: 40, abortRatio: 0.2 });
    expect(d.timeLimitHits).toBe(3);
  });

  const level = (members: number, journeysPerS: number, abortRatio: number, timeLimitHits: number) =>
    ({ members, journeysPerS, emulator: { transactions: { abortRatio }, timeLimitHits } }) as unknown as LevelReport;

  test('targets: ratio of the largest level to the smallest, worst abort ratio, no time-limit hit', () => {
    const met = evaluateTargets([level(10, 50, 0.01, 0), level(200, 45, 0.04, 0)], []);
    expect(met).toMatchObject({ throughputRatio: 0.9, throughputOk: true, abortOk: true, timeLimitOk: true, missed: [] });
    const missed = evaluateTargets([level(200, 30, 0.33, 76), level(10, 50, 0.01, 0)], [{ name: 'x', ok: false, checked: 1, offenders: [] }]);
    expect(missed.throughputRatio).toBeCloseTo(0.6);
    expect(missed).toMatchObject({ throughputOk: false, abortOk: false, timeLimitOk: false, invariantsOk: false });
    expect(missed.missed).toHaveLength(4);
  });
});

// ---- invariants: one consistent world, then one break per checker

const at = new Date('2026-01-01T00:00:00Z');

/** Member m1 bought 2 of p1 (paid, 30 points), m1 bought 1 of p1 and refunded it (restocked), m2 let one expire; m1 redeemed r1 once. */
function world(): { w: SoakWorld; b: Baseline } {
  const w: SoakWorld = {
    members: [
      { _id: 'm1', points: 30, pointsDebt: 0 },
      { _id: 'm2', points: 0, pointsDebt: 0 },
      { _id: 'sharer', points: 100, pointsDebt: 0 },
    ],
    wallets: [
      {
        _id: 'm1',
        balance: 30,
        debt: 0,
        lots: [
          { key: 'order:o1:earn', remaining: 0 },
          { key: 'admin:1', remaining: 30 },
        ],
      },
      { _id: 'sharer', balance: 100, debt: 0, lots: [{ key: 'conversion:o1:reward', remaining: 100 }] },
    ],
    entries: [
      { _id: 'admin:1', memberId: 'm1', kind: 'adjust', delta: 100, debtDelta: 0 },
      { _id: 'order:o1:earn', memberId: 'm1', kind: 'earn', delta: 30, debtDelta: 0 },
      { _id: 'order:o2:earn', memberId: 'm1', kind: 'earn', delta: 10, debtDelta: 0 },
      { _id: 'order:o2:reverse', memberId: 'm1', kind: 'reverse', delta: -10, debtDelta: 0 },
      { _id: 'redeem:m1:q1', memberId: 'm1', kind: 'spend', delta: -100, debtDelta: 0 },
      { _id: 'conversion:o1:reward', memberId: 'sharer', kind: 'earn', delta: 100, debtDelta: 0 },
    ],
    products: [{ _id: 'p1', stock: 98, holds: {} }],
    rewardStock: [
      { _id: 'r1:0', rewardId: 'r1', remaining: 4 },
      { _id: 'r1:1', rewardId: 'r1', remaining: 5 },
    ],
    redemptions: [{ _id: 'redeem:m1:q1', rewardId: 'r1' }],
    orders: [
      { _id: 'o1', memberId: 'm1', status: 'paid', payFen: 3000, lines: [{ productId: 'p1', qty: 2 }], paidAt: at, closedAt: null, pointsEarned: 30 },
      {
        _id: 'o2',
        memberId: 'm1',
        status: 'refunded',
        payFen: 1000,
        lines: [{ productId: 'p1', qty: 1 }],
        paidAt: at,
        closedAt: null,
        pointsEarned: 10,
        pointsReversed: 10,
      },
      { _id: 'o3', memberId: 'm2', status: 'closed', payFen: 4500, lines: [{ productId: 'p1', qty: 3 }], paidAt: null, closedAt: at, pointsEarned: null },
    ],
    orderEvents: [
      { _id: 'o1:points_earn', orderId: 'o1', type: 'points_earn', status: 'done' },
      { _id: 'o2:points_reverse', orderId: 'o2', type: 'points_reverse', status: 'done' },
      { _id: 'o3:stock_release', orderId: 'o3', type: 'stock_release', status: 'done' },
    ],
    refunds: [{ _id: 'Ro2', orderId: 'o2', status: 'refunded', restock: true }],
    conversions: [
      { _id: 'o1', orderId: 'o1', status: 'confirmed', sharerId: 'sharer', rewardPoints: 100 },
      { _id: 'o2', orderId: 'o2', status: 'reversed', sharerId: 'sharer', rewardPoints: 0 },
    ],
    payments: [
      { outTradeNo: 'o1', status: 'SUCCESS', totalFee: 3000, refundedFee: 0 },
      { outTradeNo: 'o2', status: 'REFUND', totalFee: 1000, refundedFee: 1000 },
      { outTradeNo: 'o3', status: 'NOTPAY', totalFee: 4500, refundedFee: 0 },
    ],
    payRefunds: [{ outRefundNo: 'Ro2', outTradeNo: 'o2', status: 'SUCCESS', refundFee: 1000 }],
    soakMembers: new Set(['m1', 'm2']),
  };
  const b = baselineOf(
    [{ _id: 'p1', stock: 100, holds: {} }],
    [
      { _id: 'r1:0', rewardId: 'r1', remaining: 5 },
      { _id: 'r1:1', rewardId: 'r1', remaining: 5 },
    ],
    [],
    ['r1'],
  );
  return { w, b };
}

const failing = (r: { ok: boolean; offenders: Array<{ id: string; problem: string }> }) => {
  expect(r.ok).toBe(false);
  return r.offenders.map((o) => `${o.id}: ${o.problem}`).join('\n');
};

describe('invariant checkers', () => {
  test('a consistent world passes every check', () => {
    const { w, b } = world();
    const results = checkAll(w, b);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results).toHaveLength(7);
  });

  test('balance: a cached balance that is not the ledger sum, a wallet that disagrees, entries without a member', () => {
    const { w } = world();
    w.members[0].points = 31;
    expect(failing(checkBalances(w))).toMatch(/members\/m1: points 31 but its 5 ledger entries sum to 30/);
    const lots = world().w;
    lots.wallets[0].lots![1].remaining = 29;
    expect(failing(checkBalances(lots))).toMatch(/lots hold 29, balance is 30/);
    const orphan = world().w;
    orphan.entries.push({ _id: 'x', memberId: 'ghost', delta: 5 });
    expect(failing(checkBalances(orphan))).toMatch(/ghost, who is not a member/);
  });

  test('non-negative: a negative stock, shard, lot or balance fails', () => {
    const { w } = world();
    w.products[0].stock = -1;
    w.rewardStock[0].remaining = -2;
    const text = failing(checkNonNegative(w));
    expect(text).toMatch(/products\/p1: stock = -1/);
    expect(text).toMatch(/reward_stock\/r1:0: remaining = -2/);
    const lot = world().w;
    lot.wallets[0].lots![0].remaining = -5;
    expect(failing(checkNonNegative(lot))).toMatch(/lot order:o1:earn remaining = -5/);
    const missing = world().w;
    delete (missing.products[0] as { stock?: number }).stock;
    expect(failing(checkNonNegative(missing))).toMatch(/stock is not a number/);
  });

  test('product stock: an oversold unit, a refund that did not restock, a hold left after the drain', () => {
    const oversold = world();
    oversold.w.products[0].stock = 97;
    expect(failing(checkProductStock(oversold.w, oversold.b))).toMatch(/stock, holds and draw pools 97, expected 100 before − 2 sold = 98/);
    const notRestocked = world();
    notRestocked.w.refunds[0].restock = false;
    expect(failing(checkProductStock(notRestocked.w, notRestocked.b))).toMatch(/expected 100 before − 3 sold = 97/);
    const held = world();
    held.w.products[0] = { _id: 'p1', stock: 95, holds: { o3: { qty: 3 } } };
    expect(failing(checkProductStock(held.w, held.b))).toMatch(/holds left after the drain: o3×3/);
    // A draw's units (set aside, or held by a winner's order) are the product's and not the soak's: they count, and stay.
    const drawn = world();
    drawn.w.products[0] = { _id: 'p1', stock: 95, pools: { draw_1: { qty: 2 } }, holds: { ow: { qty: 1, pool: 'draw_1' } } };
    expect(checkProductStock(drawn.w, drawn.b).ok).toBe(true);
    drawn.w.products[0].pools = { draw_1: { qty: 1 } };
    expect(failing(checkProductStock(drawn.w, drawn.b))).toMatch(/stock, holds and draw pools 97, expected 100 before − 2 sold = 98/);
  });

  test('reward stock: shards that do not add up to initial minus redemptions', () => {
    const { w, b } = world();
    w.redemptions.push({ _id: 'redeem:m2:q2', rewardId: 'r1' });
    expect(failing(checkRewardStock(w, b))).toMatch(/shards hold 9, expected 10 − 2 redeemed = 8/);
    const held = world();
    held.w.rewardStock[0] = { ...held.w.rewardStock[0], holds: { k1: { at: 1 } } };
    expect(failing(checkRewardStock(held.w, held.b))).toMatch(/still hold units of unfinished redemptions/);
    // A voided request (no rewardId) counts as no redemption.
    const voided = world();
    voided.w.redemptions.push({ _id: 'redeem:m3:q3' } as never);
    expect(checkRewardStock(voided.w, voided.b).ok).toBe(true);
  });

  test('order effects: a missing earn, a double set, a reversal of a paid order, an event left pending, an unpaid order after the drain', () => {
    const noEarn = world().w;
    noEarn.entries = noEarn.entries.filter((e) => e._id !== 'order:o1:earn');
    expect(failing(checkOrderEffects(noEarn))).toMatch(/pointsEarned 30 without its ledger entry order:o1:earn/);
    const twice = world().w;
    twice.entries.push({ _id: 'order:o1:earn:2', memberId: 'm1', delta: 30 });
    expect(failing(checkOrderEffects(twice))).toMatch(/unexpected ledger entry order:o1:earn:2/);
    const reversedPaid = world().w;
    reversedPaid.entries.push({ _id: 'order:o1:reverse', memberId: 'm1', delta: -30 });
    expect(failing(checkOrderEffects(reversedPaid))).toMatch(/paid and not refunded, yet reversed/);
    const unreversed = world().w;
    unreversed.entries = unreversed.entries.filter((e) => e._id !== 'order:o2:reverse');
    expect(failing(checkOrderEffects(unreversed))).toMatch(/refunded after earning 10 points, but never reversed/);
    const pending = world().w;
    pending.orderEvents[0].status = 'pending';
    expect(failing(checkOrderEffects(pending))).toMatch(/event points_earn is pending after the drain/);
    const unpaid = world().w;
    unpaid.orders[2].status = 'pending_payment';
    expect(failing(checkOrderEffects(unpaid))).toMatch(/still pending_payment after the drain/);
    const closedEarned = world().w;
    closedEarned.entries.push({ _id: 'order:o3:earn', memberId: 'm2', delta: 5 });
    expect(failing(checkOrderEffects(closedEarned))).toMatch(/closed unpaid, yet has ledger entries order:o3:earn/);
  });

  test('conversions: confirmed on a refunded order, rewarded without confirmation, confirmed without its reward', () => {
    const onRefunded = world().w;
    onRefunded.conversions[1].status = 'confirmed';
    expect(failing(checkConversions(onRefunded))).toMatch(/conversions\/o2: confirmed on a refunded order/);
    const unrewarded = world().w;
    unrewarded.entries = unrewarded.entries.filter((e) => e._id !== 'conversion:o1:reward');
    expect(failing(checkConversions(unrewarded))).toMatch(/confirmed with 100 reward points, but no conversion:o1:reward/);
    const rewardedPending = world().w;
    rewardedPending.conversions[0].status = 'pending';
    expect(failing(checkConversions(rewardedPending))).toMatch(/pending, yet rewarded by conversion:o1:reward/);
  });

  test('money: a paid order not charged, a refund not given back or not settled, a closed order charged, a charge for no order', () => {
    const uncharged = world().w;
    uncharged.payments[0].status = 'NOTPAY';
    expect(failing(checkMoney(uncharged))).toMatch(/orders\/o1: paid, but WeChat Pay says NOTPAY/);
    const kept = world().w;
    kept.payments[1].refundedFee = 0;
    kept.payRefunds[0].status = 'PROCESSING';
    const text = failing(checkMoney(kept));
    expect(text).toMatch(/refunded, but only 0 of 1000 fen went back/);
    expect(text).toMatch(/refunds not settled: Ro2 PROCESSING/);
    const charged = world().w;
    charged.payments[2].status = 'SUCCESS';
    charged.payments.push({ outTradeNo: 'o404', status: 'SUCCESS', totalFee: 100, refundedFee: 0 });
    const closed = failing(checkMoney(charged));
    expect(closed).toMatch(/orders\/o3: closed, yet WeChat Pay charged 4500 fen/);
    expect(closed).toMatch(/payments\/o404: charged 100 fen for an order that does not exist/);
    const record = world().w;
    record.refunds[0].status = 'approved';
    expect(failing(checkMoney(record))).toMatch(/its refund record is approved/);
  });

  test('convergence: after a time-limit hit, a retry with the same requestId must show what the server did', () => {
    const applied = { key: 'redeem:m1:q1', appliedBefore: true, couponBefore: 'c1' };
    expect(
      checkConvergence([
        { ...applied, retry: { outcome: 'ok', replayed: true, couponId: 'c1' } },
        { key: 'redeem:m1:q2', appliedBefore: false, couponBefore: null, retry: { outcome: 'ok', replayed: false, couponId: 'c2' } },
      ]).ok,
    ).toBe(true);
    expect(failing(checkConvergence([{ ...applied, retry: { outcome: 'ok', replayed: false, couponId: 'c9' } }]))).toMatch(
      /redeemed during the time-out, but the retry answered ok \(replayed false\)/,
    );
    expect(failing(checkConvergence([{ ...applied, retry: { outcome: 'ok', replayed: true, couponId: 'c9' } }]))).toMatch(
      /shows coupon c9, the server issued c1/,
    );
    expect(failing(checkConvergence([{ ...applied, retry: { outcome: 'ERR_TIME_LIMIT', replayed: null, couponId: null } }]))).toMatch(
      /the retry failed too: ERR_TIME_LIMIT/,
    );
    expect(
      failing(checkConvergence([{ key: 'k', appliedBefore: false, couponBefore: null, retry: { outcome: 'ok', replayed: true, couponId: null } }])),
    ).toMatch(/says replayed, yet nothing had been redeemed/);
  });
});
