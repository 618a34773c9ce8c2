/** Staff views of orders and refunds (moderators and admins; refunds are decided in orders.refunds). */
import { nicknamesOf } from '../members/member.repo';
import { now } from '../platform/clock';
import { cursorAfter, decodeCursor, encodeCursor } from '../platform/paging';
import { ok, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { asStaff } from '../staff/staff.guard';
import type { AdminOrdersInput, RefundQueueInput } from './orders.inputs';
import type { AdminOrderView, AdminRefundView, OrderDoc } from './orders.model';
import { findOrder, listOrders, listRefunds, ordersByIds } from './orders.repo';
import { refundsOf } from './orders.usecases';
import { toAdminOrderView, toAdminRefundView } from './orders.views';

const ORDER_ID = /^O[0-9a-f]{24}$/;
const REFUND_QUEUE_LIMIT = 100;

/** `admin.ordersList`: newest first, by status filter, or one order number / one member's openid. */
export function ordersList(ctx: ActionContext, input: AdminOrdersInput): Promise<Result<{ orders: AdminOrderView[]; nextCursor: string | null }, 'FORBIDDEN'>> {
  return asStaff(ctx, 'orders.view', 'orders.list', { filter: input.filter, search: input.search ?? null }, async () => {
    const at = now();
    let page: OrderDoc[];
    if (input.search && ORDER_ID.test(input.search)) {
      const one = await findOrder(ctx.db, input.search);
      page = one ? [one] : [];
    } else {
      const scope = input.search ? { memberId: input.search } : {};
      page = await listOrders(ctx.db, scope, input.filter, input.limit + 1, decodeCursor(input.cursor));
    }
    const shown = page.slice(0, input.limit);
    const [refunds, names] = await Promise.all([
      refundsOf(ctx.db, shown),
      nicknamesOf(
        ctx.db,
        shown.map((o) => o.memberId),
      ),
    ]);
    return ok({
      orders: shown.map((o) => toAdminOrderView(o, refunds.get(o._id) ?? null, names.get(o.memberId) ?? '', at)),
      nextCursor: page.length > input.limit ? encodeCursor(cursorAfter(shown[shown.length - 1], 'createdAt')) : null,
    });
  });
}

/** `admin.refundQueue`: open requests oldest first (the order they should be handled in), or everything recent. */
export function refundQueue(ctx: ActionContext, input: RefundQueueInput): Promise<Result<{ refunds: AdminRefundView[] }, 'FORBIDDEN'>> {
  return asStaff(ctx, 'orders.view', 'refunds.list', { status: input.status }, async () => {
    const at = now();
    const refunds = await listRefunds(ctx.db, input.status, REFUND_QUEUE_LIMIT);
    const [orders, names] = await Promise.all([
      ordersByIds(
        ctx.db,
        refunds.map((r) => r.orderId),
      ),
      nicknamesOf(
        ctx.db,
        refunds.map((r) => r.memberId),
      ),
    ]);
    const views = refunds.flatMap((r) => {
      const order = orders.get(r.orderId);
      return order ? [toAdminRefundView(r, order, names.get(r.memberId) ?? '', at)] : [];
    });
    return ok({ refunds: views });
  });
}
