import { cloud } from '../shared/cloud';
import { createMain } from '@core/platform/entry';
import { pointsActions } from './actions';

/** Points: balance, what expires when, history; rewards and coupons. */
export const main = createMain(cloud, pointsActions);
