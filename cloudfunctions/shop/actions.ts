import { action } from '@core/platform/router';
import { catalog, catalogInput, product, productInput } from '@core/catalog/catalog.usecases';
import { createOrder, quote } from '@core/orders/orders.checkout';
import { cancelOrder } from '@core/orders/orders.closing';
import { createOrderInput, myOrdersInput, orderIdInput, quoteInput, requestRefundInput } from '@core/orders/orders.inputs';
import { startPayment } from '@core/orders/orders.payment';
import { requestRefund } from '@core/orders/orders.refunds';
import { myOrder, myOrders } from '@core/orders/orders.usecases';
import type { PaymentGateway } from '@core/orders/payment.port';

/** The shop as customers see it. Prices come from the server at the caller's tier; inputs are strict. */
export function shopActions(pay: PaymentGateway) {
  return {
    catalog: action(catalogInput, (ctx) => catalog(ctx)),
    product: action(productInput, (ctx, input) => product(ctx, input)),
    quote: action(quoteInput, (ctx, input) => quote(ctx, input)),
    createOrder: action(createOrderInput, (ctx, input) => createOrder(ctx, input)),
    pay: action(orderIdInput, (ctx, input) => startPayment(ctx, pay, input.orderId)),
    cancelOrder: action(orderIdInput, (ctx, input) => cancelOrder(ctx, pay, input.orderId)),
    order: action(orderIdInput, (ctx, input) => myOrder(ctx, input.orderId)),
    myOrders: action(myOrdersInput, (ctx, input) => myOrders(ctx, input)),
    requestRefund: action(requestRefundInput, (ctx, input) => requestRefund(ctx, input)),
  };
}
