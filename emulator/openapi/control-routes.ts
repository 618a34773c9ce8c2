import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, handleJsonRoute, methodNotAllowed, readJsonObject, sendJson } from './http-json';
import type { OpenApiState } from './dispatch';
import { mediaCheckControl } from './media-check-routes';
import { WxApiError } from './wire';
import { renderWxacode, validateWxacode, wxacodeTarget } from './wxacode';

/** Test hooks and inspection routes under /control/ for the open-API stand-ins. */
export async function openApiControl(req: IncomingMessage, res: ServerResponse, url: URL, state: OpenApiState): Promise<boolean> {
  const path = url.pathname.replace(/\/+$/, '');
  const method = req.method ?? 'GET';

  if (path === '/control/security/force' || path === '/control/security') {
    return handleJsonRoute(res, async () => {
      if (method === 'POST' && path === '/control/security/force') {
        sendJson(res, 200, { forced: state.forced.set(await readJsonObject(req)) });
      } else if (method === 'DELETE') {
        state.forced.clear();
        sendJson(res, 200, { forced: null });
      } else if (method === 'GET') {
        sendJson(res, 200, { forced: state.forced.status() });
      } else {
        throw methodNotAllowed(method, path);
      }
    });
  }

  if (path.startsWith('/control/openapi/')) return mediaCheckControl(req, res, path, url, state);

  if (path === '/control/outbox') {
    return handleJsonRoute(res, () => {
      if (method === 'GET') {
        const touser = url.searchParams.get('touser') ?? undefined;
        sendJson(res, 200, { messages: state.outbox.list(touser) });
      } else if (method === 'DELETE') {
        sendJson(res, 200, { cleared: state.outbox.clear() });
      } else {
        throw methodNotAllowed(method, path);
      }
    });
  }

  if (path === '/control/wxacode') {
    return handleJsonRoute(res, async () => {
      if (method !== 'GET') throw methodNotAllowed(method, path);
      const q = url.searchParams;
      let code;
      try {
        code = validateWxacode({ scene: q.get('scene') ?? undefined, page: q.get('page') ?? undefined, width: q.get('width') ?? undefined });
      } catch (err) {
        if (err instanceof WxApiError) throw new HttpError(400, `${err.errcode} ${err.errmsg}`);
        throw err;
      }
      const png = await renderWxacode(state.ctx.h5BaseUrl(), code);
      res.writeHead(200, {
        'content-type': 'image/png',
        'content-length': png.length,
        'cache-control': 'no-store',
        // Lets the H5 poster or a test see what the code opens without decoding it.
        'x-wxacode-target': encodeURI(wxacodeTarget(state.ctx.h5BaseUrl(), code)),
      });
      res.end(png);
    });
  }

  return false;
}
