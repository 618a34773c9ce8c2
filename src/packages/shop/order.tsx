import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Dialog } from '@nutui/nutui-react-taro';
import { StatePage } from '@/components/page-state/page-state';
import { ROUTES, routeParam } from '@/routes';
import type { OrderView, RefundView } from '@/services/contracts';
import { orderErrorText } from '@/utils/order-error-text';
import { useShopStore } from '@/packages/shop/store';
import { useOrder } from './use-order';
import { formatLocalDateTime } from '@/utils/date';
import { formatFen } from '@/utils/money';
import { OrderAmounts } from './order-amounts';
import { OrderLines } from './order-lines';
import { payBeforeText, statusTone } from '@/utils/order-text';
import { OrderTimeline } from './order-timeline';
import { payForOrder } from './pay-flow';
import { RefundForm } from './refund-form';
import './shop.scss';
import './order.scss';

/** 我要吐槽 about this order (吐槽中心 links the post to it; only the member and staff see which order). */
const openFeedback = (orderId: string) => void Taro.navigateTo({ url: `${ROUTES.feedbackNew}?orderId=${encodeURIComponent(orderId)}` });

/** 订单详情 (`?id=`): status, lines, amounts, points, what happened, the refund; what may be done is the server's say. */
export default function OrderPage() {
  const [orderId] = useState(() => routeParam('id'));
  const { order, status, error, placeholder } = useOrder(orderId, 'order');

  if (!orderId || (status === 'error' && error?.code === 'NOT_FOUND')) {
    return <StatePage kind="empty" testId="order-not-found" title="订单不存在" description="请在我的订单中查看。" />;
  }
  if (placeholder || !order) return placeholder;
  return <OrderDetail order={order} />;
}

function OrderDetail({ order }: { order: OrderView }) {
  const [refunding, setRefunding] = useState(false);
  const pending = order.status === 'pending_payment';

  return (
    <View className="page order-page" data-testid="order-detail" data-order-id={order._id}>
      <View className={`order-head order-head--${statusTone(order.status)}`}>
        <Text className="order-head__status" data-testid="order-status" data-status={order.status}>
          {order.statusText}
        </Text>
        {order.source?.kind === 'draw' ? (
          <Text className="order-head__hint" data-testid="order-draw-source">
            抽签中签：{order.source.title}
          </Text>
        ) : null}
        {pending && order.canPay ? (
          <Text className="order-head__hint" data-testid="order-expiry">
            {payBeforeText(order.expiresAt)}，超时订单将自动关闭
          </Text>
        ) : null}
        {order.pointsEarned !== null ? (
          <Text className="order-head__hint" data-testid="order-points">
            {order.pointsReversed !== null ? `已扣回 ${order.pointsReversed} 积分` : `已获得 ${order.pointsEarned} 积分`}
          </Text>
        ) : null}
      </View>

      <View className="card">
        <View className="shop-section__head">
          <Text className="shop-section__title">商品</Text>
          <Text className="shop-section__hint">{order.tierName}价</Text>
        </View>
        <OrderLines lines={order.lines} testId="order-line" />
      </View>

      <OrderAmounts
        subtotalFen={order.subtotalFen}
        discountFen={order.discountFen}
        payFen={order.payFen}
        payLabel={order.paidAt ? '实付' : '应付'}
        testIds={{ subtotal: 'order-subtotal', discount: 'order-discount', pay: 'order-pay-amount' }}
        couponNote={
          order.coupon ? (
            <Text className="amounts__note" data-testid="order-coupon">
              {order.coupon.title}（抵扣 {formatFen(order.coupon.valueFen)}）
            </Text>
          ) : null
        }
      />

      {order.refund ? <RefundBlock refund={order.refund} /> : null}
      {refunding && order.canRequestRefund ? <RefundForm orderId={order._id} onDone={() => setRefunding(false)} /> : null}

      <View className="card order-facts">
        <Text className="order-facts__line" data-testid="order-number">
          订单号 {order._id}
        </Text>
        <Text className="order-facts__line">下单时间 {formatLocalDateTime(order.createdAt)}</Text>
        {order.paidAt ? <Text className="order-facts__line">支付时间 {formatLocalDateTime(order.paidAt)}</Text> : null}
        {order.closedAt ? <Text className="order-facts__line">关闭时间 {formatLocalDateTime(order.closedAt)}</Text> : null}
        {order.status === 'paid' || order.status === 'refunded' ? (
          <Text className="order-facts__line order-facts__feedback" onClick={() => openFeedback(order._id)} data-testid="order-feedback">
            对这笔订单有意见？反馈问题 ›
          </Text>
        ) : null}
      </View>

      <View className="card">
        <Text className="shop-section__title">订单动态</Text>
        <OrderTimeline history={order.history} />
      </View>

      <OrderActions order={order} refunding={refunding} onRefund={() => setRefunding(true)} />
    </View>
  );
}

function RefundBlock({ refund }: { refund: RefundView }) {
  return (
    <View className="card refund-block" data-testid="order-refund-block" data-status={refund.status}>
      <View className="shop-section__head">
        <Text className="shop-section__title">退款</Text>
        <Text className={`order-status order-status--${refund.status === 'rejected' ? 'warn' : 'ok'}`} data-testid="order-refund-status">
          {refund.statusText}
        </Text>
      </View>
      <Text className="refund-block__line" data-testid="order-refund-reason">
        退款原因：{refund.reason}
      </Text>
      <Text className="refund-block__line">退款金额：{formatFen(refund.amountFen)}</Text>
      <Text className="refund-block__line">申请时间：{formatLocalDateTime(refund.requestedAt)}</Text>
      {refund.rejectReason ? (
        <Text className="refund-block__line refund-block__line--rejected" data-testid="order-refund-reject-reason">
          驳回原因：{refund.rejectReason}
        </Text>
      ) : null}
      {refund.refundedAt ? <Text className="refund-block__line">退款到账：{formatLocalDateTime(refund.refundedAt)}</Text> : null}
    </View>
  );
}

/** The buttons the server allows now (canPay, canCancel, canRequestRefund), nothing else. */
function OrderActions({ order, refunding, onRefund }: { order: OrderView; refunding: boolean; onRefund: () => void }) {
  const action = useShopStore.use.orderAction();
  const cancelOrder = useShopStore((state) => state.cancelOrder);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const busy = action?.orderId === order._id;
  const showRefund = order.canRequestRefund && !refunding;

  if (!order.canPay && !order.canCancel && !showRefund) return null;

  const cancel = async () => {
    const result = await cancelOrder(order._id);
    setConfirmingCancel(false);
    void Taro.showToast(result.ok ? { title: '订单已取消', icon: 'success' } : { title: orderErrorText(result.error), icon: 'none', duration: 2500 });
  };

  return (
    <View className="shop-bar order-actions">
      {order.canCancel ? (
        <Button fill="outline" disabled={busy} onClick={() => setConfirmingCancel(true)} data-testid="order-cancel">
          取消订单
        </Button>
      ) : null}
      {showRefund ? (
        <Button fill="outline" disabled={busy} onClick={onRefund} data-testid="order-refund">
          申请退款
        </Button>
      ) : null}
      {order.canPay ? (
        <Button
          type="primary"
          loading={action?.orderId === order._id && action.kind === 'pay'}
          disabled={busy}
          onClick={() => void payForOrder(order._id, 'order')}
          data-testid="order-pay"
        >
          去支付 {formatFen(order.payFen)}
        </Button>
      ) : null}
      <Dialog
        visible={confirmingCancel}
        title="取消订单"
        onClose={() => !busy && setConfirmingCancel(false)}
        content={<Text data-testid="order-cancel-dialog">取消后订单将关闭，使用的优惠券将退回。确定取消吗？</Text>}
        footer={
          <>
            <Button
              className="nut-dialog-footer-cancel"
              size="large"
              disabled={busy}
              onClick={() => setConfirmingCancel(false)}
              data-testid="order-cancel-keep"
            >
              再想想
            </Button>
            <Button
              className="nut-dialog-footer-ok"
              type="primary"
              size="large"
              loading={busy}
              onClick={() => void cancel()}
              data-testid="order-cancel-confirm"
            >
              确定取消
            </Button>
          </>
        }
      />
    </View>
  );
}
