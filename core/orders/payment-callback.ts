/**
 * The body of the `payment` function, which WeChat Pay notifies (unifiedOrder's and refund's
 * `functionName`). WeChat calls it as the system, with no OPENID; a mini-program call always has
 * one, so a member cannot forge a "paid" notification by calling the function themselves.
 */
import type { CloudLike } from '../platform/entry';
import type { Database } from '../platform/database';
import { handlePaymentNotification, type NotificationAck } from './orders.payment';
import { handleRefundNotification } from './orders.refunds';
import type { PaymentGateway, PaymentNotification, RefundNotification } from './payment.port';

export function paymentCallbackMain(cloud: CloudLike, pay: PaymentGateway, log: { error(m: string, e?: unknown): void } = console): (event: unknown) => Promise<NotificationAck> {
  let db: Database | undefined;
  return async (event) => {
    db ??= cloud.database() as Database;
    if (cloud.getWXContext().OPENID) return { errcode: 403, errmsg: '仅接受微信支付的系统通知' };
    if (!event || typeof event !== 'object') return { errcode: 1, errmsg: 'bad notification' };
    try {
      if ('reqInfo' in event) return await handleRefundNotification({ db, pay }, event as RefundNotification, log);
      return await handlePaymentNotification({ db, pay }, event as PaymentNotification, log);
    } catch (e) {
      // Not acknowledged: WeChat delivers it again later, and the handlers are idempotent.
      log.error('payment notification failed', e);
      return { errcode: 1, errmsg: 'retry later' };
    }
  };
}
