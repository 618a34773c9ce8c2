import type { StateCreator } from 'zustand';
import type { CloudError, CloudResult } from '@/services/cloud-result';
import type { FeedbackNoticeKind, ThreadView } from '@/services/feedback';
import { acceptedKinds, askForMessages, fetchTemplateIds, templateIdsOf, type SubscribeAnswers, type TemplateIds } from '@/services/subscribe';
import { boardActions, EMPTY, initialBoardState, type BoardFilter, type BoardSlice, type Keyed } from './board.slice';
import { composeActions, initialComposeState, type ComposeSlice } from './compose.slice';
import type { FeedbackState as AppState } from './store';

// 吐槽中心's client state: the board, a post's thread, 我的反馈, 我也是 (optimistic), 关注, and the
// compose form with its uploads and its request id. Who may see what, the counts and every
// refusal are the server's; this slice remembers answers and sends each change once.
//
// The board, threads and votes are board.slice.ts; the form is compose.slice.ts. What both
// use — the message prompt, the join prompt, the reset — is here.

/** What the h5 stand-in prompt asks about: the author's messages (posting) or "resolved" (following). */
export type SubscribePurpose = 'post' | 'follow';

export type FeedbackSlice = BoardSlice &
  ComposeSlice & {
    /** The messages' template ids (null until read; {} when there are none). */
    feedbackTemplates: TemplateIds<FeedbackNoticeKind> | null;
    /** h5's stand-in for WeChat's subscription prompt, while it waits for 允许 or 拒绝. */
    feedbackSubscribeSheet: { tmplIds: string[]; purpose: SubscribePurpose } | null;
    /** A visitor tried something only members may do: the sentence, and the page offers joining. */
    feedbackJoinAsk: string | null;

    loadFeedbackTemplates: () => Promise<void>;
    /** The stand-in sheet's 允许 (true) or 拒绝 (false). */
    answerFeedbackSubscribe: (accept: boolean) => void;
    dismissFeedbackJoin: () => void;
    resetFeedback: () => void;
  };

/** What the two halves of the slice share. */
export interface FeedbackKit {
  set: (partial: Partial<AppState>) => void;
  get: () => AppState;
  /** Bumped by a reset (another identity): answers to requests sent before it are dropped. */
  epoch: () => number;
  /**
   * Asks for the messages of `kinds` and resolves to the kinds accepted. Call it straight from the
   * tap, before anything is awaited: WeChat shows its prompt only inside the tap.
   */
  ask: (kinds: readonly FeedbackNoticeKind[], purpose: SubscribePurpose) => Promise<FeedbackNoticeKind[]>;
  /** The refusal of a visitor: the page offers joining. True when it was one. */
  askToJoin: (error: CloudError) => boolean;
}

export type { BoardFilter, Keyed };
export type { PostList, CategoryFilter, StatusFilter } from './board.slice';

const initialSharedState = () =>
  ({
    feedbackTemplates: null,
    feedbackSubscribeSheet: null,
    feedbackJoinAsk: null,
  }) satisfies Partial<FeedbackSlice>;

export const createFeedbackSlice: StateCreator<AppState, [], [], FeedbackSlice> = (set, get) => {
  let epoch = 0;
  let sheet: { tmplIds: string[]; resolve: (answers: SubscribeAnswers) => void } | null = null;

  const standIn = (purpose: SubscribePurpose) => (tmplIds: string[]) =>
    new Promise<SubscribeAnswers>((resolve) => {
      sheet?.resolve({});
      sheet = { tmplIds, resolve };
      set({ feedbackSubscribeSheet: { tmplIds, purpose } });
    });

  const kit: FeedbackKit = {
    set,
    get,
    epoch: () => epoch,
    ask: (kinds, purpose) => {
      const templates = get().feedbackTemplates ?? {};
      return askForMessages(templateIdsOf(templates, kinds), standIn(purpose)).then((answers) => acceptedKinds(templates, kinds, answers));
    },
    askToJoin: (error) => {
      if (error.code !== 'NOT_A_MEMBER') return false;
      set({ feedbackJoinAsk: /[\u4e00-\u9fff]/.test(error.message) ? error.message : '加入会员后即可参与吐槽中心' });
      return true;
    },
  };

  const board = boardActions(kit);
  const compose = composeActions(kit);

  return {
    ...initialBoardState(),
    ...initialComposeState(),
    ...initialSharedState(),
    ...board.actions,
    ...compose.actions,

    loadFeedbackTemplates: async () => {
      if (get().feedbackTemplates) return;
      const at = epoch;
      const templates = await fetchTemplateIds(['feedback_update', 'feedback_reply', 'feedback_resolved'] as const);
      if (at === epoch) set({ feedbackTemplates: templates });
    },

    answerFeedbackSubscribe: (accept) => {
      const asked = sheet;
      sheet = null;
      set({ feedbackSubscribeSheet: null });
      asked?.resolve(Object.fromEntries(asked.tmplIds.map((id) => [id, accept ? 'accept' : 'reject'])));
    },

    dismissFeedbackJoin: () => set({ feedbackJoinAsk: null }),

    resetFeedback: () => {
      epoch += 1;
      board.forget();
      compose.forget();
      sheet?.resolve({});
      sheet = null;
      set({ ...initialBoardState(), ...initialComposeState(), ...initialSharedState() });
    },
  };
};

/** The answer of a call, typed for callers that only look at `ok` and the error. */
export type Sent<T> = Promise<CloudResult<T> | null>;

export const selectFeedbackThread =
  (postId: string) =>
  (state: AppState): Keyed<ThreadView> =>
    state.feedbackThreads[postId] ?? EMPTY;
