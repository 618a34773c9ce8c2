import type { EmulatorContext } from '../types';
import type { Outbox } from './outbox';
import { msgSecCheck } from './security/msg-sec-check';
import type { ForcedResults } from './security/forced-results';
import { subscribeMessageSend } from './subscribe-message';
import { WxApiError, errorAnswer, type OpenApiAnswer, type OpenApiCall } from './wire';
import { getUnlimited } from './wxacode';

export interface OpenApiState {
  ctx: EmulatorContext;
  outbox: Outbox;
  forced: ForcedResults;
}

type Handler = (args: Record<string, unknown>, state: OpenApiState) => Promise<OpenApiAnswer> | OpenApiAnswer;

const HANDLERS: Record<string, Handler> = {
  'security.msgSecCheck': (args, s) => msgSecCheck(args, s.forced),
  'subscribeMessage.send': (args, s) => subscribeMessageSend(args, s.outbox, s.ctx.clock),
  'wxacode.getUnlimited': (args, s) => getUnlimited(args, s.ctx.h5BaseUrl()),
};

export const EMULATED_APIS = Object.keys(HANDLERS);

/** Runs one open-API call; every failure becomes a WeChat-style error answer, never a crash. */
export async function dispatchOpenApi(call: OpenApiCall, state: OpenApiState): Promise<OpenApiAnswer> {
  const handler = HANDLERS[call.apiName];
  if (!handler) {
    // What WeChat answers when a function calls an API it has not declared; the message names
    // the API so the developer sees at once which call is not available locally.
    return errorAnswer(
      new WxApiError(-604101, `function has no permission to call this API: ${call.apiName} is not emulated (emulated: ${EMULATED_APIS.join(', ')})`),
    );
  }
  try {
    return await handler(call.args, state);
  } catch (err) {
    if (err instanceof WxApiError) return errorAnswer(err);
    state.ctx.log(`openapi ${call.apiName} failed: ${err instanceof Error ? err.stack : String(err)}`);
    return errorAnswer(new WxApiError(-1, `system error: ${err instanceof Error ? err.message : String(err)}`));
  }
}
