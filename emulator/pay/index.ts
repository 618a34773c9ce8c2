import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../openapi/http-json';
import { isMultipart, readMultipartForm } from '../openapi/multipart-form';
import type { EmulatorContext, EmulatorModule } from '../types';
import { payControl } from './control-routes';
import { closeOrder, queryOrder, unifiedOrder, type PayDeps } from './orders';
import type { PayReply } from './pay-replies';
import { PaymentStore } from './payment-store';
import { queryRefund, refund } from './refunds';

const APIS: Record<string, (body: Record<string, unknown>, deps: PayDeps) => PayReply> = {
  unifiedOrder,
  queryOrder,
  closeOrder,
  refund,
  queryRefund,
};

/**
 * `cloud.cloudPay.*` stand-in: orders are recorded and paid through /control/payments, which
 * delivers WeChat's payment notification to the order's callback function.
 */
export function createPayModule(ctx: EmulatorContext): EmulatorModule {
  const deps: PayDeps = { ctx, store: new PaymentStore(ctx.dataDir) };
  return {
    name: 'pay',
    async http(req, res, url) {
      if (req.method === 'POST' && url.pathname === '/admin' && isMultipart(req)) return handlePayPost(req, res, deps);
      if (url.pathname.startsWith('/control/')) return payControl(req, res, url, deps);
      return false;
    },
  };
}

/**
 * `action=wx.wxPayApi`: `apiName` is the bare method name (`unifiedOrder`) and `requestData` the
 * snake_cased JSON of the arguments. The answer is that JSON back; the SDK camelCases it.
 */
async function handlePayPost(req: IncomingMessage, res: ServerResponse, deps: PayDeps): Promise<boolean> {
  let reply: unknown;
  try {
    const form = await readMultipartForm(req);
    if (form.text('action') !== 'wx.wxPayApi') return false;
    const apiName = form.text('apiName') ?? '';
    deps.ctx.countRequest(`cloudPay.${apiName}`);
    const api = Object.hasOwn(APIS, apiName) ? APIS[apiName] : undefined;
    let body: unknown;
    try {
      body = JSON.parse(form.text('requestData') ?? '');
    } catch {
      body = undefined;
    }
    if (!api) {
      // A Tencent Cloud style error; the SDK throws it as errCode -501007 naming the API.
      reply = { code: 'INVALID_PARAM', message: `cloudPay.${apiName} is not emulated (emulated: ${Object.keys(APIS).join(', ')})` };
    } else if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      reply = { code: 'INVALID_PARAM', message: 'requestData is not a JSON object' };
    } else {
      reply = api(body as Record<string, unknown>, deps);
    }
  } catch (err) {
    if (err instanceof HttpError) {
      res.writeHead(err.status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(err.message);
      return true;
    }
    deps.ctx.log(`pay: request failed: ${err instanceof Error ? err.stack : String(err)}`);
    reply = { code: 'SYS_ERR', message: `emulator internal error: ${err instanceof Error ? err.message : String(err)}` };
  }
  const text = JSON.stringify(reply);
  // Deliberately not `application/json; charset=utf-8`: with exactly that type the SDK parses the
  // body itself and then rejects any answer that is not an error ("unknown response").
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
  return true;
}
