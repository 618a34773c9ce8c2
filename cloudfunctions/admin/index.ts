import { cloud } from '../shared/cloud';
import { createMain } from '@core/platform/entry';
import { cloudPayGateway } from '../shared/pay';
import { cloudContent } from '../shared/content';
import { adminActions } from './actions';

/** The staff area: every action checks the caller's role on the server and is audited. */
export const main = createMain(cloud, adminActions(cloudPayGateway, cloudContent));
