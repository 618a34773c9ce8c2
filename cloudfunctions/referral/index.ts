import { cloud } from '../shared/cloud';
import { cloudCodes } from '../shared/wxacode';
import { createMain } from '@core/platform/entry';
import { referralActions } from './actions';

/** Shares and referrals: a member's cards and posters, the visits they bring, and what they achieved. */
export const main = createMain(cloud, referralActions(cloudCodes));
