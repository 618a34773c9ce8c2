import { createHash, randomBytes, randomInt } from 'node:crypto';

/** The service-provider merchant WeChat Cloud uses on a project's behalf (the real one is Tencent's). */
export const PROVIDER_MCH_ID = '1800008281';

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** WeChat Pay v2 times are Beijing wall-clock `yyyyMMddHHmmss`. */
export function payTime(epochMs: number): string {
  return new Date(epochMs + BEIJING_OFFSET_MS).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** Refund notifications use `yyyy-MM-dd HH:mm:ss`, Beijing time. */
export function payDateTime(epochMs: number): string {
  return new Date(epochMs + BEIJING_OFFSET_MS).toISOString().replace('T', ' ').slice(0, 19);
}

/** Parses `yyyyMMddHHmmss` (Beijing) to epoch ms, or null when malformed. */
export function parsePayTime(text: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - BEIJING_OFFSET_MS;
  return Number.isFinite(ms) && payTime(ms) === text ? ms : null;
}

export function nonceStr(): string {
  return randomBytes(16).toString('hex');
}

function digits(n: number): string {
  let out = '';
  while (out.length < n) out += String(randomInt(0, 1_000_000_000)).padStart(9, '0');
  return out.slice(0, n);
}

/** `wx` + time + 20 hex, 36 characters like WeChat's prepay ids. */
export function newPrepayId(epochMs: number): string {
  return `wx${payTime(epochMs)}${randomBytes(10).toString('hex')}`;
}

/** 28 digits starting 4200, like WeChat Pay transaction ids. */
export function newTransactionId(epochMs: number): string {
  return `4200${digits(4)}${payTime(epochMs).slice(0, 8)}${digits(12)}`;
}

/** 29 digits starting 503, like WeChat Pay refund ids. */
export function newRefundId(): string {
  return `503${digits(26)}`;
}

/**
 * WeChat Pay v2 MD5 signature over the sorted non-empty fields. The key is a fixed emulator key:
 * no client verifies it locally, it only has to look and behave like a signature.
 */
export function sign(fields: Record<string, unknown>, key = 'flywheel-emulator-pay-key'): string {
  const text = Object.keys(fields)
    .filter((k) => k !== 'sign' && fields[k] !== undefined && fields[k] !== '' && typeof fields[k] !== 'object')
    .sort()
    .map((k) => `${k}=${String(fields[k])}`)
    .join('&');
  return createHash('md5').update(`${text}&key=${key}`).digest('hex').toUpperCase();
}
