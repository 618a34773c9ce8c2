import { action } from '@core/platform/router';
import { perkShareTargets } from '@core/perks/perks.share-targets';
import { influenceInput, posterInput, shareInput, visitInput } from '@core/referrals/referrals.inputs';
import { myInfluence } from '@core/referrals/referrals.influence';
import { posterFor } from '@core/referrals/referrals.poster';
import type { MiniProgramCodes } from '@core/referrals/poster.port';
import { createShare, recordVisit } from '@core/referrals/referrals.usecases';

/**
 * Shares, visits, posters and "my influence". The sharer, the visitor and the member are always
 * the caller. A card may point at a perk: the perks area says which are open (perks sit above
 * referrals, so it is passed in here rather than imported there).
 */
export function referralActions(codes: MiniProgramCodes) {
  return {
    share: action(shareInput, (ctx, input) => createShare(ctx, input, perkShareTargets)),
    visit: action(visitInput, (ctx, input) => recordVisit(ctx, input)),
    poster: action(posterInput, (ctx, input) => posterFor(ctx, codes, input, perkShareTargets)),
    influence: action(influenceInput, (ctx) => myInfluence(ctx)),
  };
}
