import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

/**
 * The H5 gateway's sessions: a signed `{openid, exp}` the dev login issues and every gateway
 * route (function calls, client uploads) checks. Shared through the emulator's context so the
 * storage module's upload route authenticates exactly as /gateway/call does.
 */
export class GatewaySessions {
  constructor(private readonly secret: Buffer = randomBytes(32)) {}

  issue(openid: string): string {
    const payload = Buffer.from(JSON.stringify({ openid, exp: Date.now() + SESSION_TTL_MS })).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  verify(token: string): string | null {
    const [payload, mac] = token.split('.');
    if (!payload || !mac) return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const { openid, exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { openid: string; exp: number };
    return exp > Date.now() ? openid : null;
  }

  /** The OPENID of `Authorization: Bearer <token>`, or null when absent, forged or expired. */
  openidOf(authorization: string | undefined): string | null {
    const auth = authorization ?? '';
    return auth.startsWith('Bearer ') ? this.verify(auth.slice(7)) : null;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
