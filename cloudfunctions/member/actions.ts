import { action } from '@core/platform/router';
import { emptyInput as empty } from '@core/platform/inputs';
import { joinInputSchema, profileInputSchema } from '@core/members/member.rules';
import { listPersonas, openApp, updateProfile } from '@core/members/member.usecases';
import { myLadder } from '@core/ladder/ladder.usecases';
import { join } from '@core/journeys/join.usecases';
import { memberCentre } from '@core/journeys/member-centre.usecases';
import { mineInput, subscribeInput, templatesInput } from '@core/notify/notify.inputs';
import { mySubscriptions, noticeTemplates, subscribe } from '@core/notify/notify.usecases';

export const memberActions = {
  open: action(empty, (ctx) => openApp(ctx)),
  join: action(joinInputSchema.strict(), (ctx, input) => join(ctx, input)),
  updateProfile: action(profileInputSchema.strict(), (ctx, input) => updateProfile(ctx, input)),
  listPersonas: action(empty, (ctx) => listPersonas(ctx)),
  ladder: action(empty, (ctx) => myLadder(ctx)),
  centre: action(empty, (ctx) => memberCentre(ctx)),
  // Subscription messages: what the member accepted on a tap, what they will still receive, the template ids to ask for.
  notifySubscribe: action(subscribeInput, (ctx, input) => subscribe(ctx, input)),
  notifyMine: action(mineInput, (ctx) => mySubscriptions(ctx)),
  notifyTemplates: action(templatesInput, (ctx) => noticeTemplates(ctx)),
};
