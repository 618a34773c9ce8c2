import { cloud } from '../shared/cloud';
import { createJobsMain } from '@core/platform/entry';
import { cloudPayGateway } from '../shared/pay';
import { cloudMessages } from '../shared/messages';
import { jobsTable } from './actions';

/** Scheduled work (timer triggers in config.json). Calls from the mini-program are refused. */
export const main = createJobsMain(cloud, jobsTable(cloudPayGateway, cloudMessages));
