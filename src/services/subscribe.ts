import Taro from '@tarojs/taro';
import { callFunction } from './cloud';
import type { DataOf } from './contracts';

// WeChat's one-time subscription messages, as every feature asks for them: the template ids the
// brand configured per kind (member.notifyTemplates), and the prompt itself, which WeChat shows
// only inside a tap handler. Imported by subpackage stores only (draws, feedback), so none of it is
// in the main package.

/** A kind of message the server can send (draw_result, feedback_reply, ...): the contract's own list. */
export type NoticeKind = keyof DataOf<'member', 'notifyTemplates'>['templates'] & string;
export type TemplateIds<K extends NoticeKind = NoticeKind> = Partial<Record<K, string>>;

/** WeChat's answer per template id: only 'accept' lets the brand send that message (once). */
export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter';
export type SubscribeAnswers = Record<string, SubscribeAnswer>;

/**
 * The template ids of `kinds` (member.notifyTemplates). Without them — the notifications module is
 * not deployed, a kind has no template yet, or the call failed — that kind is left out: the app
 * asks nothing for it and the feature works without the message.
 */
export async function fetchTemplateIds<K extends NoticeKind>(kinds: readonly K[]): Promise<TemplateIds<K>> {
  const result = await callFunction('member', 'notifyTemplates', {});
  if (!result.ok) return {};
  const templates = result.data.templates as Partial<Record<string, unknown>>;
  const ids: TemplateIds<K> = {};
  for (const kind of kinds) {
    const id = templates[kind];
    if (typeof id === 'string' && id) ids[kind] = id;
  }
  return ids;
}

/** The template ids to ask for, in the order of `kinds` (kinds without one are skipped). */
export const templateIdsOf = <K extends NoticeKind>(templates: TemplateIds<K>, kinds: readonly K[]): string[] =>
  kinds.map((kind) => templates[kind]).filter((id): id is string => Boolean(id));

/** The kinds whose template the member accepted. */
export const acceptedKinds = <K extends NoticeKind>(templates: TemplateIds<K>, kinds: readonly K[], answers: SubscribeAnswers): K[] =>
  kinds.filter((kind) => {
    const id = templates[kind];
    return Boolean(id && answers[id] === 'accept');
  });

/**
 * Asks the member for the messages, answering per template id. WeChat shows its prompt only when
 * this runs inside a tap handler, so the caller calls it before awaiting anything. On h5 there is
 * no WeChat prompt: `standIn` asks instead (the page's own sheet) and answers the same way.
 * A failed prompt (the member switched messages off for the mini-program, an old client) is "no".
 */
export function askForMessages(tmplIds: string[], standIn: (tmplIds: string[]) => Promise<SubscribeAnswers>): Promise<SubscribeAnswers> {
  if (tmplIds.length === 0) return Promise.resolve({});
  if (process.env.TARO_ENV === 'h5') return standIn(tmplIds);
  return new Promise((resolve) => {
    try {
      Taro.requestSubscribeMessage({
        tmplIds,
        success: (res: unknown) => resolve(answersOf(res as Record<string, unknown>, tmplIds)),
        fail: () => resolve({}),
        // Taro's type also requires Alipay's entityIds, which WeChat does not take.
      } as unknown as Taro.requestSubscribeMessage.Option).catch(() => resolve({}));
    } catch {
      resolve({});
    }
  });
}

function answersOf(res: Record<string, unknown>, tmplIds: string[]): SubscribeAnswers {
  const answers: SubscribeAnswers = {};
  for (const id of tmplIds) {
    const answer = res[id];
    if (answer === 'accept' || answer === 'reject' || answer === 'ban' || answer === 'filter') answers[id] = answer;
  }
  return answers;
}
