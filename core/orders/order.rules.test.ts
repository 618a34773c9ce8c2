import fc from 'fast-check';
import type { ProductDoc } from '../catalog/catalog.model';
import type { CouponDoc } from '../rewards/rewards.model';
import {
  cancelProblem,
  canCancel,
  canPay,
  couponProblem,
  discountFor,
  eventId,
  MIN_PAY_FEN,
  orderIdFor,
  PAID_EVENTS,
  PAY_QUERY_GRACE_MS,
  expiryDecision,
  paidEventsLeft,
  paymentNotConfirmed,
  PRODUCT_UNAVAILABLE_MESSAGE,
  refundNotConfirmed,
  refundRecordMismatch,
  PAYMENT_WINDOW_MS,
  pointsForPayment,
  priceLines,
  REFUND_EVENTS,
  refundEventsLeft,
  refundIdFor,
  REFUND_WINDOW_MS,
  refundRequestProblem,
  retryDelayMs,
  subtotalOf,
} from './order.rules';

const AT = new Date('2026-11-27T08:00:00Z');
const beans: ProductDoc = {
  _id: 'p-beans',
  name: '耶加雪菲',
  subtitle: '',
  category: '咖啡豆',
  images: ['cloud://x/beans.svg'],
  listPriceFen: 12800,
  channelPrices: [{ channel: '天猫', priceFen: 11800 }],
  memberPrices: { member: 11500, buyer: 10900, repeat_buyer: 10500, koc: 9900 },
  stock: 5,
  memberOnlyFromTier: null,
  status: 'on_sale',
  sort: 1,
};
const products = (...ps: ProductDoc[]) => new Map(ps.map((p) => [p._id, p]));
const coupon = (extra: Partial<CouponDoc> = {}): CouponDoc => ({
  _id: 'c1',
  memberId: 'm1',
  rewardId: 'r1',
  title: '满100减20',
  valueFen: 2000,
  minSpendFen: 10000,
  state: 'available',
  issuedAt: AT,
  expiresAt: new Date(AT.getTime() + 86400_000),
  usedAt: null,
  redemptionId: 'redeem:m1:x',
  ...extra,
});

describe('order ids', () => {
  test('a function of member and request: retries find the same order, other members never collide', () => {
    expect(orderIdFor('m1', 'req-1')).toBe(orderIdFor('m1', 'req-1'));
    expect(orderIdFor('m1', 'req-1')).not.toBe(orderIdFor('m2', 'req-1'));
    // The separator keeps ('m1', '2x') and ('m12', 'x') apart.
    expect(orderIdFor('m1', '2x')).not.toBe(orderIdFor('m12', 'x'));
  });

  test('always a valid WeChat Pay outTradeNo (<= 32 of [A-Za-z0-9_-]), and its refund number too', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 8 }), (m, r) => {
        const id = orderIdFor(m, r);
        expect(id).toMatch(/^O[0-9a-f]{24}$/);
        expect(refundIdFor(id).length).toBeLessThanOrEqual(32);
      }),
    );
  });
});

describe('pricing a cart', () => {
  test('each line at the tier’s member price; a follower pays the list price', () => {
    const priced = priceLines(products(beans), [{ productId: 'p-beans', qty: 2 }], 'buyer');
    expect(priced).toEqual({
      ok: true,
      lines: [{ productId: 'p-beans', name: '耶加雪菲', image: 'cloud://x/beans.svg', qty: 2, unitPriceFen: 10900, listPriceFen: 12800, lineFen: 21800 }],
    });
    const follower = priceLines(products(beans), [{ productId: 'p-beans', qty: 1 }], 'follower');
    expect(follower.ok && follower.lines[0].unitPriceFen).toBe(12800);
  });

  test.each([
    ['missing', products(), 'member', 1, 'ORDER_PRODUCT_UNAVAILABLE'],
    ['off shelf', products({ ...beans, status: 'off_shelf' }), 'member', 1, 'ORDER_PRODUCT_UNAVAILABLE'],
    ['member-only above the tier', products({ ...beans, memberOnlyFromTier: 'koc' }), 'repeat_buyer', 1, 'ORDER_PRODUCT_UNAVAILABLE'],
    ['more than in stock', products(beans), 'member', 6, 'ORDER_OUT_OF_STOCK'],
  ] as const)('%s is refused', (_name, ps, tier, qty, code) => {
    const priced = priceLines(ps, [{ productId: 'p-beans', qty }], tier);
    expect(priced.ok).toBe(false);
    if (!priced.ok) expect(priced.error.code).toBe(code);
  });

  test('a product the caller may not see is never named; one they can see is named when out of stock', () => {
    const hidden = [products({ ...beans, name: '黑金会员限定豆', memberOnlyFromTier: 'koc' }), products({ ...beans, name: '未上架新品', status: 'off_shelf' })];
    for (const ps of hidden) {
      const priced = priceLines(ps, [{ productId: 'p-beans', qty: 1 }], 'member');
      expect(priced).toEqual({ ok: false, error: { code: 'ORDER_PRODUCT_UNAVAILABLE', message: PRODUCT_UNAVAILABLE_MESSAGE, productId: 'p-beans' } });
    }
    expect(PRODUCT_UNAVAILABLE_MESSAGE).toBe('部分商品暂时无法购买');
    // A visible product first in the cart, out of stock, is named; a hidden one after it is not reached.
    const mixed = priceLines(
      products(beans, { ...beans, _id: 'p-secret', name: '黑金会员限定豆', memberOnlyFromTier: 'koc' }),
      [
        { productId: 'p-beans', qty: 9 },
        { productId: 'p-secret', qty: 1 },
      ],
      'member',
    );
    expect(mixed).toMatchObject({ ok: false, error: { code: 'ORDER_OUT_OF_STOCK', message: '耶加雪菲库存不足' } });
    const hiddenFirst = priceLines(
      products(beans, { ...beans, _id: 'p-secret', name: '黑金会员限定豆', memberOnlyFromTier: 'koc' }),
      [
        { productId: 'p-secret', qty: 1 },
        { productId: 'p-beans', qty: 1 },
      ],
      'member',
    );
    expect(JSON.stringify(hiddenFirst)).not.toContain('黑金会员限定豆');
  });

  test('member-only from a tier is buyable at that tier', () => {
    expect(priceLines(products({ ...beans, memberOnlyFromTier: 'koc' }), [{ productId: 'p-beans', qty: 1 }], 'koc').ok).toBe(true);
  });

  test('subtotal is the sum of lines', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ unit: fc.integer({ min: 1, max: 100000 }), qty: fc.integer({ min: 1, max: 20 }) })), (ls) => {
        const lines = ls.map((l, i) => ({
          productId: `p${i}`,
          name: '',
          image: null,
          qty: l.qty,
          unitPriceFen: l.unit,
          listPriceFen: l.unit,
          lineFen: l.unit * l.qty,
        }));
        expect(subtotalOf(lines)).toBe(ls.reduce((s, l) => s + l.unit * l.qty, 0));
      }),
    );
  });
});

describe('coupons at checkout', () => {
  test.each([
    ['usable', coupon(), 'm1', 11500, undefined, null],
    ['someone else’s', coupon({ memberId: 'm2' }), 'm1', 11500, undefined, '优惠券不存在'],
    ['missing', null, 'm1', 11500, undefined, '优惠券不存在'],
    ['used', coupon({ state: 'used' }), 'm1', 11500, undefined, '优惠券已使用'],
    ['expired (at the exact second)', coupon({ expiresAt: AT }), 'm1', 11500, undefined, '优惠券已过期'],
    ['below the minimum spend', coupon(), 'm1', 9999, undefined, '满¥100.00可用'],
    ['locked by another order', coupon({ state: 'locked', orderId: 'O1' }), 'm1', 11500, 'O2', '优惠券已被待支付订单占用'],
    ['locked by this very order (a retry)', coupon({ state: 'locked', orderId: 'O1' }), 'm1', 11500, 'O1', null],
  ] as const)('%s', (_name, c, memberId, subtotal, orderId, problem) => {
    expect(couponProblem(c as CouponDoc | null, memberId, subtotal, AT, orderId)).toBe(problem);
  });

  test('the discount never takes an order below WeChat Pay’s 1 fen, nor below zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), (value, subtotal) => {
        const d = discountFor({ valueFen: value }, subtotal);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(value);
        expect(subtotal - d).toBeGreaterThanOrEqual(MIN_PAY_FEN);
      }),
    );
    expect(discountFor({ valueFen: 2000 }, 11500)).toBe(2000);
    expect(discountFor({ valueFen: 2000 }, 1500)).toBe(1499);
  });
});

describe('points for a payment', () => {
  test.each([
    [11500, 1000, 115],
    [10900, 1200, 130],
    [99, 2000, 0],
    [19999, 1500, 298],
  ])('%i fen at %i‰ earns %i', (fen, permille, points) => {
    expect(pointsForPayment(fen, permille)).toBe(points);
  });

  test('never negative, never more than yuan x multiplier, and a higher multiplier never earns less', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (fen, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(pointsForPayment(fen, lo)).toBeGreaterThanOrEqual(0);
        expect(pointsForPayment(fen, lo)).toBeLessThanOrEqual(pointsForPayment(fen, hi));
        // In integers: points x 100 fen x 1000‰ <= fen x multiplier.
        expect(pointsForPayment(fen, hi) * 100_000).toBeLessThanOrEqual(fen * hi);
      }),
    );
  });
});

describe('what a member may do', () => {
  const pending = { status: 'pending_payment' as const, expiresAt: new Date(AT.getTime() + PAYMENT_WINDOW_MS) };
  test('pay until the window ends (exclusive); cancel only while unpaid', () => {
    expect(canPay(pending, AT)).toBe(true);
    expect(canPay(pending, new Date(pending.expiresAt.getTime() - 1))).toBe(true);
    expect(canPay(pending, pending.expiresAt)).toBe(false);
    expect(canPay({ ...pending, status: 'paid' }, AT)).toBe(false);
    expect(canCancel(pending)).toBe(true);
    expect(canCancel({ status: 'paid' })).toBe(false);
    expect(canCancel({ status: 'closed' })).toBe(false);
  });

  const paid = { status: 'paid' as const, paidAt: AT };
  test.each([
    ['paid, no request', paid, null, AT, null],
    ['paid, last moment of the window', paid, null, new Date(AT.getTime() + REFUND_WINDOW_MS), null],
    ['past the window', paid, null, new Date(AT.getTime() + REFUND_WINDOW_MS + 1), '已超过 7 天退款期限，请联系客服'],
    ['a request is open', paid, { status: 'requested' as const }, AT, '该订单已有退款申请'],
    ['a request was rejected (may ask again)', paid, { status: 'rejected' as const }, AT, null],
    ['already refunded', { status: 'refunded' as const, paidAt: AT }, { status: 'refunded' as const }, AT, '该订单已退款'],
    ['unpaid', { status: 'pending_payment' as const, paidAt: null }, null, AT, '只有已付款的订单可以申请退款'],
  ])('refund request: %s', (_name, order, refund, at, problem) => {
    expect(refundRequestProblem(order, refund, at)).toBe(problem);
  });
});

describe('expiry asks WeChat Pay first', () => {
  const order = { _id: 'O1', expiresAt: AT };
  const soon = new Date(AT.getTime() + 60_000);
  const late = new Date(AT.getTime() + PAY_QUERY_GRACE_MS + 1);
  const trade = (tradeState: string, extra: Partial<{ totalFee: number | null; transactionId: string | null }> = {}) => ({
    ok: true as const,
    data: { tradeState, totalFee: 11500, transactionId: null, ...extra },
  });
  test.each([
    ['no gateway in this run: close', null, soon, { kind: 'close', closeAtPay: false }],
    [
      'paid at WeChat Pay: record the payment',
      trade('SUCCESS', { transactionId: 'wx-1' }),
      soon,
      { kind: 'paid', payment: { outTradeNo: 'O1', transactionId: 'wx-1', totalFee: 11500 } },
    ],
    [
      'SUCCESS without a transaction is no answer yet: wait',
      trade('SUCCESS'),
      soon,
      { kind: 'wait', reason: 'WeChat Pay says paid without a transaction or amount' },
    ],
    ['never reached WeChat Pay: close', { ok: true as const, data: null }, soon, { kind: 'close', closeAtPay: false }],
    ['left at the cashier (NOTPAY): close here and at WeChat Pay', trade('NOTPAY'), soon, { kind: 'close', closeAtPay: true }],
    ['closed at WeChat Pay: close', trade('CLOSED'), soon, { kind: 'close', closeAtPay: false }],
    ['refunded before we recorded it: never a sale', trade('REFUND', { transactionId: 'wx-2' }), soon, { kind: 'close', closeAtPay: false }],
    ['still paying: wait', trade('USERPAYING'), soon, { kind: 'wait', reason: 'the payer is still paying' }],
    ['still paying after the grace: close, and at WeChat Pay', trade('USERPAYING'), late, { kind: 'close', closeAtPay: true }],
    ['the query failed: wait', { ok: false as const, message: 'SYSTEMERROR' }, soon, { kind: 'wait', reason: 'WeChat Pay query failed: SYSTEMERROR' }],
    ['the query failed after the grace: close', { ok: false as const, message: 'SYSTEMERROR' }, late, { kind: 'close', closeAtPay: false }],
  ])('%s', (_name, asked, at, decision) => {
    expect(expiryDecision(order, asked, at)).toEqual(decision);
  });
});

describe('effects', () => {
  test('a payment earns points, tells the ladder, settles stock and credits the sharer; a refund undoes each, restocking only when asked', () => {
    expect([...PAID_EVENTS].sort()).toEqual(['ladder_paid', 'points_earn', 'referral_convert', 'stock_settle']);
    expect([...REFUND_EVENTS].sort()).toEqual(['ladder_refunded', 'pay_refund', 'points_reverse', 'referral_reverse', 'stock_restore']);
    expect(eventId('O1', 'points_earn')).toBe('O1:points_earn');
  });

  test('a payment leaves as events only what its transaction did not apply: always the stock, the conversion only with a card behind it', () => {
    expect(paidEventsLeft({ points: true, ladder: true }, false)).toEqual(['stock_settle']);
    expect(paidEventsLeft({ points: true, ladder: true }, true)).toEqual(['stock_settle', 'referral_convert']);
    expect(paidEventsLeft({ points: false, ladder: true }, false)).toEqual(['points_earn', 'stock_settle']);
    expect(paidEventsLeft({ points: false, ladder: false }, true)).toEqual(['points_earn', 'ladder_paid', 'stock_settle', 'referral_convert']);
    for (const points of [true, false])
      for (const ladder of [true, false])
        for (const touched of [true, false]) {
          expect(PAID_EVENTS).toEqual(expect.arrayContaining(paidEventsLeft({ points, ladder }, touched)));
        }
  });

  test('a refund leaves as events only what its transaction did not apply: always the money, the stock when restocked, the conversion unless the payment had none', () => {
    const applied = { points: true, ladder: true };
    expect(refundEventsLeft(applied, true, false)).toEqual(['pay_refund', 'stock_restore']);
    expect(refundEventsLeft(applied, false, false)).toEqual(['pay_refund']);
    expect(refundEventsLeft(applied, false, true)).toEqual(['pay_refund', 'referral_reverse']);
    // Paid before payments recorded whether a card was behind them: the reversal is not skipped.
    expect(refundEventsLeft(applied, false, undefined)).toEqual(['pay_refund', 'referral_reverse']);
    expect(refundEventsLeft({ points: false, ladder: false }, true, true)).toEqual([
      'points_reverse',
      'ladder_refunded',
      'pay_refund',
      'referral_reverse',
      'stock_restore',
    ]);
    for (const points of [true, false])
      for (const ladder of [true, false])
        for (const restock of [true, false])
          for (const touched of [true, false, undefined]) {
            expect(REFUND_EVENTS).toEqual(expect.arrayContaining(refundEventsLeft({ points, ladder }, restock, touched)));
          }
  });

  test('retries back off from 1 minute, doubling, to at most an hour', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 60, 60, 60]);
  });
});

describe('cancelling', () => {
  test('only an unpaid order; a paid or refunded one says it was paid, a closed one that it is closed', () => {
    expect(cancelProblem({ status: 'pending_payment' })).toBeNull();
    expect(cancelProblem({ status: 'paid' })).toBe('订单已付款，无法取消');
    expect(cancelProblem({ status: 'refunded' })).toBe('订单已付款，无法取消');
    expect(cancelProblem({ status: 'closed' })).toBe('订单已关闭');
    for (const status of ['pending_payment', 'paid', 'refunded', 'closed'] as const) expect(cancelProblem({ status }) === null).toBe(canCancel({ status }));
  });
});

describe('WeChat Pay’s word', () => {
  const claimed = { outTradeNo: 'O1', transactionId: '4200000001', totalFee: 11500 };
  const paid = { tradeState: 'SUCCESS', totalFee: 11500, transactionId: '4200000001' };

  test('a payment is confirmed only when WeChat Pay says SUCCESS for that transaction and amount', () => {
    expect(paymentNotConfirmed(claimed, paid)).toBeNull();
    expect(paymentNotConfirmed(claimed, null)).toMatch(/no such order/);
    for (const tradeState of ['NOTPAY', 'CLOSED', 'PAYERROR', 'USERPAYING', 'REVOKED', 'REFUND', '']) {
      expect(paymentNotConfirmed(claimed, { ...paid, tradeState, transactionId: tradeState === 'REFUND' ? paid.transactionId : null })).toMatch(
        /says the order is/,
      );
    }
    expect(paymentNotConfirmed(claimed, { ...paid, transactionId: '4200000002' })).toMatch(/transaction 4200000001 is not/);
    expect(paymentNotConfirmed(claimed, { ...paid, totalFee: 1 })).toMatch(/11500 fen is not what WeChat Pay took/);
    expect(paymentNotConfirmed({ ...claimed, totalFee: 1 }, paid)).toMatch(/1 fen is not/);
  });

  const refundClaim = { outRefundNo: 'RO1', outTradeNo: 'O1', refundFee: 11500 };
  const settled = { outRefundNo: 'RO1', refundStatus: 'SUCCESS', refundFee: 11500, outTradeNo: 'O1', transactionId: '4200000001' };

  test('a refund is confirmed only when WeChat Pay says SUCCESS, for the amount and order claimed', () => {
    expect(refundNotConfirmed(refundClaim, settled)).toBeNull();
    expect(refundNotConfirmed({ outRefundNo: 'RO1' }, settled)).toBeNull();
    expect(refundNotConfirmed(refundClaim, null)).toMatch(/no such refund/);
    for (const refundStatus of ['PROCESSING', 'CHANGE', 'REFUNDCLOSE'])
      expect(refundNotConfirmed(refundClaim, { ...settled, refundStatus })).toMatch(new RegExp(refundStatus));
    expect(refundNotConfirmed({ ...refundClaim, refundFee: 1 }, settled)).toMatch(/1 fen/);
    expect(refundNotConfirmed({ ...refundClaim, outTradeNo: 'O2' }, settled)).toMatch(/order O2/);
    expect(refundNotConfirmed({ ...refundClaim, transactionId: '4200000009' }, settled)).toMatch(/transaction 4200000009/);
  });

  test('a confirmed refund must be the one approved: its order, amount and payment', () => {
    const refund = { _id: 'RO1', orderId: 'O1', amountFen: 11500 };
    expect(refundRecordMismatch(refund, { transactionId: '4200000001' }, settled)).toBeNull();
    expect(refundRecordMismatch(refund, null, settled)).toBeNull();
    expect(refundRecordMismatch(refund, { transactionId: '4200000001' }, { ...settled, outTradeNo: 'O2' })).toMatch(/WeChat Pay's for O2/);
    expect(refundRecordMismatch(refund, { transactionId: '4200000001' }, { ...settled, refundFee: 100 })).toMatch(/refunded 100/);
    expect(refundRecordMismatch(refund, { transactionId: '4200000009' }, settled)).toMatch(/paid by 4200000009/);
  });
});
