import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OpenApiState } from './dispatch';
import { HttpError, handleJsonRoute, methodNotAllowed, readJsonObject, sendJson } from './http-json';
import type { MediaCheckStatus } from './media-checks';

const BASE = '/control/openapi/media-check';
const STATUSES: readonly MediaCheckStatus[] = ['pending', 'delivering', 'delivered', 'failed', 'kept'];

/**
 * Control routes for security.mediaCheckAsync (README-modules.md lists them with their bodies):
 * force verdicts, hold or release the pushes, deliver waiting verdicts now, list the checks, and
 * choose the message-push function.
 */
export async function mediaCheckControl(req: IncomingMessage, res: ServerResponse, path: string, url: URL, state: OpenApiState): Promise<boolean> {
  const method = req.method ?? 'GET';
  const checks = state.mediaChecks;

  if (path === '/control/openapi/message-push') {
    return handleJsonRoute(res, async () => {
      if (method === 'POST') checks.setPush(await readJsonObject(req));
      else if (method !== 'GET') throw methodNotAllowed(method, path);
      sendJson(res, 200, checks.settings());
    });
  }
  if (path !== BASE && !path.startsWith(`${BASE}/`)) return false;

  return handleJsonRoute(res, async () => {
    if (path === BASE) {
      if (method !== 'GET') throw methodNotAllowed(method, path);
      const counts = Object.fromEntries(STATUSES.map((s) => [s, checks.list({ status: s }).length]));
      return sendJson(res, 200, { ...checks.settings(), forced: state.mediaForced.status(), counts });
    }
    if (path === `${BASE}/force`) {
      if (method === 'POST') return sendJson(res, 200, { forced: state.mediaForced.set(await readJsonObject(req)) });
      if (method === 'DELETE') {
        state.mediaForced.clear();
        return sendJson(res, 200, { forced: state.mediaForced.status() });
      }
      if (method === 'GET') return sendJson(res, 200, { forced: state.mediaForced.status() });
      throw methodNotAllowed(method, path);
    }
    if (path === `${BASE}/mode`) {
      if (method !== 'POST') throw methodNotAllowed(method, path);
      checks.setDelivery(await readJsonObject(req));
      return sendJson(res, 200, checks.settings());
    }
    if (path === `${BASE}/deliver`) {
      if (method !== 'POST') throw methodNotAllowed(method, path);
      const body = await readJsonObject(req);
      return sendJson(res, 200, { delivered: await checks.deliver(traceIdsOf(body)) });
    }
    if (path === `${BASE}/checks`) {
      if (method === 'DELETE') return sendJson(res, 200, { cleared: checks.clear() });
      if (method !== 'GET') throw methodNotAllowed(method, path);
      const q = url.searchParams;
      const status = q.get('status') ?? undefined;
      if (status !== undefined && !STATUSES.includes(status as MediaCheckStatus)) throw new HttpError(400, `status must be one of ${STATUSES.join(', ')}`);
      return sendJson(res, 200, { checks: checks.list({ status, openid: q.get('openid') ?? undefined, traceId: q.get('traceId') ?? undefined }) });
    }
    if (path.startsWith(`${BASE}/checks/`)) {
      if (method !== 'GET') throw methodNotAllowed(method, path);
      const traceId = decodeURIComponent(path.slice(`${BASE}/checks/`.length));
      const check = checks.get(traceId);
      if (!check) throw new HttpError(404, `no media check with trace_id ${traceId}`);
      return sendJson(res, 200, { check });
    }
    throw new HttpError(404, `no route ${method} ${path}`);
  });
}

/** `{traceId}` or `{traceIds: [...]}` chooses; neither: every waiting verdict. */
function traceIdsOf(body: Record<string, unknown>): string[] | undefined {
  const { traceId, traceIds } = body;
  if (traceId !== undefined && traceIds !== undefined) throw new HttpError(400, 'give traceId or traceIds, not both');
  if (traceId !== undefined) {
    if (typeof traceId !== 'string' || !traceId) throw new HttpError(400, 'traceId must be a trace_id string');
    return [traceId];
  }
  if (traceIds !== undefined) {
    if (!Array.isArray(traceIds) || traceIds.length === 0 || traceIds.some((t) => typeof t !== 'string' || !t)) {
      throw new HttpError(400, 'traceIds must be a non-empty array of trace_id strings');
    }
    return traceIds as string[];
  }
  return undefined;
}
