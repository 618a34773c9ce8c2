import type { EmulatorContext, RequestCaller } from '../types';
import type { MediaChecks } from './media-checks';
import type { Outbox } from './outbox';
import { mediaCheckAsync } from './security/media-check';
import type { MediaForcedVerdicts } from './security/media-forced';
import { msgSecCheck } from './security/msg-sec-check';
import type { ForcedResults } from './security/forced-results';
import { subscribeMessageSend } from './subscribe-message';
import { WxApiError, errorAnswer, type OpenApiAnswer, type OpenApiCall } from './wire';
import { getUnlimited } from './wxacode';

export interface OpenApiState {
  ctx: EmulatorContext;
  outbox: Outbox;
  forced: ForcedResults;
  mediaChecks: MediaChecks;
  mediaForced: MediaForcedVerdicts;
}

type Handler = (args: Record<string, unknown>, state: OpenApiState) => Promise<OpenApiAnswer> | OpenApiAnswer;

const HANDLERS: Record<string, Handler> = {
  'security.msgSecCheck': (args, s) => msgSecCheck(args, s.forced),
  'security.mediaCheckAsync': (args, s) => mediaCheckAsync(args, { ctx: s.ctx, checks: s.mediaChecks, forced: s.mediaForced }),
  'subscribeMessage.send': (args, s) => subscribeMessageSend(args, s.outbox, s.ctx.clock),
  'wxacode.getUnlimited': (args, s) => getUnlimited(args, s.ctx.h5BaseUrl()),
};

export const EMULATED_APIS = Object.keys(HANDLERS);

/**
 * Runs one open-API call; every failure becomes a WeChat-style error answer, never a crash. A call
 * from a function's invocation needs the API listed under permissions.openapi in its config.json,
 * as WeChat requires for cloud calls; a call from outside any invocation (a test, a script) is let
 * through.
 */
export async function dispatchOpenApi(call: OpenApiCall, state: OpenApiState, caller: RequestCaller | null = null): Promise<OpenApiAnswer> {
  const handler = Object.hasOwn(HANDLERS, call.apiName) ? HANDLERS[call.apiName] : undefined;
  if (!handler) {
    // What WeChat answers when a function calls an API it has not declared; the message names
    // the API so the developer sees at once which call is not available locally.
    return errorAnswer(
      new WxApiError(-604101, `function has no permission to call this API: ${call.apiName} is not emulated (emulated: ${EMULATED_APIS.join(', ')})`),
    );
  }
  if (caller && !caller.openapi.includes(call.apiName)) {
    return errorAnswer(
      new WxApiError(
        -604101,
        `function has no permission to call this API: ${call.apiName} is not listed under permissions.openapi in ${caller.functionName}/config.json`,
      ),
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
