import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FunctionError } from './functions/runner';
import { GatewaySessions } from './gateway-session';
import { allowCors, HttpError, readJson, sendJson } from './http-util';
import type { EmulatorContext, EmulatorModule } from './types';

const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Served by the storage module (emulator/storage/client-upload.ts), with this module's sessions. */
export const CLIENT_UPLOAD_PATH = '/gateway/upload';

/**
 * The H5 build's way in, standing in for WeChat's own login: a dev login issues a signed session
 * for a chosen OPENID (a demo persona) or a new random one, and calls carry it. It exists only in
 * the emulator; the weapp build uses wx.cloud.callFunction, where WeChat supplies the OPENID.
 */
export function createGatewayModule(ctx: EmulatorContext, sessions: GatewaySessions = new GatewaySessions()): EmulatorModule {
  async function login(req: IncomingMessage, res: ServerResponse) {
    const body = await readJson(req);
    let openid = body.openid;
    if (openid === undefined || openid === null || openid === '') openid = `o${randomBytes(14).toString('base64url').replace(/[-_]/g, 'x')}`;
    if (typeof openid !== 'string' || !OPENID_PATTERN.test(openid)) throw new HttpError(400, 'openid must be 1-64 letters, digits, - or _');
    sendJson(res, 200, { token: sessions.issue(openid), openid });
  }

  async function call(req: IncomingMessage, res: ServerResponse) {
    const openid = sessions.openidOf(req.headers.authorization);
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
      if (!url.pathname.startsWith('/gateway/') || url.pathname === CLIENT_UPLOAD_PATH) return false;
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
