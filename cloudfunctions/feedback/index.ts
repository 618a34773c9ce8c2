import { cloud } from '../shared/cloud';
import { createMain } from '@core/platform/entry';
import { cloudContent } from '../shared/content';
import { feedbackActions } from './actions';

/** 吐槽中心 for members: every post passes WeChat's text check here; images are checked asynchronously (the `events` function receives the verdicts). */
export const main = createMain(cloud, feedbackActions(cloudContent));
