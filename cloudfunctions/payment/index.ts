import { cloud } from '../shared/cloud';
import { cloudPayGateway } from '../shared/pay';
import { paymentCallbackMain } from '@core/orders/payment-callback';

/** WeChat Pay's notifications (payment and refund results). Only the system may call it. */
export const main = paymentCallbackMain(cloud, cloudPayGateway);
