import { action } from '@core/platform/router';
import { influenceInput, shareInput, visitInput } from '@core/referrals/referrals.inputs';
import { myInfluence } from '@core/referrals/referrals.influence';
import { createShare, recordVisit } from '@core/referrals/referrals.usecases';

/** Shares, visits and "my influence". The sharer, the visitor and the member are always the caller. */
export const referralActions = {
  share: action(shareInput, (ctx, input) => createShare(ctx, input)),
  visit: action(visitInput, (ctx, input) => recordVisit(ctx, input)),
  influence: action(influenceInput, (ctx) => myInfluence(ctx)),
};
