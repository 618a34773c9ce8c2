import { cloud } from '../shared/cloud';
import { createMain } from '@core/platform/entry';
import { referralActions } from './actions';

/** Shares and referrals: a member's cards, the visits they bring, and what they achieved. */
export const main = createMain(cloud, referralActions);
