import { MEMBER_TIERS, type MemberTier } from '../../core/catalog/catalog.model';
import type { MemberFactsDoc } from '../../core/ladder/ladder.facts';
import type { OrderDoc, RefundDoc } from '../../core/orders/orders.model';
import { orderIdFor, refundIdFor } from '../../core/orders/order.rules';
import { PRODUCTS } from './demo-brand';

const DAY = 86_400_000;

/** Seeded orders use the ids a real checkout would give them, so facts, orders and the admin search agree. */
export function demoOrderId(openid: string, n: number): string {
  return orderIdFor(openid, `demo-order-${n}`);
}

/** The member's step when they placed their n-th order (0-based): a member for the first, a buyer after. */
const tierForNth = (n: number): MemberTier => MEMBER_TIERS[Math.min(n, 1)];

/**
 * The paid orders behind the seeded ladder facts (one per fact, same id and payment time), and one
 * open refund request so the staff queue has work. Points for these orders are part of the seeded
 * wallets ("历史订单积分"), so `pointsEarned` stays null: refunding one takes back no points.
 */
export function demoOrders(facts: MemberFactsDoc[], now: number): { orders: OrderDoc[]; refunds: RefundDoc[] } {
  const buyable = PRODUCTS.filter((p) => p.memberOnlyFromTier === null);
  const orders: OrderDoc[] = [];
  facts.forEach((f, m) => {
    f.orders.forEach((o, n) => {
      const product = buyable[(m + n) % buyable.length];
      const tier = tierForNth(n);
      const unit = product.memberPrices[tier];
      const paidAt = new Date(o.paidAt!);
      const createdAt = new Date(paidAt.getTime() - 3 * 60_000);
      orders.push({
        _id: o.orderId,
        memberId: f._id,
        requestId: `demo-order-${n + 1}`,
        status: 'paid',
        tier,
        lines: [{ productId: product._id, name: product.name, image: null, qty: 1, unitPriceFen: unit, listPriceFen: product.listPriceFen, lineFen: unit }],
        subtotalFen: unit,
        discountFen: 0,
        payFen: unit,
        coupon: null,
        stock: 'taken',
        createdAt,
        expiresAt: new Date(createdAt.getTime() + 15 * 60_000),
        paidAt,
        transactionId: `demo-wx-${o.orderId}`,
        closedAt: null,
        closeReason: null,
        refundId: null,
        refundedAt: null,
        pointsEarned: null,
        history: [
          { event: 'created', at: createdAt },
          { event: 'paid', at: paidAt },
        ],
        updatedAt: paidAt,
      });
    });
  });
  const refunds: RefundDoc[] = [];
  // The repeat buyer's latest order: a complaint waiting for staff.
  const latest = orders.filter((o) => o.memberId === 'demo-repeat').sort((a, b) => b.paidAt!.getTime() - a.paidAt!.getTime())[0];
  if (latest) {
    const requestedAt = new Date(now - 1 * DAY);
    const refund: RefundDoc = {
      _id: refundIdFor(latest._id),
      orderId: latest._id,
      memberId: latest.memberId,
      reason: '收到的咖啡豆包装漏气，受潮结块',
      amountFen: latest.payFen,
      status: 'requested',
      requestedAt,
      decidedAt: null,
      decidedBy: null,
      rejectReason: null,
      restock: true,
      refundedAt: null,
      updatedAt: requestedAt,
    };
    refunds.push(refund);
    latest.refundId = refund._id;
    latest.history.push({ event: 'refund_requested', at: requestedAt, note: refund.reason });
  }
  return { orders, refunds };
}
