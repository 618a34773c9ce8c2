/** The member's own orders (`shop.order`, `shop.myOrders`). Only the caller's orders are ever returned. */
import { now } from '../platform/clock';
import type { Database } from '../platform/database';
import { cursorAfter, decodeCursor, encodeCursor } from '../platform/paging';
import { fail, ok, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import type { MyOrdersInput } from './orders.inputs';
import type { OrderDoc, OrderView, RefundDoc } from './orders.model';
import { findOrder, findRefund, listOrders, refundsByIds } from './orders.repo';
import { toOrderView } from './orders.views';

/** The refunds of a page of orders, by order id: one query for the page. */
export async function refundsOf(db: Database, orders: OrderDoc[]): Promise<Map<string, RefundDoc>> {
  const refunds = await refundsByIds(
    db,
    orders.flatMap((o) => (o.refundId ? [o.refundId] : [])),
  );
  return new Map([...refunds.values()].map((r) => [r.orderId, r]));
}

export async function myOrder(ctx: ActionContext, orderId: string): Promise<Result<{ order: OrderView }>> {
  const order = await findOrder(ctx.db, orderId);
  if (!order || order.memberId !== ctx.caller.openid) return fail('NOT_FOUND', '订单不存在');
  const refund = order.refundId ? await findRefund(ctx.db, order.refundId) : null;
  return ok({ order: toOrderView(order, refund, now()) });
}

export async function myOrders(ctx: ActionContext, input: MyOrdersInput): Promise<Result<{ orders: OrderView[]; nextCursor: string | null }>> {
  const at = now();
  const page = await listOrders(ctx.db, { memberId: ctx.caller.openid }, input.filter, input.limit + 1, decodeCursor(input.cursor));
  const shown = page.slice(0, input.limit);
  const refunds = await refundsOf(ctx.db, shown);
  return ok({
    orders: shown.map((o) => toOrderView(o, refunds.get(o._id) ?? null, at)),
    nextCursor: page.length > input.limit ? encodeCursor(cursorAfter(shown[shown.length - 1], 'createdAt')) : null,
  });
}
