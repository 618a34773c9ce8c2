import type { AdminOrderView, AdminRefundView, CheckoutCoupon, CheckoutQuote, OrderLineView, OrderView, PayStart, RefundView } from '@/services/contracts';

// jest only: the shop function's and the admin orders' answers. Amounts are what a server would
// send; the client must show them as they are (nothing here is meant to add up by itself).

export const orderLine = (over: Partial<OrderLineView> = {}): OrderLineView => ({
  productId: 'p-beans',
  name: '保山小粒咖啡豆 250g',
  image: 'cloud://env/beans.png',
  qty: 2,
  unitPriceFen: 8800,
  listPriceFen: 9800,
  lineFen: 17600,
  ...over,
});

export const checkoutCoupon = (over: Partial<CheckoutCoupon> = {}): CheckoutCoupon => ({
  id: 'c-10',
  title: '10 元代金券',
  valueFen: 1000,
  minSpendFen: 5000,
  expiresAt: '2025-03-31T15:59:59.000Z',
  usable: true,
  reason: null,
  ...over,
});

export const quote = (over: Partial<CheckoutQuote> = {}): CheckoutQuote => ({
  lines: [orderLine()],
  tier: 'buyer',
  tierName: '已购会员',
  subtotalFen: 17600,
  discountFen: 1000,
  payFen: 16600,
  couponId: 'c-10',
  coupons: [checkoutCoupon(), checkoutCoupon({ id: 'c-50', title: '50 元代金券', valueFen: 5000, minSpendFen: 30000, usable: false, reason: '满¥300.00可用' })],
  pointsPreview: 199,
  ...over,
});

export const refundView = (over: Partial<RefundView> = {}): RefundView => ({
  _id: 'Rord_1',
  status: 'requested',
  statusText: '退款审核中',
  reason: '包装破损',
  amountFen: 16600,
  requestedAt: '2025-03-05T02:00:00.000Z',
  decidedAt: null,
  rejectReason: null,
  refundedAt: null,
  ...over,
});

export const orderView = (over: Partial<OrderView> = {}): OrderView => ({
  _id: 'ord_1',
  status: 'pending_payment',
  statusText: '待付款',
  tier: 'buyer',
  tierName: '已购会员',
  lines: [orderLine()],
  subtotalFen: 17600,
  discountFen: 1000,
  payFen: 16600,
  coupon: { id: 'c-10', title: '10 元代金券', valueFen: 1000 },
  createdAt: '2025-03-04T06:00:00.000Z',
  expiresAt: '2025-03-04T06:30:00.000Z',
  paidAt: null,
  closedAt: null,
  pointsEarned: null,
  pointsReversed: null,
  history: [{ event: 'created', text: '已下单', at: '2025-03-04T06:00:00.000Z' }],
  refund: null,
  canPay: true,
  canCancel: true,
  canRequestRefund: false,
  ...over,
});

/** The same order once paid and its points credited. */
export const paidOrder = (over: Partial<OrderView> = {}): OrderView =>
  orderView({
    status: 'paid',
    statusText: '已付款',
    paidAt: '2025-03-04T06:05:00.000Z',
    pointsEarned: 199,
    history: [
      { event: 'created', text: '已下单', at: '2025-03-04T06:00:00.000Z' },
      { event: 'paid', text: '支付成功', at: '2025-03-04T06:05:00.000Z' },
    ],
    canPay: false,
    canCancel: false,
    canRequestRefund: true,
    ...over,
  });

export const payStart = (orderId = 'ord_1'): PayStart => ({
  orderId,
  outTradeNo: orderId,
  payment: { timeStamp: '1741068000', nonceStr: 'n0nce', package: 'prepay_id=wx0001', signType: 'MD5', paySign: 'S1GN' },
});

export const adminOrder = (over: Partial<AdminOrderView> = {}): AdminOrderView => ({
  ...paidOrder(),
  memberId: 'demo-buyer',
  memberNickname: '林夕',
  transactionId: 'wxpay-0001',
  ...over,
});

export const adminRefund = (over: Partial<AdminRefundView> = {}): AdminRefundView => ({
  ...refundView(),
  orderId: 'ord_1',
  memberId: 'demo-buyer',
  memberNickname: '林夕',
  restock: true,
  decidedBy: null,
  order: {
    status: 'paid',
    statusText: '退款中',
    payFen: 16600,
    lines: [orderLine()],
    paidAt: '2025-03-04T06:05:00.000Z',
    pointsEarned: 199,
  },
  ...over,
});
