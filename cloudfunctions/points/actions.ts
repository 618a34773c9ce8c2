import { action } from '@core/platform/router';
import { emptyInput as empty } from '@core/platform/inputs';
import { historyInput, myHistory, mySummary } from '@core/points/points.actions';
import { couponsForMe, couponsInput, redeemForMe, redeemInput, rewardsForMe, rewardsInput } from '@core/rewards/rewards.actions';

export const pointsActions = {
  summary: action(empty, (ctx) => mySummary(ctx)),
  history: action(historyInput, (ctx, input) => myHistory(ctx, input)),
  rewards: action(rewardsInput, (ctx) => rewardsForMe(ctx)),
  redeem: action(redeemInput, (ctx, input) => redeemForMe(ctx, input)),
  coupons: action(couponsInput, (ctx, input) => couponsForMe(ctx, input)),
};
