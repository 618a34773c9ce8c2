import type { StateCreator } from 'zustand';
import { callFunction } from '@/services/cloud';
import type { CloudError, CloudResult } from '@/services/cloud-result';
import type { DataOf, PayloadOf } from '@/services/contracts';
import { idleLoad, sectionLoader, type LoadState } from '@/store/kit/load-state';
import type { AdminToolsState as AppState } from '../store';
import type { ModeratePayload, StaffPostView } from './feedback.slice';

// 反馈处理 in the staff area: one post with everything needed to judge it, and what staff do to it
// (review, public reply, status, merge into another, reward). After every action the post is read
// again, so the page shows what the server holds; a review decision also takes the post out of
// the list shown on 吐槽审核 (the queue, or the hidden or rejected posts).

export type FeedbackPostDetail = DataOf<'admin', 'feedbackPost'>;
export type SettableStatus = PayloadOf<'admin', 'setFeedbackStatus'>['status'];
export type MergeAnswer = DataOf<'admin', 'mergeFeedback'>;
export type RewardAnswer = DataOf<'admin', 'rewardFeedback'>;
export type ReplyAnswer = DataOf<'admin', 'replyFeedback'>;
export type ChangedAnswer = DataOf<'admin', 'setFeedbackStatus'>;

export type FeedbackPostAction = 'approve' | 'reject' | 'hide' | 'restore' | 'reply' | 'status' | 'merge' | 'reward';

export type AdminFeedbackPostSlice = LoadState<'feedbackPost'> &
  LoadState<'feedbackMerge'> & {
    /** The open post's answer: the post, its replies, its allowed status moves, templates, reward terms. */
    feedbackPost: FeedbackPostDetail | null;
    /** The action being sent on the open post (its buttons wait meanwhile). */
    feedbackPostActing: FeedbackPostAction | null;
    /** Why the last action was refused. */
    feedbackPostActionError: { action: FeedbackPostAction; error: CloudError } | null;
    /** Posts the open one may be merged into: the board's, every category. */
    feedbackMergeCandidates: StaffPostView[];

    loadFeedbackPost: (postId: string) => Promise<void>;
    moderateFeedbackPost: (payload: ModeratePayload) => Promise<CloudResult<ChangedAnswer>>;
    replyFeedbackPost: (postId: string, text: string) => Promise<CloudResult<ReplyAnswer>>;
    setFeedbackPostStatus: (postId: string, status: SettableStatus) => Promise<CloudResult<ChangedAnswer>>;
    /** Merges the post into another; `complete` false means asking again finishes it. */
    mergeFeedbackPost: (postId: string, intoPostId: string) => Promise<CloudResult<MergeAnswer>>;
    rewardFeedbackPost: (postId: string, points: number, note: string) => Promise<CloudResult<RewardAnswer>>;
    loadFeedbackMergeCandidates: () => Promise<void>;
    clearFeedbackPostError: () => void;
    resetAdminFeedbackPost: () => void;
  };

const initial = () =>
  ({
    ...idleLoad('feedbackPost'),
    ...idleLoad('feedbackMerge'),
    feedbackPost: null,
    feedbackPostActing: null,
    feedbackPostActionError: null,
    feedbackMergeCandidates: [],
  }) satisfies Partial<AdminFeedbackPostSlice>;

export const createAdminFeedbackPostSlice: StateCreator<AppState, [], [], AdminFeedbackPostSlice> = (set, get) => {
  let epoch = 0;
  const detail = sectionLoader(set, get, 'feedbackPost', {
    request: (postId: string) => callFunction('admin', 'feedbackPost', { postId }),
    done: (data) => ({ feedbackPost: data }),
    // Another post's detail is not shown while this one loads.
    start: (postId: string) => (get().feedbackPost?.post.id === postId ? {} : { feedbackPost: null, feedbackPostStatus: 'loading' as const }),
  });
  const merge = sectionLoader(set, get, 'feedbackMerge', {
    request: () => callFunction('admin', 'feedbackBoard', {}),
    done: (data) => ({ feedbackMergeCandidates: data.columns.flatMap((column) => column.posts) }),
  });

  /** Sends `request`; then, whatever the answer, reads the post again (a refusal may mean it changed meanwhile). */
  const act = async <T>(action: FeedbackPostAction, postId: string, request: () => Promise<CloudResult<T>>): Promise<CloudResult<T>> => {
    const at = epoch;
    set({ feedbackPostActing: action, feedbackPostActionError: null });
    const result = await request();
    if (at !== epoch) return result;
    await get().loadFeedbackPost(postId);
    if (at !== epoch) return result;
    set({ feedbackPostActing: null, feedbackPostActionError: result.ok ? null : { action, error: result.error } });
    return result;
  };

  return {
    ...initial(),
    loadFeedbackPost: detail.load,
    loadFeedbackMergeCandidates: merge.load,

    moderateFeedbackPost: async (payload) => {
      const result = await act(payload.decision, payload.postId, () => callFunction('admin', 'moderateFeedback', payload));
      // Decided here, or already decided by someone else: either way it no longer belongs to the list
      // 吐槽审核 shows (waiting, hidden or rejected) unless it is still in that state (a refused restore).
      if (get().feedbackPost?.post.review !== get().feedbackQueueReview) get().dropFromFeedbackQueue(payload.postId);
      return result;
    },
    replyFeedbackPost: (postId, text) => act('reply', postId, () => callFunction('admin', 'replyFeedback', { postId, text })),
    setFeedbackPostStatus: (postId, status) => act('status', postId, () => callFunction('admin', 'setFeedbackStatus', { postId, status })),
    mergeFeedbackPost: (postId, intoPostId) => act('merge', postId, () => callFunction('admin', 'mergeFeedback', { postId, intoPostId })),
    rewardFeedbackPost: (postId, points, note) => act('reward', postId, () => callFunction('admin', 'rewardFeedback', { postId, points, note })),

    clearFeedbackPostError: () => set({ feedbackPostActionError: null }),
    resetAdminFeedbackPost: () => {
      epoch += 1;
      detail.invalidate();
      merge.invalidate();
      set(initial());
    },
  };
};
