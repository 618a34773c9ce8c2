/**
 * The demo seed's orders are the ones its ladder facts name (same ids, same payment times), are
 * priced by the real price rules, and leave exactly one refund request for staff to decide.
 */
import type { PricedProduct } from '../../core/catalog/catalog.model';
import { priceFor } from '../../core/catalog/price.rules';
import { refundRequestProblem } from '../../core/orders/order.rules';
import { PRODUCTS } from '../../scripts/seed/demo-brand';
import { demoLadderFacts } from '../../scripts/seed/seed-ladder-facts';
import { demoOrders } from '../../scripts/seed/seed-orders';

const now = Date.parse('2026-11-27T10:00:00+08:00');
const facts = demoLadderFacts(now);
const { orders, refunds } = demoOrders(facts, now);

test('one paid order per order fact, with its id and payment time', () => {
  const fromFacts = facts.flatMap((f) => f.orders.map((o) => `${f._id} ${o.orderId} ${new Date(o.paidAt!).toISOString()}`));
  expect(orders.map((o) => `${o.memberId} ${o._id} ${o.paidAt!.toISOString()}`).sort()).toEqual(fromFacts.sort());
  for (const o of orders) expect(o._id).toMatch(/^O[0-9a-f]{24}$/);
});

test('each line is priced at the tier the member was on, and totals add up', () => {
  for (const o of orders) {
    const line = o.lines[0];
    const product = PRODUCTS.find((p) => p._id === line.productId)!;
    expect(line.unitPriceFen).toBe(priceFor(product as PricedProduct, o.tier));
    expect(o.payFen).toBe(o.subtotalFen - o.discountFen);
  }
});

test('the repeat buyer’s latest order has the one open refund request, and it is one a member could have made', () => {
  expect(refunds).toHaveLength(1);
  const order = orders.find((o) => o._id === refunds[0].orderId)!;
  expect(order).toMatchObject({ memberId: 'demo-repeat', refundId: refunds[0]._id });
  expect(refundRequestProblem(order, null, new Date(refunds[0].requestedAt))).toBeNull();
});
