import { action } from '@core/platform/router';
import { emptyInput } from '@core/platform/inputs';
import { claimPerk, claimPerkInput, myPerks } from '@core/perks/perks.usecases';

/** Share-to-unlock perks for the member: progress from genuine friend joins, and claiming. */
export const perksActions = {
  list: action(emptyInput, (ctx) => myPerks(ctx)),
  claim: action(claimPerkInput, (ctx, input) => claimPerk(ctx, input)),
};
