import type { StateCreator } from 'zustand';
import { callFunction } from '@/services/cloud';
import type { CloudError, CloudResult } from '@/services/cloud-result';
import type { DataOf, PayloadOf } from '@/services/contracts';
import { idleLoad, sectionLoader, type LoadState } from '@/store/kit/load-state';
import type { AdminToolsState as AppState } from '../store';

// 吐槽审核 in the staff area: the moderation queue (oldest first, paged by the server's cursor),
// the posts set aside (hidden or rejected, the latest decided first, to restore or take a second
// look), the planning board by status and the open items' counts. Moderators and admins; the
// server checks the role and audits every call. A decision taken from the queue takes the card
// away at once (staff on a phone clear it fast); a refusal puts it back with the reason.

// Derived from the contract rather than re-exported by it, so the contracts file stays as it is.
export type StaffPostView = DataOf<'admin', 'feedbackQueue'>['posts'][number];
export type FeedbackCategory = StaffPostView['category'];
export type FeedbackStatus = StaffPostView['status'];
export type FeedbackReview = StaffPostView['review'];
export type FeedbackBoardColumn = DataOf<'admin', 'feedbackBoard'>['columns'][number];
export type FeedbackStatsView = DataOf<'admin', 'feedbackStats'>;
export type ModeratePayload = PayloadOf<'admin', 'moderateFeedback'>;
export type ModerateDecision = ModeratePayload['decision'];
export type ModerateResult = CloudResult<DataOf<'admin', 'moderateFeedback'>>;
/** Which list the queue section shows: waiting for review, or set aside by staff (or the image check). */
export type QueueReview = NonNullable<PayloadOf<'admin', 'feedbackQueue'>['review']>;

/** Codes that mean another staff member decided the post first: its card stays gone. */
const DECIDED_ELSEWHERE: ReadonlySet<string> = new Set(['FEEDBACK_WRONG_STATE', 'NOT_FOUND']);

export type AdminFeedbackSlice = LoadState<'feedbackQueue'> &
  LoadState<'feedbackBoard'> &
  LoadState<'feedbackStats'> & {
    /** Which list `feedbackQueue` holds: 'pending' (the queue proper), 'hidden' or 'rejected'. */
    feedbackQueueReview: QueueReview;
    /** The list's posts page after page: waiting ones oldest first (decided ones leave at once), set-aside ones latest decided first. */
    feedbackQueue: StaffPostView[];
    /** The server's cursor after the last page shown; null at the end. */
    feedbackQueueCursor: string | null;
    /** How many the list holds in all (the server's count, less what left it since). */
    feedbackQueueWaiting: number;
    /** The "加载更多" request: its own state, so a failure keeps the cards shown. */
    feedbackQueueMoreStatus: 'idle' | 'loading' | 'error';
    feedbackQueueMoreError: CloudError | null;
    /** Why a decision on a card was refused (the card is back in the list), by post. */
    feedbackQueueErrors: Record<string, CloudError>;
    /** A decision another staff member had already taken: said once above the list. */
    feedbackQueueNotice: string | null;

    feedbackBoard: FeedbackBoardColumn[];
    /** The category the board shows (null: all). */
    feedbackBoardCategory: FeedbackCategory | null;

    feedbackStats: FeedbackStatsView | null;

    /** The first page of the list `review` (default: the one shown); another list's cards are not kept meanwhile. */
    loadFeedbackQueue: (review?: QueueReview) => Promise<void>;
    /** The page after the last card shown. */
    loadMoreFeedbackQueue: () => Promise<void>;
    /** Approves, rejects or hides a queued post: its card leaves at once; a refusal brings it back. */
    moderateQueued: (payload: ModeratePayload) => Promise<ModerateResult>;
    /** A post decided elsewhere (its own page) leaves the list shown too. */
    dropFromFeedbackQueue: (postId: string) => void;
    loadFeedbackBoard: (category: FeedbackCategory | null) => Promise<void>;
    loadFeedbackStats: () => Promise<void>;
    resetAdminFeedback: () => void;
  };

const initial = () =>
  ({
    ...idleLoad('feedbackQueue'),
    ...idleLoad('feedbackBoard'),
    ...idleLoad('feedbackStats'),
    feedbackQueueReview: 'pending',
    feedbackQueue: [],
    feedbackQueueCursor: null,
    feedbackQueueWaiting: 0,
    feedbackQueueMoreStatus: 'idle',
    feedbackQueueMoreError: null,
    feedbackQueueErrors: {},
    feedbackQueueNotice: null,
    feedbackBoard: [],
    feedbackBoardCategory: null,
    feedbackStats: null,
  }) satisfies Partial<AdminFeedbackSlice>;

/** The next page after what is shown, without cards already shown. */
const appendCards = (shown: StaffPostView[], page: StaffPostView[]) => {
  const seen = new Set(shown.map((post) => post.id));
  return [...shown, ...page.filter((post) => !seen.has(post.id))];
};

/** The payload for a list: pending is the server's default, so the queue's requests stay as they were. */
const listPayload = (review: QueueReview, cursor?: string) => ({ ...(cursor ? { cursor } : {}), ...(review === 'pending' ? {} : { review }) });

const withoutKey = <T>(record: Record<string, T>, key: string): Record<string, T> => {
  if (!(key in record)) return record;
  const { [key]: _gone, ...rest } = record;
  return rest;
};

export const createAdminFeedbackSlice: StateCreator<AppState, [], [], AdminFeedbackSlice> = (set, get) => {
  const queue = sectionLoader(set, get, 'feedbackQueue', {
    request: (review?: QueueReview) => callFunction('admin', 'feedbackQueue', listPayload(review ?? get().feedbackQueueReview)),
    done: (data) => ({ feedbackQueue: data.posts, feedbackQueueCursor: data.cursor, feedbackQueueWaiting: data.waiting }),
    start: (review?: QueueReview) => {
      const shown = get().feedbackQueueReview;
      const next = review ?? shown;
      return {
        feedbackQueueReview: next,
        feedbackQueueMoreStatus: 'idle' as const,
        feedbackQueueMoreError: null,
        feedbackQueueErrors: {},
        feedbackQueueNotice: null,
        // Another list's cards (and count) are not an answer to this one.
        ...(next === shown ? {} : { feedbackQueueStatus: 'loading' as const, feedbackQueue: [], feedbackQueueCursor: null, feedbackQueueWaiting: 0 }),
      };
    },
  });
  const board = sectionLoader(set, get, 'feedbackBoard', {
    request: (category: FeedbackCategory | null) => callFunction('admin', 'feedbackBoard', category ? { category } : {}),
    done: (data) => ({ feedbackBoard: data.columns }),
    // Another category's columns are not an answer to this one.
    start: (category: FeedbackCategory | null) => ({
      feedbackBoardCategory: category,
      ...(get().feedbackBoardCategory === category ? {} : { feedbackBoardStatus: 'loading' as const, feedbackBoard: [] }),
    }),
  });
  const stats = sectionLoader(set, get, 'feedbackStats', {
    request: () => callFunction('admin', 'feedbackStats', {}),
    done: (data) => ({ feedbackStats: data }),
  });

  const drop = (postId: string) => {
    const cards = get().feedbackQueue;
    if (!cards.some((post) => post.id === postId)) return;
    set({ feedbackQueue: cards.filter((post) => post.id !== postId), feedbackQueueWaiting: Math.max(0, get().feedbackQueueWaiting - 1) });
  };

  return {
    ...initial(),
    loadFeedbackQueue: queue.load,
    loadFeedbackBoard: board.load,
    loadFeedbackStats: stats.load,

    loadMoreFeedbackQueue: async () => {
      const { feedbackQueueStatus, feedbackQueueCursor, feedbackQueueMoreStatus, feedbackQueueReview } = get();
      if (feedbackQueueStatus !== 'ready' || !feedbackQueueCursor || feedbackQueueMoreStatus === 'loading') return;
      const mine = queue.current();
      set({ feedbackQueueMoreStatus: 'loading', feedbackQueueMoreError: null });
      const result = await callFunction('admin', 'feedbackQueue', listPayload(feedbackQueueReview, feedbackQueueCursor));
      // A reload of the first page (or another list) meanwhile made this page meaningless.
      if (mine !== queue.current()) return;
      if (result.ok) {
        set({
          feedbackQueue: appendCards(get().feedbackQueue, result.data.posts),
          feedbackQueueCursor: result.data.cursor,
          feedbackQueueWaiting: result.data.waiting,
          feedbackQueueMoreStatus: 'idle',
        });
      } else {
        set({ feedbackQueueMoreStatus: 'error', feedbackQueueMoreError: result.error });
      }
    },

    moderateQueued: async (payload) => {
      const mine = queue.current();
      const cards = get().feedbackQueue;
      const index = cards.findIndex((post) => post.id === payload.postId);
      const card = index >= 0 ? cards[index] : null;
      set({ feedbackQueueErrors: withoutKey(get().feedbackQueueErrors, payload.postId), feedbackQueueNotice: null });
      drop(payload.postId);
      const result = await callFunction('admin', 'moderateFeedback', payload);
      if (mine !== queue.current() || result.ok || !card) return result;
      if (DECIDED_ELSEWHERE.has(result.error.code)) {
        set({ feedbackQueueNotice: '有反馈已被其他工作人员处理，已从队列移除' });
        return result;
      }
      // Back where it was (the queue is oldest first), with why it was refused.
      const now = get().feedbackQueue;
      const at = Math.min(index, now.length);
      set({
        feedbackQueue: [...now.slice(0, at), card, ...now.slice(at)],
        feedbackQueueWaiting: get().feedbackQueueWaiting + 1,
        feedbackQueueErrors: { ...get().feedbackQueueErrors, [card.id]: result.error },
      });
      return result;
    },

    dropFromFeedbackQueue: drop,

    resetAdminFeedback: () => {
      queue.invalidate();
      board.invalidate();
      stats.invalidate();
      set(initial());
    },
  };
};
