import { action } from '@core/platform/router';
import { drawShareTargets } from '@core/draws/draws.share-targets';
import { perkShareTargets } from '@core/perks/perks.share-targets';
import type { ShareTargets } from '@core/referrals/share-targets.port';
import { influenceInput, posterInput, shareInput, visitInput } from '@core/referrals/referrals.inputs';
import { myInfluence } from '@core/referrals/referrals.influence';
import { posterFor } from '@core/referrals/referrals.poster';
import type { MiniProgramCodes } from '@core/referrals/poster.port';
import { createShare, recordVisit } from '@core/referrals/referrals.usecases';

/**
 * Shares, visits, posters and "my influence". The sharer, the visitor and the member are always
 * the caller. A card may point at a perk or a draw: those areas say which may be shared (they sit
 * above referrals, so they are passed in here rather than imported there).
 */
const targets: ShareTargets = { ...perkShareTargets, ...drawShareTargets };
export function referralActions(codes: MiniProgramCodes) {
  return {
    share: action(shareInput, (ctx, input) => createShare(ctx, input, targets)),
    visit: action(visitInput, (ctx, input) => recordVisit(ctx, input)),
    poster: action(posterInput, (ctx, input) => posterFor(ctx, codes, input, targets)),
    influence: action(influenceInput, (ctx) => myInfluence(ctx)),
  };
}
