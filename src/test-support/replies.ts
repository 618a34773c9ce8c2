import type { callFunction } from '@/services/cloud';
import type { CloudError } from '@/services/cloud-result';

// jest only: the transport's answers that many store and page tests script, written once.

export type Reply = Awaited<ReturnType<typeof callFunction>>;
/** A failed call: fits wherever any call's result does. */
export type Refused = { ok: false; error: CloudError };

/** What the transport answers when the network is down. */
export const NETWORK_DOWN: Refused = { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } };

/**
 * A refusal with per-field details, as the server sends a validation failure: one `[path, message]`
 * a detail, in order (a path may come more than once).
 */
export const refusal = (code: string, message: string, details: Array<[path: string, message: string]>): Refused => ({
  ok: false,
  error: { code, message, details: details.map(([path, text]) => ({ path, message: text })) },
});

/** A promise the test settles when it chooses: for what a store shows while a call is in flight. */
export function deferred<T = Reply>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
