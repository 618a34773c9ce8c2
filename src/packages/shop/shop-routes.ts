import Taro from '@tarojs/taro';
import { ROUTES } from '@/routes';

// The shop pages that take parameters. Kept in the subpackage: only its own pages open them.

const orderUrl = (orderId: string) => `${ROUTES.order}?id=${encodeURIComponent(orderId)}`;

/** 订单详情. `replace`: instead of the current page (a finished checkout or cashier is not gone back to). */
export function openOrder(orderId: string, { replace = false }: { replace?: boolean } = {}): void {
  const url = orderUrl(orderId);
  void (replace ? Taro.redirectTo({ url }) : Taro.navigateTo({ url }));
}

/** h5 only: 收银台 of the emulator's simulated WeChat Pay. */
export function openCashier(orderId: string, outTradeNo: string, { replace = false }: { replace?: boolean } = {}): void {
  const url = `${ROUTES.cashier}?id=${encodeURIComponent(orderId)}&trade=${encodeURIComponent(outTradeNo)}`;
  void (replace ? Taro.redirectTo({ url }) : Taro.navigateTo({ url }));
}
