import { z } from 'zod';
import { action } from '@core/platform/router';
import { joinInputSchema, profileInputSchema } from '@core/members/member.rules';
import { join, listPersonas, openApp, updateProfile } from '@core/members/member.usecases';
import { myLadder } from '@core/ladder/ladder.usecases';
import { memberCentre } from '@core/members/member-centre.usecases';

const empty = z.object({}).strict();

export const memberActions = {
  open: action(empty, (ctx) => openApp(ctx)),
  join: action(joinInputSchema.strict(), (ctx, input) => join(ctx, input)),
  updateProfile: action(profileInputSchema.strict(), (ctx, input) => updateProfile(ctx, input)),
  listPersonas: action(empty, (ctx) => listPersonas(ctx)),
  ladder: action(empty, (ctx) => myLadder(ctx)),
  centre: action(empty, (ctx) => memberCentre(ctx)),
};
