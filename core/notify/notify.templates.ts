/**
 * From a notice's fields to WeChat's keyword data (pure). Each kind is sent with a template whose
 * keywords are listed here: the brand picks (or creates) a template with these keyword types and
 * numbers in 小程序后台 → 订阅消息 and saves its id in `settings/notify`. Every value is fitted to
 * WeChat's rule for its keyword type (a value over the limit is refused with 47003, never cut by
 * WeChat), so free text such as a long draw title is shortened here with '…'.
 */
import type { NoticeFields, NoticeKind } from './notify.model';
import { chinaDateTime } from '../platform/china-time';

export interface TemplateKeyword {
  /** WeChat's keyword key: its type and number, e.g. thing1, phrase2, time3. */
  key: string;
  /** The keyword's name in the template, for the brand choosing one. */
  name: string;
}

/** The keywords each kind's template must have (docs/notifications.md lists them for operators). */
export const TEMPLATE_KEYWORDS: { [K in NoticeKind]: readonly TemplateKeyword[] } = {
  draw_result: [
    { key: 'thing1', name: '活动名称' },
    { key: 'thing2', name: '抽签结果' },
    { key: 'thing3', name: '温馨提示' },
  ],
  draw_promoted: [
    { key: 'thing1', name: '活动名称' },
    { key: 'phrase2', name: '抽签结果' },
    { key: 'time3', name: '付款截止时间' },
    { key: 'thing4', name: '温馨提示' },
  ],
  feedback_update: [
    { key: 'thing1', name: '反馈内容' },
    { key: 'phrase2', name: '处理状态' },
    { key: 'thing3', name: '备注' },
  ],
  feedback_reply: [
    { key: 'thing1', name: '反馈内容' },
    { key: 'thing2', name: '回复内容' },
    { key: 'time3', name: '回复时间' },
  ],
  feedback_resolved: [
    { key: 'thing1', name: '反馈内容' },
    { key: 'phrase2', name: '处理状态' },
    { key: 'thing3', name: '备注' },
  ],
};

export type TemplateData = Record<string, { value: string }>;

export type TemplateOutcome = { ok: true; data: TemplateData } | { ok: false; problem: string };

// ---- WeChat's value rules, per keyword type (the subscription message documentation)

const HAN = /^\p{Script=Han}+$/u;

/**
 * Lengths are counted in UTF-16 units, which is never less than the characters WeChat counts: an
 * emoji counts 2 here, so a value that passes here passes there however WeChat counts it.
 */
const RULES: Record<string, (v: string) => boolean> = {
  thing: (v) => v.length <= 20,
  number: (v) => v.length <= 32 && /^-?\d+(\.\d+)?$/.test(v),
  letter: (v) => v.length <= 32 && /^[A-Za-z]+$/.test(v),
  symbol: (v) => v.length <= 5 && /^[^\p{L}\p{N}\s]+$/u.test(v),
  character_string: (v) => v.length <= 32 && /^[\x21-\x7e]+$/.test(v),
  time: (v) => /^(\d{4}年\d{1,2}月\d{1,2}日 |\d{4}-\d{2}-\d{2} )?\d{1,2}:\d{2}(:\d{2})?$/.test(v),
  date: (v) => /^(\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2})( \d{1,2}:\d{2}(:\d{2})?)?$/.test(v),
  amount: (v) => /^[¥￥$]?\d{1,10}(\.\d{1,2})?元?$/.test(v),
  phone_number: (v) => v.length <= 17 && /^[\d+\-() ]+$/.test(v),
  car_number: (v) => v.length <= 8,
  name: (v) => (HAN.test(v) && v.length <= 10) || (v.length <= 20 && /^[^\p{Script=Han}\d]+$/u.test(v)),
  phrase: (v) => HAN.test(v) && v.length <= 5,
};

/** Why WeChat would refuse this keyword value, or null. Unknown keyword types are not checked. */
export function keywordProblem(key: string, value: string): string | null {
  const type = /^([a-z_]+?)(\d+)$/.exec(key)?.[1];
  if (!type) return `关键词 ${key} 不是微信的关键词格式`;
  if (value === '') return `关键词 ${key} 不能为空`;
  const rule = RULES[type];
  if (rule && !rule(value)) return `关键词 ${key} 的值不符合微信的规则：${value}`;
  return null;
}

// ---- fitting free text

const graphemes = (s: string): string[] => {
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  return Segmenter ? Array.from(new Segmenter('zh', { granularity: 'grapheme' }).segment(s), (x) => x.segment) : Array.from(s);
};

/**
 * One line: control characters, line and paragraph separators and invisible format characters
 * (bidi overrides, zero-width space, BOM) become white space, and runs of white space one space.
 * The zero-width joiner stays: it holds emoji sequences together.
 */
function oneLine(s: string): string {
  return s
    .replace(/[\p{Cc}\u2028\u2029\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * At most `max` UTF-16 units; when cut, ends in '…' and never splits a character (a surrogate
 * pair, an emoji sequence, a letter with its accents).
 */
export function fitText(s: string, max = 20): string {
  const text = oneLine(s);
  if (text.length <= max) return text === '' ? '-' : text;
  let out = '';
  for (const g of graphemes(text)) {
    if (out.length + g.length > max - 1) break;
    out += g;
  }
  return `${out.trimEnd()}…`;
}

/** A time keyword, in Beijing time as members read it: 2025年12月3日 20:00. */
export const chinaTime = (at: Date | string | number): string => chinaDateTime(at, true);

const DEFAULT_PROMOTED_HINT = '请在截止时间前完成付款';

function draft<K extends NoticeKind>(kind: K, fields: NoticeFields[K]): Record<string, string | null> {
  switch (kind) {
    case 'draw_result': {
      const f = fields as NoticeFields['draw_result'];
      return { thing1: fitText(f.title), thing2: fitText(f.result), thing3: fitText(f.hint) };
    }
    case 'draw_promoted': {
      const f = fields as NoticeFields['draw_promoted'];
      const payBy = new Date(f.payBy);
      return {
        thing1: fitText(f.title),
        phrase2: '候补转正',
        time3: Number.isNaN(payBy.getTime()) ? null : chinaTime(payBy),
        thing4: fitText(f.hint ?? DEFAULT_PROMOTED_HINT),
      };
    }
    case 'feedback_update': {
      const f = fields as NoticeFields['feedback_update'];
      return { thing1: fitText(f.title), phrase2: f.state, thing3: fitText(f.note) };
    }
    case 'feedback_reply': {
      const f = fields as NoticeFields['feedback_reply'];
      const at = new Date(f.at);
      return { thing1: fitText(f.title), thing2: fitText(f.reply), time3: Number.isNaN(at.getTime()) ? null : chinaTime(at) };
    }
    case 'feedback_resolved': {
      const f = fields as NoticeFields['feedback_resolved'];
      return { thing1: fitText(f.title), phrase2: '已解决', thing3: fitText(f.note) };
    }
    default:
      throw new Error(`no template mapping for notice kind ${String(kind)}`);
  }
}

/**
 * The `data` of subscribeMessage.send for a notice. Not ok when a value cannot be made to pass
 * WeChat's rules (a bug in the caller's fields: the notice fails rather than being sent wrong).
 */
export function templateData<K extends NoticeKind>(kind: K, fields: NoticeFields[K]): TemplateOutcome {
  const values = draft(kind, fields);
  const data: TemplateData = {};
  for (const { key } of TEMPLATE_KEYWORDS[kind]) {
    const value = values[key] ?? null;
    if (value === null) return { ok: false, problem: `通知 ${kind} 缺少关键词 ${key} 的内容` };
    const problem = keywordProblem(key, value);
    if (problem) return { ok: false, problem };
    data[key] = { value };
  }
  return { ok: true, data };
}
