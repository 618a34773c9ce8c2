import type { EmulatorClock } from '../clock';
import type { Outbox } from './outbox';
import { WxApiError, type OpenApiAnswer } from './wire';

const STATES = ['developer', 'trial', 'formal'];
const LANGS = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW'];

/**
 * Per-keyword value rules WeChat enforces on subscription message data (a frequent cause of
 * 47003 in production: e.g. a `thing` value over 20 characters is refused, not truncated).
 * Keys are matched by their type prefix (`thing1`, `amount3`, ...).
 */
const VALUE_RULES: { prefix: string; check: (v: string) => boolean; rule: string }[] = [
  { prefix: 'character_string', check: (v) => chars(v) <= 32 && /^[\x20-\x7e]*$/.test(v), rule: 'at most 32 letters, digits or symbols' },
  { prefix: 'phone_number', check: (v) => chars(v) <= 17 && /^[\d+\-() ]+$/.test(v), rule: 'a phone number of at most 17 characters' },
  { prefix: 'car_number', check: (v) => chars(v) <= 8, rule: 'at most 8 characters' },
  { prefix: 'thing', check: (v) => chars(v) <= 20, rule: 'at most 20 characters' },
  { prefix: 'number', check: (v) => chars(v) <= 32 && /^-?\d+(\.\d+)?$/.test(v), rule: 'a number of at most 32 digits' },
  { prefix: 'letter', check: (v) => chars(v) <= 32 && /^[A-Za-z]+$/.test(v), rule: 'at most 32 letters' },
  { prefix: 'symbol', check: (v) => chars(v) <= 5, rule: 'at most 5 symbols' },
  { prefix: 'amount', check: (v) => /^[¥￥$]?\d+(\.\d{1,2})?(元)?$/.test(v), rule: 'an amount such as 12.50 or ¥12.50' },
  { prefix: 'phrase', check: (v) => chars(v) <= 5, rule: 'at most 5 characters' },
  { prefix: 'name', check: (v) => chars(v) <= 20, rule: 'at most 10 Chinese characters or 20 letters' },
];

function chars(v: string): number {
  return [...v].length;
}

export function subscribeMessageSend(args: Record<string, unknown>, outbox: Outbox, clock: EmulatorClock): OpenApiAnswer {
  const { touser, template_id: templateId, page, data, miniprogram_state: state = 'formal', lang = 'zh_CN' } = args;
  if (typeof touser !== 'string' || touser.trim() === '') throw new WxApiError(40003, 'invalid openid: touser is empty');
  if (typeof templateId !== 'string' || templateId.trim() === '') throw new WxApiError(40037, 'invalid template_id');
  if (page !== undefined && typeof page !== 'string') throw new WxApiError(41030, 'invalid page');
  if (typeof state !== 'string' || !STATES.includes(state)) {
    throw new WxApiError(47003, `argument invalid! miniprogram_state must be one of ${STATES.join(', ')}`);
  }
  if (typeof lang !== 'string' || !LANGS.includes(lang)) throw new WxApiError(47003, `argument invalid! lang must be one of ${LANGS.join(', ')}`);
  const cleanData = validateData(data);

  const message = {
    msgid: outbox.nextMsgId(),
    sentAt: clock.now(),
    touser,
    templateId,
    ...(page ? { page } : {}),
    data: cleanData,
    miniprogramState: state,
    lang,
  };
  outbox.add(message);
  return { json: { errcode: 0, errmsg: 'ok', msgid: message.msgid } };
}

function validateData(data: unknown): Record<string, { value: string | number }> {
  if (data === null || typeof data !== 'object' || Array.isArray(data) || Object.keys(data).length === 0) {
    throw new WxApiError(47003, 'argument invalid! data is empty');
  }
  const out: Record<string, { value: string | number }> = {};
  for (const [key, entry] of Object.entries(data as Record<string, unknown>)) {
    const value = (entry as { value?: unknown } | null)?.value;
    if (entry === null || typeof entry !== 'object' || (typeof value !== 'string' && typeof value !== 'number') || String(value) === '') {
      throw new WxApiError(47003, `argument invalid! data.${key}.value is empty`);
    }
    const rule = VALUE_RULES.find((r) => key.startsWith(r.prefix) && /^\d+$/.test(key.slice(r.prefix.length)));
    if (rule && !rule.check(String(value))) {
      throw new WxApiError(47003, `argument invalid! data.${key}.value invalid: must be ${rule.rule}`);
    }
    out[key] = { value };
  }
  return out;
}
