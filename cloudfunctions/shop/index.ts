import { cloud } from '../shared/cloud';
import { createMain } from '@core/platform/entry';
import { shopActions } from './actions';

/** The shop: catalog and product pages at the caller's member price. */
export const main = createMain(cloud, shopActions);
