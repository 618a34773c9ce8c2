import { WxApiError, newRid, type OpenApiAnswer } from '../wire';
import type { ForcedResults } from './forced-results';
import { LABEL, type Suggest } from './labels';
import { checkText } from './text-check';

const MAX_CONTENT_CHARS = 2500;

/**
 * `security.msgSecCheck`. Version 2 (`{version:2, openid, scene, content}`) answers with a
 * verdict; version 1 (no version) only fails with 87014 when the content is risky, as WeChat did.
 */
export function msgSecCheck(args: Record<string, unknown>, forced: ForcedResults): OpenApiAnswer {
  const { version, openid, scene, content } = args;
  if (typeof content !== 'string' || content.length === 0) {
    throw new WxApiError(47001, 'data format error: content is required');
  }
  if ([...content].length > MAX_CONTENT_CHARS) {
    throw new WxApiError(40097, `invalid args: content is longer than ${MAX_CONTENT_CHARS} characters`);
  }
  if (version !== 2 && version !== '2') return legacyV1(content, forced);

  if (typeof openid !== 'string' || openid.trim() === '') {
    throw new WxApiError(40003, 'invalid openid');
  }
  if (![1, 2, 3, 4].includes(Number(scene))) {
    throw new WxApiError(40097, 'invalid args: scene must be 1 (profile), 2 (comment), 3 (forum) or 4 (social log)');
  }
  // v2 also checks the optional title, nickname and signature that come with the content.
  const text = [content, args.title, args.nickname, args.signature].filter((v) => typeof v === 'string').join('\n');
  const verdict = verdictFor(text, forced);
  return {
    json: {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: verdict.suggest, label: verdict.label },
      detail: verdict.detail,
      trace_id: newRid(),
    },
  };
}

interface Verdict {
  suggest: Suggest;
  label: number;
  detail: Record<string, unknown>[];
}

function verdictFor(text: string, forced: ForcedResults): Verdict {
  const override = forced.take();
  if (override) {
    return {
      ...override,
      detail: [{ strategy: 'content_model', errcode: 0, suggest: override.suggest, label: override.label, prob: 90 }],
    };
  }
  const { suggest, label, hits } = checkText(text);
  // WeChat reports one detail per strategy; the model line carries the overall verdict.
  const detail: Record<string, unknown>[] = [{ strategy: 'content_model', errcode: 0, suggest, label, prob: suggest === 'pass' ? 0 : 90 }];
  for (const hit of hits) {
    detail.push({ strategy: 'keyword', errcode: 0, suggest: hit.suggest, label: hit.label, level: 20, keyword: hit.keyword });
  }
  return { suggest, label: suggest === 'pass' ? LABEL.normal : label, detail };
}

function legacyV1(content: string, forced: ForcedResults): OpenApiAnswer {
  const override = forced.take();
  const suggest = override ? override.suggest : checkText(content).suggest;
  if (suggest === 'risky') throw new WxApiError(87014, 'risky content');
  return { json: { errcode: 0, errmsg: 'ok' } };
}
