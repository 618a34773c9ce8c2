import { action } from '@core/platform/router';
import { influenceInput, posterInput, shareInput, visitInput } from '@core/referrals/referrals.inputs';
import { myInfluence } from '@core/referrals/referrals.influence';
import { posterFor } from '@core/referrals/referrals.poster';
import type { MiniProgramCodes } from '@core/referrals/poster.port';
import { createShare, recordVisit } from '@core/referrals/referrals.usecases';

/** Shares, visits, posters and "my influence". The sharer, the visitor and the member are always the caller. */
export function referralActions(codes: MiniProgramCodes) {
  return {
    share: action(shareInput, (ctx, input) => createShare(ctx, input)),
    visit: action(visitInput, (ctx, input) => recordVisit(ctx, input)),
    poster: action(posterInput, (ctx, input) => posterFor(ctx, codes, input)),
    influence: action(influenceInput, (ctx) => myInfluence(ctx)),
  };
}
