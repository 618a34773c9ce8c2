/** Stored orders and refunds to what the client receives: ISO times, zh-CN texts, what the member may do now. */
import { TIER_NAMES } from '../members/tiers';
import type { AdminOrderView, AdminRefundView, OrderDoc, OrderHistoryEntry, OrderView, RefundDoc, RefundView } from './orders.model';
import { canCancel, canPay, refundRequestProblem } from './order.rules';

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null | undefined) => (d ? iso(d) : null);

const STATUS_TEXT: Record<OrderDoc['status'], string> = {
  pending_payment: '待付款',
  paid: '已付款',
  closed: '已关闭',
  refunded: '已退款',
};

const REFUND_STATUS_TEXT: Record<RefundDoc['status'], string> = {
  requested: '退款审核中',
  rejected: '退款被驳回',
  approved: '退款已同意，款项原路退回中',
  refunded: '退款已到账',
};

const HISTORY_TEXT: Record<string, string> = {
  created: '已下单',
  paid: '支付成功',
  closed_expired: '订单已关闭（超时未支付）',
  closed_cancelled: '订单已取消',
  refund_requested: '申请退款',
  refund_rejected: '退款被驳回',
  refund_approved: '退款已同意',
  refunded: '退款已到账',
};

export function orderStatusText(order: Pick<OrderDoc, 'status'>, refund: Pick<RefundDoc, 'status'> | null): string {
  if (order.status === 'paid' && refund?.status === 'requested') return '退款审核中';
  return STATUS_TEXT[order.status];
}

function historyView(h: OrderHistoryEntry) {
  return { event: h.event, text: h.note ? `${HISTORY_TEXT[h.event] ?? h.event}：${h.note}` : (HISTORY_TEXT[h.event] ?? h.event), at: iso(h.at) };
}

export function toRefundView(r: RefundDoc): RefundView {
  return {
    _id: r._id,
    status: r.status,
    statusText: REFUND_STATUS_TEXT[r.status],
    reason: r.reason,
    amountFen: r.amountFen,
    requestedAt: iso(r.requestedAt),
    decidedAt: isoOrNull(r.decidedAt),
    rejectReason: r.rejectReason,
    refundedAt: isoOrNull(r.refundedAt),
  };
}

export function toOrderView(o: OrderDoc, refund: RefundDoc | null, at: Date): OrderView {
  return {
    _id: o._id,
    status: o.status,
    statusText: orderStatusText(o, refund),
    tier: o.tier,
    tierName: TIER_NAMES[o.tier],
    lines: o.lines.map((l) => ({ ...l })),
    subtotalFen: o.subtotalFen,
    discountFen: o.discountFen,
    payFen: o.payFen,
    coupon: o.coupon,
    createdAt: iso(o.createdAt),
    expiresAt: iso(o.expiresAt),
    paidAt: isoOrNull(o.paidAt),
    closedAt: isoOrNull(o.closedAt),
    pointsEarned: o.pointsEarned,
    pointsReversed: o.pointsReversed ?? null,
    history: o.history.map(historyView),
    refund: refund ? toRefundView(refund) : null,
    canPay: canPay(o, at),
    canCancel: canCancel(o),
    canRequestRefund: refundRequestProblem(o, refund, at) === null,
  };
}

export function toAdminOrderView(o: OrderDoc, refund: RefundDoc | null, nickname: string, at: Date): AdminOrderView {
  return { ...toOrderView(o, refund, at), memberId: o.memberId, memberNickname: nickname, transactionId: o.transactionId };
}

export function toAdminRefundView(r: RefundDoc, o: OrderDoc, nickname: string, at: Date): AdminRefundView {
  const order = toOrderView(o, r, at);
  return {
    ...toRefundView(r),
    orderId: r.orderId,
    memberId: r.memberId,
    memberNickname: nickname,
    restock: r.restock,
    decidedBy: r.decidedBy,
    order: {
      status: order.status,
      statusText: order.statusText,
      payFen: order.payFen,
      lines: order.lines,
      paidAt: order.paidAt,
      pointsEarned: order.pointsEarned,
    },
  };
}
