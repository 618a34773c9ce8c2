import Taro from '@tarojs/taro';
import { callFunction } from './cloud';
import { type CloudResult, networkFailure } from './cloud-result';
import type { DrawProof } from './contracts';
import { postToGateway } from './gateway-http';
import { readSession } from './session-token';

// What the draws area needs beyond plain calls: WeChat's result-message opt-in (asked on the tap
// that enters), and the published proof, which anyone may read — on h5 without having picked an
// identity. Imported by the draws subpackage's store only, so none of it is in the main package.

/** The messages a draw sends: its result, and the promotion of a waitlisted entrant. */
export type DrawMessageKind = 'draw_result' | 'draw_promoted';
export type DrawTemplateIds = Partial<Record<DrawMessageKind, string>>;

/** WeChat's answer per template id: only 'accept' lets the brand send that message (once). */
export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter';
export type SubscribeAnswers = Record<string, SubscribeAnswer>;

/**
 * The template ids to ask for (member.notifyTemplates). Without them — the notifications module is
 * not deployed, or the call failed — the app asks nothing and enters without messages: the member
 * still sees the result in 我的抽签.
 */
export async function fetchDrawTemplates(): Promise<DrawTemplateIds> {
  const result = await callFunction('member', 'notifyTemplates', {});
  if (!result.ok) return {};
  const templates = result.data.templates as Partial<Record<string, unknown>>;
  const ids: DrawTemplateIds = {};
  for (const kind of ['draw_result', 'draw_promoted'] as const) {
    const id = templates[kind];
    if (typeof id === 'string' && id) ids[kind] = id;
  }
  return ids;
}

/**
 * Asks the member for the messages, answering per template id. WeChat shows its prompt only when
 * this runs inside a tap handler, so the caller calls it before awaiting anything. On h5 there is
 * no WeChat prompt: `standIn` asks instead (the draws pages' own sheet) and answers the same way.
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

// ---------------------------------------------------------------------------------------------
// The public proof. On h5 a person who has not picked an identity (an auditor given the link)
// reads it under a throwaway session that is never stored, as the persona list is read.

let throwaway: Promise<string | null> | null = null;

function throwawayToken(): Promise<string | null> {
  throwaway ??= postToGateway('/gateway/login', {}).then((reply) => {
    const token = reply.kind === 'ok' ? (reply.body as { token?: unknown } | null)?.token : null;
    if (typeof token === 'string') return token;
    throwaway = null;
    return null;
  });
  return throwaway;
}

async function publicCall<A extends 'proof' | 'proofEntries'>(action: A, payload: A extends 'proof' ? { drawId: string } : { drawId: string; after?: string }) {
  if (process.env.TARO_ENV === 'h5' && !readSession()) {
    const token = await throwawayToken();
    if (!token) return networkFailure();
    return callFunction('draws', action, payload as never, { sessionToken: token });
  }
  return callFunction('draws', action, payload as never);
}

export async function fetchDrawProof(drawId: string): Promise<CloudResult<{ proof: DrawProof }>> {
  return (await publicCall('proof', { drawId })) as CloudResult<{ proof: DrawProof }>;
}

/** Pages of published ids (5,000 each) the list may have: 500,000 entries, far beyond any draw's. */
const MAX_PROOF_PAGES = 100;

/** Every published entry id of a drawn draw, ascending, read page by page. */
export async function fetchProofEntries(drawId: string): Promise<CloudResult<string[]>> {
  const ids: string[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PROOF_PAGES; page++) {
    const result = (await publicCall('proofEntries', { drawId, ...(after ? { after } : {}) })) as CloudResult<{ entryIds: string[]; next: string | null }>;
    if (!result.ok) return result;
    ids.push(...result.data.entryIds);
    if (!result.data.next) return { ok: true, data: ids };
    after = result.data.next;
  }
  return { ok: true, data: ids };
}
