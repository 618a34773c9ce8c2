// Idempotency keys made on the client (e.g. one per redemption confirmation), so a double tap or
// a retry after a network failure is recognised by the server as the same request.

let counter = 0;

/** 'rd-lq2x8k3a-1-9f3k2m7q1z' (8..64 characters): time, a per-run counter and randomness. */
export function newRequestId(prefix = 'rq'): string {
  counter += 1;
  const random = Math.random().toString(36).slice(2, 12).padEnd(10, '0');
  return `${prefix}-${Date.now().toString(36)}-${counter.toString(36)}-${random}`;
}
