import Taro from '@tarojs/taro';
import { orderErrorText } from '@/utils/order-error-text';
import { useShopStore } from '@/packages/shop/store';
import { openCashier, openOrder } from './shop-routes';

// Paying for an order, from checkout (right after it is placed) or from the order's page (去支付).
// The server gives the payment parameters (shop.pay); WeChat takes the money (Taro.requestPayment)
// and tells the server by itself, so afterwards the order is read until it says paid. In a browser
// there is no WeChat: the emulator's cashier page stands in for it.

/** Where the payment was started: a checkout is left for the order's page, whatever happens. */
export type PayFrom = 'checkout' | 'order';

export async function payForOrder(orderId: string, from: PayFrom): Promise<void> {
  const store = useShopStore.getState();
  const start = await store.startPay(orderId);
  if (!start.ok) {
    void Taro.showToast({ title: orderErrorText(start.error), icon: 'none', duration: 2500 });
    // The order exists either way: its page says what it is now (paid meanwhile, expired, ...).
    if (from === 'checkout') openOrder(orderId, { replace: true });
    else void store.loadOrder(orderId);
    return;
  }

  // Inline platform test, so the weapp build drops the cashier (see utils/runtime-env.ts).
  if (process.env.TARO_ENV === 'h5') {
    openCashier(orderId, start.data.outTradeNo, { replace: from === 'checkout' });
    return;
  }

  const outcome = await store.requestWeChatPayment(start.data.payment);
  if (outcome !== 'paid') {
    void Taro.showToast({ title: outcome === 'cancelled' ? '已取消支付' : '支付未完成，可在订单中重新支付', icon: 'none', duration: 2500 });
    if (from === 'checkout') openOrder(orderId, { replace: true });
    return;
  }

  void Taro.showLoading({ title: '正在确认支付结果', mask: true });
  const order = await store.waitUntilPaid(orderId);
  void Taro.hideLoading();
  if (order?.status === 'paid') void Taro.showToast({ title: '支付成功', icon: 'success' });
  else void Taro.showToast({ title: '支付结果确认中，请稍后刷新订单', icon: 'none', duration: 2500 });
  if (from === 'checkout') openOrder(orderId, { replace: true });
}
