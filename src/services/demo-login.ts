import { callFunction } from './cloud';
import type { DemoPersona } from './contracts';
import { type CloudResult, networkFailure } from './cloud-result';
import { postToGateway } from './gateway-http';
import { clearSession, type GatewaySession, saveSession } from './session-token';

// h5 only: the local emulator's dev login. A person either takes a seeded demo persona's openid or
// becomes a brand-new customer; WeChat does this by itself on weapp, where none of this exists.

async function requestSession(openid?: string): Promise<CloudResult<GatewaySession>> {
  const reply = await postToGateway('/gateway/login', openid ? { openid } : {});
  if (reply.kind !== 'ok') return networkFailure();
  const body = reply.body as Partial<GatewaySession> | null;
  if (!body || typeof body.token !== 'string' || typeof body.openid !== 'string') return networkFailure();
  return { ok: true, data: { token: body.token, openid: body.openid } };
}

/** Becomes `openid` (a persona) or, without one, a brand-new customer; remembers the session. */
export async function startSession(openid?: string): Promise<CloudResult<GatewaySession>> {
  const result = await requestSession(openid);
  if (result.ok) saveSession(result.data);
  return result;
}

export function endSession(): void {
  clearSession();
}

/**
 * The seeded personas. Listing them is itself a function call, so it runs under a throwaway
 * anonymous session that is never stored.
 */
export async function listDemoPersonas(): Promise<CloudResult<{ personas: DemoPersona[] }>> {
  const throwaway = await requestSession();
  if (!throwaway.ok) return throwaway;
  return callFunction('member', 'listPersonas', {}, { sessionToken: throwaway.data.token });
}
