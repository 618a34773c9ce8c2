import type { IncomingMessage } from 'node:http';

/**
 * What every request must pass before any route sees it. The emulator listens on loopback, but
 * any web page the developer visits can still send requests there: a cross-site `text/plain`
 * POST needs no preflight, and a DNS-rebound name reaches 127.0.0.1 with the attacker's Host.
 * Since `/gateway` calls functions as any persona and `/control` moves the clock, pays orders
 * and reads the database, only loopback hosts and origins are served, bodies are typed and
 * bounded, and a path that does not decode is refused.
 */
export interface GuardOptions {
  /** Host names besides loopback that may reach the emulator (e.g. behind a developer's own proxy). */
  allowedHosts?: readonly string[];
  /** Bodies larger than this are refused (413) on every route but storage uploads. */
  maxBodyBytes: number;
  /** The SDK's open API calls are multipart and may carry an image for a content check. */
  maxMultipartBytes: number;
}

export type GuardVerdict = { ok: true } | { ok: false; status: number; message: string };

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_MAX_MULTIPART_BYTES = 2 * 1024 * 1024;
/**
 * H5 client uploads (POST /gateway/upload): a safety bound, not the app's rule (an app checks its
 * own, smaller limit on the server); WeChat's content check takes files up to 10 MB.
 */
export const MAX_CLIENT_UPLOAD_BYTES = 10 * 1024 * 1024;
/** The only bodies /gateway/upload takes: the image itself, as the browser has it. */
export const CLIENT_UPLOAD_TYPE = /^image\/[a-z0-9.+-]+\s*(;|$)/i;

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** `127.0.0.1:3900`, `localhost`, `[::1]:3900`, ... — the name without its port, lower-cased. */
export function hostName(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

export function isLoopbackName(name: string, allowed: readonly string[] = []): boolean {
  return LOOPBACK_NAMES.has(name) || name.endsWith('.localhost') || allowed.includes(name);
}

/** An Origin header naming a page served from this machine (any port, http or https). */
export function isLoopbackOrigin(origin: string, allowed: readonly string[] = []): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return isLoopbackName(url.hostname.toLowerCase(), allowed) || isLoopbackName(`[${url.hostname}]`, allowed);
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;
const MULTIPART_TYPE = /^multipart\/form-data\s*;/i;

function declaredLength(req: IncomingMessage): number | null {
  const raw = req.headers['content-length'];
  if (raw === undefined) return null;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

function hasBody(req: IncomingMessage): boolean {
  const length = declaredLength(req);
  return (length !== null && length > 0) || req.headers['transfer-encoding'] !== undefined;
}

function isStorageUpload(req: IncomingMessage, path: string): boolean {
  return req.method === 'PUT' && path.startsWith('/storage/upload/');
}

function isClientUpload(req: IncomingMessage, path: string): boolean {
  return req.method === 'POST' && path === '/gateway/upload';
}

function refuse(status: number, message: string): GuardVerdict {
  return { ok: false, status, message };
}

export function guardRequest(req: IncomingMessage, options: GuardOptions): GuardVerdict {
  const allowed = options.allowedHosts ?? [];
  const host = req.headers.host;
  if (!host || !isLoopbackName(hostName(host), allowed)) {
    return refuse(403, `host ${JSON.stringify(host ?? '')} is not served: the emulator answers only requests addressed to 127.0.0.1, localhost or ::1`);
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !isLoopbackOrigin(origin, allowed)) {
    return refuse(403, `origin ${JSON.stringify(origin)} is not allowed: only pages served from this machine may call the emulator`);
  }
  if (req.headers['sec-fetch-site'] === 'cross-site') return refuse(403, 'cross-site requests are not allowed');

  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
  } catch {
    return refuse(400, 'the request path is not valid percent-encoding');
  }
  if (path.includes('\u0000')) return refuse(400, 'the request path contains a NUL character');

  if (req.method !== 'POST' && req.method !== 'PUT' && req.method !== 'DELETE') return { ok: true };
  if (isStorageUpload(req, path)) return { ok: true };
  const type = req.headers['content-type'] ?? '';
  if (isClientUpload(req, path)) {
    // Checked even without a body: the route takes image bytes and nothing else.
    if (!CLIENT_UPLOAD_TYPE.test(type)) return refuse(415, `content-type ${JSON.stringify(type)} is not accepted here: send the image bytes as image/*`);
    const length = declaredLength(req);
    if (length !== null && length > MAX_CLIENT_UPLOAD_BYTES) {
      return refuse(413, `upload of ${length} bytes is over the emulator's limit of ${MAX_CLIENT_UPLOAD_BYTES} bytes`);
    }
    return { ok: true };
  }
  if (!hasBody(req)) return { ok: true };

  const multipart = MULTIPART_TYPE.test(type);
  // The SDK sends JSON and, for open APIs and payments, multipart to /admin; everything else is JSON.
  if (!JSON_TYPE.test(type) && !(multipart && path === '/admin')) {
    return refuse(415, `content-type ${JSON.stringify(type)} is not accepted here: send application/json${path === '/admin' ? ' or multipart/form-data' : ''}`);
  }
  const limit = multipart ? options.maxMultipartBytes : options.maxBodyBytes;
  const length = declaredLength(req);
  if (length !== null && length > limit) return refuse(413, `request body of ${length} bytes is over the emulator's limit of ${limit} bytes`);
  return { ok: true };
}
