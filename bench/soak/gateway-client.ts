/**
 * The soak's HTTP client: the H5 app's way in (POST /gateway/login, POST /gateway/call with a
 * Bearer token, JSON bodies; see src/services/gateway-http.ts) and the control routes that play
 * WeChat's part (payments, refunds, timers). Every call is timed and classified into the Recorder.
 */
import { ERROR_PREFIX, type Recorder } from './metrics';

export interface Session {
  openid: string;
  token: string;
}

/** Answers that mean the soak itself or the server is broken, never an expected refusal. */
export const ERROR_CODES = new Set(['INTERNAL', 'VALIDATION_FAILED', 'UNKNOWN_ACTION', 'UNAUTHENTICATED', 'FORBIDDEN']);

export interface Classified {
  outcome: string;
  data?: unknown;
  detail: string;
}

const timedOut = (text: string) => /timed out|time limit/i.test(text);
const text = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

/** A /gateway/call answer: the function's envelope, a typed refusal, or an error label. */
export function classifyCall(status: number, body: unknown): Classified {
  const b = (body ?? {}) as Record<string, unknown>;
  if (status !== 200) {
    const msg = text(b.errMsg ?? b.error ?? body);
    return { outcome: timedOut(msg) ? `${ERROR_PREFIX}TIME_LIMIT` : `${ERROR_PREFIX}HTTP_${status}`, detail: msg };
  }
  return classifyEnvelope(b.result);
}

/** A function's own answer: `{ ok: true, data }` or `{ ok: false, error: { code, message } }`. */
export function classifyEnvelope(result: unknown): Classified {
  const r = result as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } } | null;
  if (!r || typeof r !== 'object' || typeof r.ok !== 'boolean') return { outcome: `${ERROR_PREFIX}NOT_ENVELOPE`, detail: text(result).slice(0, 300) };
  if (r.ok) return { outcome: 'ok', data: r.data, detail: '' };
  const code = typeof r.error?.code === 'string' ? r.error.code : null;
  if (!code) return { outcome: `${ERROR_PREFIX}NOT_ENVELOPE`, detail: text(result).slice(0, 300) };
  return { outcome: ERROR_CODES.has(code) ? `${ERROR_PREFIX}${code}` : code, detail: text(r.error?.message) };
}

/** POST /control/{payments,refunds}/<no>/confirm: WeChat's notification delivered to the callback function. */
export function classifyDelivery(status: number, body: unknown): Classified {
  const b = (body ?? {}) as { delivery?: { ok?: unknown; error?: unknown; result?: unknown }; error?: unknown };
  if (status !== 200) {
    const msg = text(b.error ?? body);
    return { outcome: timedOut(msg) ? `${ERROR_PREFIX}TIME_LIMIT` : `${ERROR_PREFIX}HTTP_${status}`, detail: msg };
  }
  if (b.delivery?.ok === true) return { outcome: 'ok', data: body, detail: '' };
  const msg = text(b.delivery?.error ?? b.delivery?.result ?? 'no delivery');
  return { outcome: timedOut(msg) ? `${ERROR_PREFIX}TIME_LIMIT` : `${ERROR_PREFIX}DELIVERY`, detail: msg };
}

/** POST /control/triggers/fire: `{ result }` holds the job's envelope. */
export function classifyTimer(status: number, body: unknown): Classified {
  const b = (body ?? {}) as { result?: unknown; error?: unknown };
  if (status !== 200) {
    const msg = text(b.error ?? body);
    return { outcome: timedOut(msg) ? `${ERROR_PREFIX}TIME_LIMIT` : `${ERROR_PREFIX}HTTP_${status}`, detail: msg };
  }
  return classifyEnvelope(b.result);
}

export interface CallResult<T = unknown> {
  outcome: string;
  ok: boolean;
  error: boolean;
  data: T;
}

export class SoakClient {
  constructor(
    readonly baseUrl: string,
    private readonly recorder: Recorder,
  ) {}

  private async post(
    path: string,
    body: unknown,
    token?: string,
    timeoutMs = 30_000,
  ): Promise<{ status: number; body: unknown; ms: number } | { status: 0; body: string; ms: number }> {
    const started = performance.now();
    try {
      const res = await fetch(`${this.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const raw = await res.text();
      let parsed: unknown = raw;
      try {
        parsed = JSON.parse(raw);
      } catch {
        // Left as text: the classifiers call it not an envelope.
      }
      return { status: res.status, body: parsed, ms: performance.now() - started };
    } catch (e) {
      return { status: 0, body: (e as Error).message, ms: performance.now() - started };
    }
  }

  private note<T>(action: string, ms: number, c: Classified): CallResult<T> {
    this.recorder.record(action, ms, c.outcome, c.detail);
    return { outcome: c.outcome, ok: c.outcome === 'ok', error: c.outcome.startsWith(ERROR_PREFIX), data: c.data as T };
  }

  private networkError<T>(action: string, ms: number, message: string): CallResult<T> {
    return this.note<T>(action, ms, { outcome: `${ERROR_PREFIX}NETWORK`, detail: message });
  }

  /** A brand-new customer (no openid) or a chosen one (staff). Null when the login failed (recorded). */
  async login(openid?: string): Promise<Session | null> {
    const r = await this.post('/gateway/login', openid ? { openid } : {});
    if (r.status === 0) {
      this.networkError('gateway.login', r.ms, String(r.body));
      return null;
    }
    const b = r.body as { token?: unknown; openid?: unknown };
    if (r.status === 200 && typeof b?.token === 'string' && typeof b.openid === 'string') {
      this.recorder.record('gateway.login', r.ms, 'ok');
      return { token: b.token, openid: b.openid };
    }
    this.recorder.record('gateway.login', r.ms, `${ERROR_PREFIX}HTTP_${r.status}`, text(r.body));
    return null;
  }

  /** `name.action` through the gateway, as the H5 app calls it. `tag` marks a hot-spot burst in the report. */
  async call<T = any>(session: Session, name: string, action: string, data: Record<string, unknown> = {}, tag = ''): Promise<CallResult<T>> {
    const label = `${name}.${action}${tag}`;
    const r = await this.post('/gateway/call', { name, data: { action, ...data } }, session.token);
    if (r.status === 0) return this.networkError<T>(label, r.ms, String(r.body));
    return this.note<T>(label, r.ms, classifyCall(r.status, r.body));
  }

  /** The payer confirms in WeChat Pay: the notification reaches the `payment` function. */
  async confirmPayment(outTradeNo: string, tag = ''): Promise<CallResult> {
    const label = `pay.confirm${tag}`;
    const r = await this.post(`/control/payments/${encodeURIComponent(outTradeNo)}/confirm`, {});
    if (r.status === 0) return this.networkError(label, r.ms, String(r.body));
    return this.note(label, r.ms, classifyDelivery(r.status, r.body));
  }

  /** WeChat Pay settles a refund: the refund notification reaches the `payment` function. */
  async confirmRefund(outRefundNo: string): Promise<CallResult> {
    const r = await this.post(`/control/refunds/${encodeURIComponent(outRefundNo)}/confirm`, {});
    if (r.status === 0) return this.networkError('refund.confirm', r.ms, String(r.body));
    return this.note('refund.confirm', r.ms, classifyDelivery(r.status, r.body));
  }

  /** Fires one of the jobs function's timer triggers now. */
  async fireTimer<T = any>(trigger: string, fn = 'jobs'): Promise<CallResult<T>> {
    const label = `timer.${trigger}`;
    const r = await this.post('/control/triggers/fire', { function: fn, trigger }, undefined, 120_000);
    if (r.status === 0) return this.networkError<T>(label, r.ms, String(r.body));
    return this.note<T>(label, r.ms, classifyTimer(r.status, r.body));
  }
}

/** Control routes the soak reads or moves outside the measured calls (not recorded). */
export async function control<T = any>(baseUrl: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(120_000),
  });
  const parsed = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(parsed)}`);
  return parsed;
}
