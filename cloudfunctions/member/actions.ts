import { action } from '@core/platform/router';
import { emptyInput as empty } from '@core/platform/inputs';
import { joinInputSchema, profileInputSchema } from '@core/members/member.rules';
import { listPersonas, openApp, updateProfile } from '@core/members/member.usecases';
import { myLadder } from '@core/ladder/ladder.usecases';
import { join } from '@core/journeys/join.usecases';
import { memberCentre } from '@core/journeys/member-centre.usecases';

export const memberActions = {
  open: action(empty, (ctx) => openApp(ctx)),
  join: action(joinInputSchema.strict(), (ctx, input) => join(ctx, input)),
  updateProfile: action(profileInputSchema.strict(), (ctx, input) => updateProfile(ctx, input)),
  listPersonas: action(empty, (ctx) => listPersonas(ctx)),
  ladder: action(empty, (ctx) => myLadder(ctx)),
  centre: action(empty, (ctx) => memberCentre(ctx)),
};
