/**
 * The body of the `payment` function, which WeChat Pay notifies (unifiedOrder's and refund's
 * `functionName`). WeChat calls it as the system, with no OPENID, so a call with an OPENID (a
 * member calling the function from the mini-program) is refused at once. A call without one is
 * not proof of WeChat either: other functions, HTTP access routes, API keys and unauthenticated
 * access also arrive without an OPENID. So the handlers believe nothing the event says until
 * WeChat Pay's own record (queryOrder / queryRefund) says the same, and the deployment keeps
 * clients away from this function (README, "Deploying to WeChat Cloud").
 */
import type { CloudLike } from '../platform/entry';
import type { Database } from '../platform/database';
import { handlePaymentNotification } from './orders.payment';
import { handleRefundNotification } from './orders.refunds';
import { retryLater, type NotificationAck, type NotificationLog } from './notification-ack';
import type { PaymentGateway, PaymentNotification, RefundNotification } from './payment.port';

export function paymentCallbackMain(cloud: CloudLike, pay: PaymentGateway, log: NotificationLog = console): (event: unknown) => Promise<NotificationAck> {
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
      return retryLater();
    }
  };
}
