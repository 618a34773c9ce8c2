import { callFunction } from './cloud';
import { type CloudResult, networkFailure } from './cloud-result';
import type { DrawProof } from './contracts';
import { postToGateway } from './gateway-http';
import { readSession } from './session-token';
import { fetchTemplateIds, type TemplateIds } from './subscribe';

// What the draws area needs beyond plain calls: WeChat's result-message opt-in (asked on the tap
// that enters; the prompt is services/subscribe.ts), and the published proof, which anyone may
// read — on h5 without having picked an identity. Imported by the draws subpackage's store only,
// so none of it is in the main package.

/** The messages a draw sends: its result, and the promotion of a waitlisted entrant. */
export type DrawMessageKind = 'draw_result' | 'draw_promoted';
export type DrawTemplateIds = TemplateIds<DrawMessageKind>;

// The prompt and the answers are every feature's (services/subscribe.ts).
export { askForMessages, type SubscribeAnswer, type SubscribeAnswers } from './subscribe';

/**
 * The template ids to ask for (member.notifyTemplates). Without them — the notifications module is
 * not deployed, or the call failed — the app asks nothing and enters without messages: the member
 * still sees the result in 我的抽签.
 */
export const fetchDrawTemplates = (): Promise<DrawTemplateIds> => fetchTemplateIds(['draw_result', 'draw_promoted']);

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
