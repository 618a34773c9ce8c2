import { cloud } from '../shared/cloud';
import { createMain } from '@core/platform/entry';
import { perksActions } from './actions';

/** Perks that unlock when friends genuinely join (and buy) through the member's cards. */
export const main = createMain(cloud, perksActions);
