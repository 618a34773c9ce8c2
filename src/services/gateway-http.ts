import { gatewayBaseUrl } from '@/utils/runtime-env';

// h5 only: raw HTTP to the local emulator's gateway. Classifies every outcome so callers map it
// to the envelope without ever seeing an exception.

const REQUEST_TIMEOUT_MS = 15_000;

export type GatewayReply =
  | { kind: 'ok'; body: unknown }
  /** 401: the session token is unknown or expired. */
  | { kind: 'unauthorized' }
  /** Any other non-2xx: the platform refused or the function failed (WeChat-style errCode). */
  | { kind: 'rejected'; status: number; errCode: number | null; errMsg: string }
  /** No usable HTTP answer at all: offline, refused, timed out, not JSON. */
  | { kind: 'unreachable'; reason: string };

export async function postToGateway(path: string, body: unknown, token?: string): Promise<GatewayReply> {
  return send(path, { 'Content-Type': 'application/json' }, JSON.stringify(body), token, REQUEST_TIMEOUT_MS);
}

/** An upload's time bound: a few MB over loopback, with room for a slow machine. */
const UPLOAD_TIMEOUT_MS = 60_000;

/** Raw bytes (a file the person picked) instead of JSON, e.g. POST /gateway/upload; the same outcomes. */
export async function postBytesToGateway(path: string, bytes: Blob, contentType: string, token?: string): Promise<GatewayReply> {
  return send(path, { 'Content-Type': contentType }, bytes, token, UPLOAD_TIMEOUT_MS);
}

async function send(path: string, headers: Record<string, string>, body: string | Blob, token: string | undefined, timeoutMs: number): Promise<GatewayReply> {
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = controller ? setTimeout(() => controller.abort(), timeoutMs) : null;
  try {
    const response = await fetch(`${gatewayBaseUrl()}${path}`, {
      method: 'POST',
      headers: {
        ...headers,
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body,
      signal: controller?.signal,
    });
    if (response.status === 401) return { kind: 'unauthorized' };
    const parsed = await readJson(response);
    if (response.ok) {
      return parsed.ok ? { kind: 'ok', body: parsed.value } : { kind: 'unreachable', reason: 'response is not JSON' };
    }
    const failure = parsed.ok && isObject(parsed.value) ? parsed.value : {};
    return {
      kind: 'rejected',
      status: response.status,
      errCode: typeof failure.errCode === 'number' ? failure.errCode : null,
      errMsg: typeof failure.errMsg === 'string' ? failure.errMsg : `HTTP ${response.status}`,
    };
  } catch (error) {
    return { kind: 'unreachable', reason: error instanceof Error ? error.message : String(error) };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

async function readJson(response: Response): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: await response.json() };
  } catch {
    return { ok: false };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
