import { action } from '@core/platform/router';
import { emptyInput as empty } from '@core/platform/inputs';
import { auditInput, auditLog, grantInput, grantRole, overview, revokeInput, revokeRole, staffList } from '@core/admin/admin.usecases';
import { kocLeaderboard } from '@core/admin/koc-leaderboard.usecases';
import { findMembersInput } from '@core/admin/member-search.rules';
import { findMembers } from '@core/admin/member-search.usecases';
import {
  feedbackConfig,
  ladderConfig,
  referralConfig,
  updateFeedbackConfig,
  updateFeedbackConfigInput,
  updateLadderConfig,
  updateLadderConfigInput,
  updateReferralConfig,
  updateReferralConfigInput,
} from '@core/admin/settings-admin.usecases';
import { adjustPoints, adjustPointsInput } from '@core/points/points.admin';
import { productsList, productsListInput, saveProduct, saveProductInput, setProductStatus, setProductStatusInput } from '@core/catalog/catalog.admin';
import { rewardsList, rewardsListInput, saveReward, saveRewardInput, setRewardStatus, setRewardStatusInput } from '@core/rewards/rewards.admin';

import { adminOrdersInput, decideRefundInput, refundQueueInput } from '@core/orders/orders.inputs';
import { ordersList, refundQueue } from '@core/orders/orders.admin';
import { decideRefund } from '@core/orders/orders.refunds';
import type { PaymentGateway } from '@core/orders/payment.port';

import { perksList, perksListInput, savePerk, savePerkInput, setPerkStatus, setPerkStatusInput } from '@core/perks/perks.admin';
import { decideFlagInput, flaggedReferralsInput, kocLeaderboardInput } from '@core/referrals/referrals.inputs';
import { decideFlag, flaggedReferrals } from '@core/referrals/referrals.admin';
import {
  adminDraw,
  adminDrawInput,
  adminDraws,
  adminDrawsInput,
  cancelDraw,
  cancelDrawInput,
  createDraw,
  createDrawInput,
  drawNow,
} from '@core/draws/draws.admin';

import type { FeedbackPorts } from '@core/feedback/content.port';
import { boardInput, mergeInput, moderateInput, postIdInput, queueInput, replyInput, rewardInput, setStatusInput } from '@core/feedback/feedback.inputs';
import {
  feedbackStats,
  mergePost,
  moderatePost,
  moderationQueue,
  planningBoard,
  replyToPost,
  rewardPost,
  setPostStatus,
  staffPost,
} from '@core/feedback/feedback.admin';

export const adminActions = (pay: PaymentGateway, content: FeedbackPorts) => ({
  overview: action(empty, (ctx) => overview(ctx)),
  listStaff: action(empty, (ctx) => staffList(ctx)),
  findMembers: action(findMembersInput, (ctx, input) => findMembers(ctx, input)),
  grantRole: action(grantInput.strict(), (ctx, input) => grantRole(ctx, input)),
  revokeRole: action(revokeInput.strict(), (ctx, input) => revokeRole(ctx, input)),
  auditLog: action(auditInput.strict(), (ctx, input) => auditLog(ctx, input)),
  ladderConfig: action(empty, (ctx) => ladderConfig(ctx)),
  updateLadderConfig: action(updateLadderConfigInput, (ctx, input) => updateLadderConfig(ctx, input)),
  rewardsList: action(rewardsListInput, (ctx) => rewardsList(ctx)),
  saveReward: action(saveRewardInput, (ctx, input) => saveReward(ctx, input)),
  setRewardStatus: action(setRewardStatusInput, (ctx, input) => setRewardStatus(ctx, input)),
  adjustPoints: action(adjustPointsInput, (ctx, input) => adjustPoints(ctx, input)),
  productsList: action(productsListInput, (ctx) => productsList(ctx)),
  saveProduct: action(saveProductInput, (ctx, input) => saveProduct(ctx, input)),
  setProductStatus: action(setProductStatusInput, (ctx, input) => setProductStatus(ctx, input)),
  ordersList: action(adminOrdersInput, (ctx, input) => ordersList(ctx, input)),
  refundQueue: action(refundQueueInput, (ctx, input) => refundQueue(ctx, input)),
  decideRefund: action(decideRefundInput, (ctx, input) => decideRefund(ctx, pay, input)),
  perksList: action(perksListInput, (ctx) => perksList(ctx)),
  savePerk: action(savePerkInput, (ctx, input) => savePerk(ctx, input)),
  setPerkStatus: action(setPerkStatusInput, (ctx, input) => setPerkStatus(ctx, input)),
  kocLeaderboard: action(kocLeaderboardInput, (ctx, input) => kocLeaderboard(ctx, input)),
  flaggedReferrals: action(flaggedReferralsInput, (ctx) => flaggedReferrals(ctx)),
  decideFlag: action(decideFlagInput, (ctx, input) => decideFlag(ctx, input)),
  referralConfig: action(empty, (ctx) => referralConfig(ctx)),
  updateReferralConfig: action(updateReferralConfigInput, (ctx, input) => updateReferralConfig(ctx, input)),
  drawsList: action(adminDrawsInput, (ctx) => adminDraws(ctx)),
  drawDetail: action(adminDrawInput, (ctx, input) => adminDraw(ctx, input)),
  createDraw: action(createDrawInput, (ctx, input) => createDraw(ctx, input)),
  cancelDraw: action(cancelDrawInput, (ctx, input) => cancelDraw(ctx, input)),
  drawNow: action(adminDrawInput, (ctx, input) => drawNow(ctx, input)),
  feedbackQueue: action(queueInput, (ctx, input) => moderationQueue(ctx, content, input)),
  feedbackPost: action(postIdInput, (ctx, input) => staffPost(ctx, content, input)),
  moderateFeedback: action(moderateInput, (ctx, input) => moderatePost(ctx, input)),
  replyFeedback: action(replyInput, (ctx, input) => replyToPost(ctx, input)),
  setFeedbackStatus: action(setStatusInput, (ctx, input) => setPostStatus(ctx, input)),
  mergeFeedback: action(mergeInput, (ctx, input) => mergePost(ctx, input)),
  rewardFeedback: action(rewardInput, (ctx, input) => rewardPost(ctx, input)),
  feedbackBoard: action(boardInput, (ctx, input) => planningBoard(ctx, content, input)),
  feedbackStats: action(empty, (ctx) => feedbackStats(ctx)),
  feedbackConfig: action(empty, (ctx) => feedbackConfig(ctx)),
  updateFeedbackConfig: action(updateFeedbackConfigInput, (ctx, input) => updateFeedbackConfig(ctx, input)),
});
