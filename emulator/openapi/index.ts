import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext, EmulatorModule } from '../types';
import { openApiControl } from './control-routes';
import { dispatchOpenApi, type OpenApiState } from './dispatch';
import { HttpError } from './http-json';
import { isMultipart, readMultipartForm } from './multipart-form';
import { MediaChecks } from './media-checks';
import { Outbox } from './outbox';
import { ForcedResults } from './security/forced-results';
import { MediaForcedVerdicts } from './security/media-forced';
import { WxApiError, decodeOpenApiCall, encodeAnswer, errorAnswer } from './wire';

/**
 * `cloud.openapi.*` stand-ins: content security checks (text at once; images asynchronously, the
 * verdict pushed to the message-push function), subscription messages into an outbox, and
 * mini-program codes as QR PNGs. Calls arrive as multipart POSTs on /admin with
 * `action=wx.openApi`; the answer is a protobuf `CommOpenApiResp`.
 */
export function createOpenApiModule(ctx: EmulatorContext): EmulatorModule {
  const state: OpenApiState = {
    ctx,
    outbox: new Outbox(ctx.dataDir),
    forced: new ForcedResults(),
    mediaChecks: new MediaChecks(ctx),
    mediaForced: new MediaForcedVerdicts(),
  };

  return {
    name: 'openapi',
    async http(req, res, url) {
      if (req.method === 'POST' && url.pathname === '/admin' && isMultipart(req)) {
        return handleOpenApiPost(req, res, state);
      }
      if (url.pathname.startsWith('/control/')) return openApiControl(req, res, url, state);
      return false;
    },
    close: () => state.mediaChecks.close(),
  };
}

async function handleOpenApiPost(req: IncomingMessage, res: ServerResponse, state: OpenApiState): Promise<boolean> {
  let answer;
  try {
    const form = await readMultipartForm(req);
    if (form.text('action') !== 'wx.openApi') return false; // e.g. wx.wxPayApi, for the pay module
    const apiName = form.text('apiName') ?? '';
    state.ctx.countRequest(`openapi.${apiName}`);
    const requestData = form.parts.get('requestData') ?? Buffer.alloc(0);
    let call;
    try {
      call = decodeOpenApiCall(apiName, requestData);
    } catch (err) {
      throw new WxApiError(47001, `data format error: requestData is not a CommApiData message (${(err as Error).message})`);
    }
    answer = await dispatchOpenApi(call, state, state.ctx.callerOf(req));
  } catch (err) {
    if (err instanceof HttpError) {
      // A body the SDK would never send; a plain HTTP error is the honest answer.
      res.writeHead(err.status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(err.message);
      return true;
    }
    answer = errorAnswer(err instanceof WxApiError ? err : new WxApiError(-1, `system error: ${(err as Error).message}`));
  }
  const body = encodeAnswer(answer);
  // Not `application/json; charset=utf-8`: the SDK JSON-parses bodies with exactly that type
  // (its path for Tencent Cloud errors); protobuf answers must come as bytes.
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
  res.end(body);
  return true;
}
