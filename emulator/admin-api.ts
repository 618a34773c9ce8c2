import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { DbError } from './db/errors';
import { EjsonError } from './db/ejson';
import { HttpError, readJson, sendJson } from './http-util';
import { faultReply, type FaultInjector } from './faults';
import type { ActionHandler } from './types';

/**
 * POST /admin: the endpoint the SDK's requests are redirected to. Every reply is HTTP 200 JSON;
 * failures carry `code` and `message`, which the SDK turns into the errCode/errMsg a function sees.
 */
/** SDK requests received, by action: the round trips an operation costs (benchmarks read it). */
export type ActionCounts = Record<string, number>;

export async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  actions: Record<string, ActionHandler>,
  counts: ActionCounts = {},
  faults?: FaultInjector,
): Promise<void> {
  const requestId = randomBytes(8).toString('hex');
  let body: Record<string, unknown>;
  try {
    body = await readJson(req);
  } catch (e) {
    sendJson(res, 200, { code: 'INVALID_PARAM', message: (e as Error).message, requestId });
    return;
  }
  const action = body.action;
  if (typeof action === 'string') counts[action] = (counts[action] ?? 0) + 1;
  const handler = typeof action === 'string' ? actions[action] : undefined;
  if (!handler) {
    sendJson(res, 200, { code: 'INVALID_ACTION', message: `unknown action ${JSON.stringify(action)}: the emulator does not implement it`, requestId });
    return;
  }
  const fault = faults?.match(body) ?? null;
  if (fault?.timing === 'before') {
    sendJson(res, 200, { ...faultReply(fault, body), requestId });
    return;
  }
  try {
    const reply = (await handler(body, req)) as Record<string, unknown>;
    // Applied, but the caller never hears so: a crash right after the write.
    if (fault) sendJson(res, 200, { ...faultReply(fault, body), requestId });
    else sendJson(res, 200, { ...reply, requestId });
  } catch (e) {
    sendJson(res, 200, { ...toErrorReply(e), requestId });
  }
}

export function toErrorReply(e: unknown): { code: string; message: string } {
  if (e instanceof DbError) return { code: e.code, message: e.message };
  if (e instanceof EjsonError) return { code: 'INVALID_PARAM', message: e.message };
  if (e instanceof HttpError) return { code: 'INVALID_PARAM', message: e.message };
  if (e && typeof e === 'object' && 'code' in e && 'message' in e && typeof (e as { code: unknown }).code === 'string') {
    return { code: (e as { code: string }).code, message: String((e as { message: unknown }).message) };
  }
  // A bug in the emulator: answer in the SDK's shape rather than crash, and say so.
  return { code: 'SYS_ERR', message: `emulator internal error: ${(e as Error)?.message ?? String(e)}` };
}
