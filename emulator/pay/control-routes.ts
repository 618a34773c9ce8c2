import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, handleJsonRoute, methodNotAllowed, readJsonObject, sendJson } from '../openapi/http-json';
import type { PayDeps } from './orders';
import { confirmPayment, confirmRefund, failPayment } from './settle';

/**
 * /control/payments and /control/refunds: list what functions ordered, and play the user's and
 * WeChat's part (pay, fail, settle a refund).
 */
export async function payControl(req: IncomingMessage, res: ServerResponse, url: URL, deps: PayDeps): Promise<boolean> {
  const path = url.pathname.replace(/\/+$/, '');
  const method = req.method ?? 'GET';
  const segments = path.split('/').slice(1); // ['control', 'payments', ...]
  const kind = segments[1];
  if (segments[0] !== 'control' || (kind !== 'payments' && kind !== 'refunds') || segments.length > 4) return false;

  return handleJsonRoute(res, async () => {
    const id = segments[2] === undefined ? undefined : decodeSegment(segments[2]);
    const verb = segments[3];
    if (kind === 'payments') {
      if (id === undefined) {
        if (method === 'GET') return sendJson(res, 200, { payments: deps.store.listPayments() });
        if (method === 'DELETE') return sendJson(res, 200, { cleared: deps.store.clear() });
        throw methodNotAllowed(method, path);
      }
      if (verb === undefined) {
        if (method !== 'GET') throw methodNotAllowed(method, path);
        const payment = deps.store.payment(id);
        if (!payment) throw new HttpError(404, `no payment with outTradeNo ${id}`);
        return sendJson(res, 200, { payment, refunds: deps.store.refundsOf(id) });
      }
      if (method !== 'POST') throw methodNotAllowed(method, path);
      if (verb === 'confirm') return sendJson(res, 200, await confirmPayment(deps, id, await readJsonObject(req)));
      if (verb === 'fail') return sendJson(res, 200, await failPayment(deps, id, await readJsonObject(req)));
      throw new HttpError(404, `unknown payment action ${verb}: use confirm or fail`);
    }
    if (id === undefined) {
      if (method === 'GET') return sendJson(res, 200, { refunds: deps.store.listRefunds() });
      throw methodNotAllowed(method, path);
    }
    if (verb === undefined) {
      if (method !== 'GET') throw methodNotAllowed(method, path);
      const refund = deps.store.refund(id);
      if (!refund) throw new HttpError(404, `no refund ${id}`);
      return sendJson(res, 200, { refund });
    }
    if (method !== 'POST') throw methodNotAllowed(method, path);
    if (verb === 'confirm') return sendJson(res, 200, await confirmRefund(deps, id, await readJsonObject(req)));
    throw new HttpError(404, `unknown refund action ${verb}: use confirm`);
  });
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, `bad path segment ${segment}`);
  }
}
