import { z } from 'zod';
import { action } from '@core/platform/router';
import { historyInput, myHistory, mySummary } from '@core/points/points.actions';

const empty = z.object({}).strict();

export const pointsActions = {
  summary: action(empty, (ctx) => mySummary(ctx)),
  history: action(historyInput, (ctx, input) => myHistory(ctx, input)),
};
