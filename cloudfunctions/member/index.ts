import { cloud } from '../shared/cloud';
import { createMain } from '@core/platform/entry';
import { memberActions } from './actions';

/** Member identity: first open, joining membership, profile. */
export const main = createMain(cloud, memberActions);
