import type { CloudError } from '@/services/cloud-result';
import { errorTextFor } from './error-text';
import type { OrdersErrorCode } from '@core/orders/orders.errors';

// What a customer reads for the shop's refusals. The server's message names the product, the
// coupon or the state; these fixed sentences are for when it does not say it in Chinese. Only the
// shop and admin subpackages import this, so none of it ships in the main package.
//
// Keyed by the orders area's error catalog (a code added there is a compile error until it has its
// text), but PAYMENT_MISMATCH, which only the payment notification handler sees. NOT_A_MEMBER is the
// platform's, worded here for buying.
type ShopRefusal = Exclude<OrdersErrorCode, 'PAYMENT_MISMATCH'>;

const ORDER_ERROR_TEXT = {
  NOT_A_MEMBER: '加入会员后即可下单',
  ORDER_OUT_OF_STOCK: '商品库存不足，请调整数量',
  ORDER_PRODUCT_UNAVAILABLE: '部分商品已下架或暂不可购买',
  COUPON_UNUSABLE: '该优惠券不可用，请换一张',
  ORDER_NOT_PAYABLE: '订单已无法支付，请刷新查看最新状态',
  ORDER_NOT_CANCELLABLE: '订单已无法取消，请刷新查看最新状态',
  PAYMENT_UNAVAILABLE: '暂时无法发起支付，请稍后重试',
  REFUND_NOT_ALLOWED: '该订单暂不能申请退款',
  REFUND_ALREADY_DECIDED: '该退款申请已处理',
  REQUEST_ID_REUSED: '订单信息已变化，请返回重新结算',
} satisfies Record<ShopRefusal | 'NOT_A_MEMBER', string>;

export const orderErrorText = (error: CloudError | null | undefined): string => errorTextFor(error, ORDER_ERROR_TEXT);
