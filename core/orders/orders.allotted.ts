/**
 * Orders placed for a member rather than checked out by them: a draw's winner gets an order of one
 * unit, at their member price, holding a unit from the draw's pool, payable through the usual
 * payment flow within the draw's purchase window. Unpaid, it closes like any order and its unit
 * goes back to the pool (product-stock.repo releaseHold), for the next on the waitlist.
 */
import type { ProductDoc } from '../catalog/catalog.model';
import { priceFor } from '../catalog/price.rules';
import { holdFromPool } from '../catalog/product-stock.repo';
import type { Member } from '../members/member.rules';
import type { Database } from '../platform/database';
import { inTransaction } from '../platform/transaction';
import type { OrderDoc, OrderSource } from './orders.model';
import { findOrder, putOrder } from './orders.repo';
import { orderIdFor } from './order.rules';

export interface Allotment {
  member: Pick<Member, '_id' | 'tier'>;
  /** Makes the order id (with the member): the same allotment placed twice is one order. */
  requestId: string;
  product: ProductDoc;
  pool: string;
  expiresAt: Date;
  source: OrderSource;
  at: Date;
}

export type AllotmentOutcome = { placed: true; orderId: string; replayed: boolean } | { placed: false; reason: 'pool_empty' };

/** Places the order once: the pool's unit is moved to the order's hold, then the order is written if it is not there yet. */
export async function placeAllottedOrder(db: Database, a: Allotment): Promise<AllotmentOutcome> {
  const orderId = orderIdFor(a.member._id, a.requestId);
  if (await findOrder(db, orderId)) return { placed: true, orderId, replayed: true };
  if (!(await holdFromPool(db, a.product._id, a.pool, orderId, 1, a.at))) return { placed: false, reason: 'pool_empty' };
  const written = await inTransaction(db, async (tx) => {
    if (await findOrder(tx, orderId)) return false;
    await putOrder(tx, allottedOrder(orderId, a));
    return true;
  });
  return { placed: true, orderId, replayed: !written };
}

function allottedOrder(orderId: string, a: Allotment): OrderDoc {
  const unit = priceFor(a.product, a.member.tier);
  return {
    _id: orderId,
    memberId: a.member._id,
    requestId: a.requestId,
    status: 'pending_payment',
    tier: a.member.tier,
    lines: [
      {
        productId: a.product._id,
        name: a.product.name,
        image: a.product.images[0] ?? null,
        qty: 1,
        unitPriceFen: unit,
        listPriceFen: a.product.listPriceFen,
        lineFen: unit,
      },
    ],
    subtotalFen: unit,
    discountFen: 0,
    payFen: unit,
    coupon: null,
    stock: 'held',
    createdAt: a.at,
    expiresAt: a.expiresAt,
    paidAt: null,
    transactionId: null,
    closedAt: null,
    closeReason: null,
    refundId: null,
    refundedAt: null,
    pointsEarned: null,
    history: [{ event: 'allotted', at: a.at, note: a.source.title }],
    updatedAt: a.at,
    source: a.source,
  };
}
