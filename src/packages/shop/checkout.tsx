import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { StatePage } from '@/components/page-state/page-state';
import { QtyStepper } from '@/components/qty-stepper/qty-stepper';
import { ROUTES, openPage, routeParam } from '@/routes';
import type { CloudError } from '@/services/cloud-result';
import type { CartLineInput, CheckoutQuote } from '@/services/contracts';
import { orderErrorText } from '@/utils/order-error-text';
import { MAX_QTY_PER_LINE, cartLinesInput, clampQty, useAppStore } from '@/store';
import { type CheckoutSource, useShopStore } from '@/packages/shop/store';
import { formatFen } from '@/utils/money';
import { CouponPicker } from './coupon-picker';
import { OrderAmounts } from './order-amounts';
import { OrderLines } from './order-lines';
import { payForOrder } from './pay-flow';
import { openOrder } from './shop-routes';
import './shop.scss';

interface CheckoutRequest {
  source: CheckoutSource;
  lines: CartLineInput[];
}

/** `?buy=<productId>&qty=<n>` (立即购买) or `?from=cart` (the whole cart, as it is now). */
function readRequest(): CheckoutRequest {
  const buy = routeParam('buy');
  if (buy) return { source: 'buy_now', lines: [{ productId: buy, qty: clampQty(Number(routeParam('qty')) || 1) }] };
  return { source: 'cart', lines: cartLinesInput(useAppStore.getState().cartLines) };
}

/** Refusals the person fixes elsewhere (the cart, the product): retrying the same quote would not help. */
const FIX_ELSEWHERE: ReadonlySet<string> = new Set(['ORDER_OUT_OF_STOCK', 'ORDER_PRODUCT_UNAVAILABLE', 'VALIDATION_FAILED', 'NOT_FOUND']);

/**
 * 确认订单: the server's quote of the lines (unit prices at my tier, coupons usable or not, discount,
 * 实付, points to earn), then 提交订单: one order per checkout (its requestId is reused on every
 * retry), and the payment starts at once.
 */
export default function CheckoutPage() {
  const [request] = useState(readRequest);
  const startCheckout = useShopStore((state) => state.startCheckout);
  const requote = useShopStore((state) => state.requoteCheckout);
  const status = useShopStore.use.quoteStatus();
  const quote = useShopStore.use.quote();
  const error = useShopStore.use.quoteError();
  const checkout = useShopStore.use.checkout();

  useEffect(() => {
    if (request.lines.length > 0) void startCheckout(request.source, request.lines);
  }, [request, startCheckout]);

  if (request.lines.length === 0) {
    return (
      <StatePage
        kind="empty"
        testId="checkout-empty"
        title="没有要结算的商品"
        description="先把喜欢的商品加入购物车吧。"
        actionText="去逛逛"
        onAction={() => openPage(ROUTES.catalog)}
      />
    );
  }
  if (checkout?.orderId) {
    // Placed: the payment took over (or failed to start); the order's page is the way on.
    const orderId = checkout.orderId;
    return (
      <StatePage
        kind="notice"
        testId="checkout-submitted"
        title="订单已提交"
        description="可在订单详情中完成支付。"
        actionText="查看订单"
        onAction={() => openOrder(orderId, { replace: true })}
      />
    );
  }
  if (status === 'error' && error) return <QuoteError error={error} source={request.source} onRetry={() => void requote()} />;
  if (!quote) {
    return <StatePage kind="loading" testId="checkout-loading" title="正在计算价格…" />;
  }
  return <QuoteView quote={quote} source={request.source} />;
}

function QuoteError({ error, source, onRetry }: { error: CloudError; source: CheckoutSource; onRetry: () => void }) {
  const action =
    error.code === 'NOT_A_MEMBER'
      ? { actionText: '加入会员', onAction: () => openPage(ROUTES.member) }
      : FIX_ELSEWHERE.has(error.code)
        ? { actionText: source === 'cart' ? '返回购物车修改' : '返回商品', onAction: () => void Taro.navigateBack() }
        : { actionText: '重试', onAction: onRetry };
  return (
    <StatePage
      kind="error"
      testId="checkout-error"
      title={error.code === 'NOT_A_MEMBER' ? '加入会员即可购买' : '暂时无法结算'}
      description={orderErrorText(error)}
      {...action}
    />
  );
}

function QuoteView({ quote, source }: { quote: CheckoutQuote; source: CheckoutSource }) {
  const quoting = useShopStore.use.quoteStatus() !== 'ready';
  const submitStatus = useShopStore.use.submitStatus();
  const submitError = useShopStore.use.submitError();
  const setCheckoutQty = useShopStore((state) => state.setCheckoutQty);
  const chooseCoupon = useShopStore((state) => state.chooseCoupon);
  const submitOrder = useShopStore((state) => state.submitOrder);
  const removeCartLines = useShopStore((state) => state.removeCartLines);
  const sending = submitStatus === 'sending';
  // No answer to the last submission: the order may exist as shown, so nothing changes until it is resubmitted.
  const unknown = submitStatus === 'unknown';

  const submit = async () => {
    const result = await submitOrder();
    if (!result?.ok) return;
    const { order } = result.data;
    // Bought: those lines leave the cart. A buy-now leaves the cart as it was.
    if (source === 'cart') removeCartLines(order.lines.map((line) => line.productId));
    await payForOrder(order._id, 'checkout');
  };

  const appliedCoupon = quote.coupons.find((coupon) => coupon.id === quote.couponId) ?? null;

  return (
    <View className="page checkout-page" data-testid="checkout" data-quoting={quoting ? 'true' : 'false'}>
      <View className="card">
        <View className="shop-section__head">
          <Text className="shop-section__title">商品</Text>
          <Text className="shop-section__hint" data-testid="checkout-tier">
            按{quote.tierName}价结算
          </Text>
        </View>
        <OrderLines
          lines={quote.lines}
          testId="checkout-line"
          qtySlot={
            source === 'buy_now'
              ? (line) => (
                  <QtyStepper
                    value={line.qty}
                    max={MAX_QTY_PER_LINE}
                    disabled={quoting || submitStatus !== 'idle'}
                    onChange={(qty) => void setCheckoutQty(line.productId, qty)}
                    testId="checkout-qty"
                  />
                )
              : undefined
          }
        />
      </View>

      <View className="card">
        <View className="shop-section__head">
          <Text className="shop-section__title">优惠券</Text>
          <Text className="shop-section__hint">{appliedCoupon ? `已选：${appliedCoupon.title}` : '未使用'}</Text>
        </View>
        <CouponPicker
          coupons={quote.coupons}
          appliedId={quote.couponId}
          onChoose={(id) => void chooseCoupon(id)}
          disabled={quoting || submitStatus !== 'idle'}
        />
      </View>

      <OrderAmounts
        subtotalFen={quote.subtotalFen}
        discountFen={quote.discountFen}
        payFen={quote.payFen}
        testIds={{ subtotal: 'checkout-total', discount: 'checkout-discount', pay: 'checkout-pay-amount' }}
      >
        {quote.pointsPreview > 0 ? (
          <Text className="amounts__points" data-testid="checkout-points">
            预计获得 {quote.pointsPreview} 积分
          </Text>
        ) : null}
      </OrderAmounts>

      {submitError ? (
        <View className="shop-error" data-testid="checkout-submit-error" data-code={submitError.code}>
          <Text>
            {orderErrorText(submitError)}
            {unknown ? '。订单可能已提交，可再次提交，不会重复下单。' : ''}
          </Text>
          {submitError.code === 'NOT_A_MEMBER' ? (
            <Text className="shop-error__action" onClick={() => openPage(ROUTES.member)} data-testid="checkout-join">
              去加入会员 ›
            </Text>
          ) : null}
        </View>
      ) : null}

      <View className="shop-bar">
        <View className="shop-bar__text">
          <Text className="shop-bar__main">
            实付 <Text className="amounts__pay">{formatFen(quote.payFen)}</Text>
          </Text>
        </View>
        <Button type="primary" loading={sending} disabled={quoting || sending} onClick={() => void submit()} data-testid="checkout-submit">
          {unknown ? '重新提交' : '提交订单'}
        </Button>
      </View>
    </View>
  );
}
