import { cloud } from '../shared/cloud';
import { cloudPayGateway } from '../shared/pay';
import { paymentCallbackMain } from '@core/orders/payment-callback';
import { refused } from '@core/orders/notification-ack';
import { eventBoundsProblem } from '@core/platform/event-bounds';

const notified = paymentCallbackMain(cloud, cloudPayGateway);

/**
 * WeChat Pay's notifications (payment and refund results). Only the system may call it. A
 * notification is a small flat object: an event beyond the router's bounds (64 KiB, 20 levels,
 * `$` or dotted keys) is not one, so it is refused (acknowledged, nothing changed) before anything reads it.
 */
export const main = async (event: unknown) => {
  const problem = eventBoundsProblem(event);
  if (!problem) return notified(event);
  console.error(`payment notification refused: ${problem.kind} out of bounds`);
  return refused();
};
