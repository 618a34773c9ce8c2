import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FunctionError } from './functions/runner';
import { allowCors, HttpError, readJson, sendJson } from './http-util';
import type { EmulatorContext, EmulatorModule } from './types';

const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The H5 build's way in, standing in for WeChat's own login: a dev login issues a signed session
 * for a chosen OPENID (a demo persona) or a new random one, and calls carry it. It exists only in
 * the emulator; the weapp build uses wx.cloud.callFunction, where WeChat supplies the OPENID.
 */
export function createGatewayModule(ctx: EmulatorContext, secret: Buffer = randomBytes(32)): EmulatorModule {
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');
  const issue = (openid: string) => {
    const payload = Buffer.from(JSON.stringify({ openid, exp: Date.now() + SESSION_TTL_MS })).toString('base64url');
    return `${payload}.${sign(payload)}`;
  };
  const verify = (token: string): string | null => {
    const [payload, mac] = token.split('.');
    if (!payload || !mac) return null;
    const expected = Buffer.from(sign(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const { openid, exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { openid: string; exp: number };
    return exp > Date.now() ? openid : null;
  };

  async function login(req: IncomingMessage, res: ServerResponse) {
    const body = await readJson(req);
    let openid = body.openid;
    if (openid === undefined || openid === null || openid === '') openid = `o${randomBytes(14).toString('base64url').replace(/[-_]/g, 'x')}`;
    if (typeof openid !== 'string' || !OPENID_PATTERN.test(openid)) throw new HttpError(400, 'openid must be 1-64 letters, digits, - or _');
    sendJson(res, 200, { token: issue(openid), openid });
  }

  async function call(req: IncomingMessage, res: ServerResponse) {
    const auth = req.headers.authorization ?? '';
    const openid = auth.startsWith('Bearer ') ? verify(auth.slice(7)) : null;
    if (!openid) {
      sendJson(res, 401, { errCode: -401001, errMsg: 'callFunction:fail session expired or missing: log in again' });
      return;
    }
    const body = await readJson(req);
    const { name, data } = body;
    if (typeof name !== 'string' || !name) throw new HttpError(400, 'name (the function to call) is required');
    if (data !== undefined && (data === null || typeof data !== 'object' || Array.isArray(data))) throw new HttpError(400, 'data must be an object');
    const event = { ...(data as Record<string, unknown> | undefined), userInfo: { appId: ctx.appId, openId: openid } };
    try {
      const { result, requestId } = await ctx.invokeFunction(name, event, { OPENID: openid, APPID: ctx.appId, SOURCE: 'wx_client' });
      sendJson(res, 200, { result, errMsg: 'callFunction:ok', requestID: requestId });
    } catch (e) {
      if (!(e instanceof FunctionError)) throw e;
      const status = e.code === 'FUNCTION_NOT_FOUND' ? 404 : 500;
      const errCode = e.code === 'FUNCTION_NOT_FOUND' ? -501000 : -504002;
      sendJson(res, status, { errCode, errMsg: `callFunction:fail ${errCode} ${e.message.split('\n')[0]}` });
    }
  }

  return {
    name: 'gateway',
    async http(req, res, url) {
      if (!url.pathname.startsWith('/gateway/')) return false;
      if (allowCors(req, res)) return true;
      try {
        if (req.method === 'POST' && url.pathname === '/gateway/login') await login(req, res);
        else if (req.method === 'POST' && url.pathname === '/gateway/call') await call(req, res);
        else sendJson(res, 404, { errCode: -1, errMsg: `no gateway route ${req.method} ${url.pathname}` });
      } catch (e) {
        const status = e instanceof HttpError ? e.status : 500;
        sendJson(res, status, { errCode: -1, errMsg: `callFunction:fail ${(e as Error).message}` });
      }
      return true;
    },
  };
}
