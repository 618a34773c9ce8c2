import { cloud } from '../shared/cloud';
import { createMain } from '@core/platform/entry';
import { drawsActions } from './actions';

/** Limited-release draws for members: the list, entering, 我的抽签 and the published proof anyone can check. */
export const main = createMain(cloud, drawsActions);
