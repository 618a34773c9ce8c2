import { cloud } from '../shared/cloud';
import { cloudPayGateway } from '../shared/pay';
import { createMain } from '@core/platform/entry';
import { shopActions } from './actions';

/** The shop: catalog, product pages and checkout at the caller's member price; orders, payment and refund requests. */
export const main = createMain(cloud, shopActions(cloudPayGateway));
