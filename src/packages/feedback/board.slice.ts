import { callFunction } from '@/services/cloud';
import type { CloudError, CloudResult } from '@/services/cloud-result';
import type { BoardSort, Category, PostPage, PostStatus, PostView, ThreadView, VoteAnswer } from '@/services/feedback';
import { requestCounter, type LoadStatus } from '@/store/kit/load-state';
import type { FeedbackKit, Sent } from './feedback.slice';

// The board (by category, status and order, page after page), 我的反馈, a post's thread, and the
// two taps on a post: 我也是 (shown at once, taken back if the server says no) and 关注 (which
// asks for the "resolved" message on the same tap).

/** One thing loaded by id (a post's thread). */
export interface Keyed<T> {
  value: T | null;
  status: LoadStatus;
  error: CloudError | null;
}

export const EMPTY: Keyed<never> = { value: null, status: 'idle', error: null };

/** A paged list of posts (the board for one filter, 我的反馈). */
export interface PostList {
  posts: PostView[];
  /** The next page's cursor; null at the end. */
  cursor: string | null;
  status: LoadStatus;
  error: CloudError | null;
  moreStatus: 'idle' | 'loading' | 'error';
  moreError: CloudError | null;
}

export const emptyList = (): PostList => ({ posts: [], cursor: null, status: 'idle', error: null, moreStatus: 'idle', moreError: null });

export type CategoryFilter = Category | 'all';
/** The statuses the board filters by (merged posts are never listed on their own). */
export type StatusFilter = Exclude<PostStatus, 'duplicate'> | 'all';

export interface BoardFilter {
  category: CategoryFilter;
  status: StatusFilter;
  sort: BoardSort;
}

export interface BoardSlice {
  feedbackFilter: BoardFilter;
  feedbackBoard: PostList;
  myFeedback: PostList;
  feedbackThreads: Record<string, Keyed<ThreadView>>;
  /** Posts whose 我也是 is being sent (a tap meanwhile is ignored). */
  feedbackVoting: Record<string, true>;
  /** The post whose 关注 is being sent. */
  feedbackFollowing: string | null;
  feedbackFollowError: { postId: string; error: CloudError } | null;

  /** Another category, status or order: the board starts over (another query's posts are not shown). */
  setFeedbackFilter: (change: Partial<BoardFilter>) => Promise<void>;
  loadFeedbackBoard: () => Promise<void>;
  loadMoreFeedback: () => Promise<void>;
  loadMyFeedback: () => Promise<void>;
  loadMoreMyFeedback: () => Promise<void>;
  loadFeedbackThread: (postId: string) => Promise<void>;
  /**
   * 我也是 on (true) or off (false): the count and the button change at once; the server's live
   * count replaces the guess, and a refusal puts back what was shown. Null: already being sent.
   */
  voteFeedback: (postId: string, on: boolean) => Sent<VoteAnswer>;
  /** 关注 / 取消关注. Following asks for the "resolved" message first — call it straight from the tap. */
  followFeedback: (postId: string, on: boolean) => Sent<{ following: boolean }>;
}

export const initialBoardState = () =>
  ({
    feedbackFilter: { category: 'all', status: 'all', sort: 'new' } as BoardFilter,
    feedbackBoard: emptyList(),
    myFeedback: emptyList(),
    feedbackThreads: {},
    feedbackVoting: {},
    feedbackFollowing: null,
    feedbackFollowError: null,
  }) satisfies Partial<BoardSlice>;

type ListField = 'feedbackBoard' | 'myFeedback';
type Where = 'board' | 'mine' | 'thread';

/** The next page after what is shown, without posts already shown (a post can move up while pages load). */
const appendPosts = (shown: PostView[], page: PostView[]): PostView[] => {
  const seen = new Set(shown.map((p) => p.id));
  return [...shown, ...page.filter((p) => !seen.has(p.id))];
};

function pagedList(kit: FeedbackKit, field: ListField, request: (cursor: string | undefined) => Promise<CloudResult<PostPage>>) {
  let generation = 0;
  const patch = (change: Partial<PostList>) => kit.set({ [field]: { ...kit.get()[field], ...change } });

  const load = async () => {
    const mine = ++generation;
    const at = kit.epoch();
    const shown = kit.get()[field].status === 'ready';
    patch({ status: shown ? 'ready' : 'loading', error: null, moreStatus: 'idle', moreError: null });
    const result = await request(undefined);
    if (mine !== generation || at !== kit.epoch()) return;
    if (result.ok) patch({ posts: result.data.posts, cursor: result.data.cursor, status: 'ready' });
    else patch({ status: 'error', error: result.error });
  };

  const more = async () => {
    const list = kit.get()[field];
    if (!list.cursor || list.status !== 'ready' || list.moreStatus === 'loading') return;
    const mine = generation;
    const at = kit.epoch();
    patch({ moreStatus: 'loading', moreError: null });
    const result = await request(list.cursor);
    if (mine !== generation || at !== kit.epoch()) return;
    if (result.ok) patch({ posts: appendPosts(kit.get()[field].posts, result.data.posts), cursor: result.data.cursor, moreStatus: 'idle' });
    else patch({ moreStatus: 'error', moreError: result.error });
  };

  return { load, more, invalidate: () => void (generation += 1) };
}

export function boardActions(kit: FeedbackKit) {
  const { set, get } = kit;
  const threadCounters = new Map<string, ReturnType<typeof requestCounter>>();

  const board = pagedList(kit, 'feedbackBoard', (cursor) => {
    const { category, status, sort } = get().feedbackFilter;
    return callFunction('feedback', 'list', {
      sort,
      ...(category === 'all' ? {} : { category }),
      ...(status === 'all' ? {} : { status }),
      ...(cursor ? { cursor } : {}),
    });
  });
  const mine = pagedList(kit, 'myFeedback', (cursor) => callFunction('feedback', 'mine', cursor ? { cursor } : {}));

  /** Changes one post wherever it is shown: the board, 我的反馈 and its thread. */
  const patchPost = (postId: string, change: (post: PostView, where: Where) => PostView) => {
    const { feedbackBoard, myFeedback, feedbackThreads } = get();
    const inList = (list: PostList, where: Where): PostList =>
      list.posts.some((p) => p.id === postId) ? { ...list, posts: list.posts.map((p) => (p.id === postId ? change(p, where) : p)) } : list;
    const thread = feedbackThreads[postId];
    set({
      feedbackBoard: inList(feedbackBoard, 'board'),
      myFeedback: inList(myFeedback, 'mine'),
      ...(thread?.value
        ? { feedbackThreads: { ...feedbackThreads, [postId]: { ...thread, value: { ...thread.value, post: change(thread.value.post, 'thread') } } } }
        : {}),
    });
  };

  const setThread = (postId: string, entry: Partial<Keyed<ThreadView>>) =>
    set({ feedbackThreads: { ...get().feedbackThreads, [postId]: { ...(get().feedbackThreads[postId] ?? EMPTY), ...entry } } });

  const actions: Omit<BoardSlice, keyof ReturnType<typeof initialBoardState>> = {
    setFeedbackFilter: (change) => {
      const next = { ...get().feedbackFilter, ...change };
      set({ feedbackFilter: next, feedbackBoard: { ...emptyList(), status: 'loading' } });
      return board.load();
    },
    loadFeedbackBoard: board.load,
    loadMoreFeedback: board.more,
    loadMyFeedback: mine.load,
    loadMoreMyFeedback: mine.more,

    loadFeedbackThread: async (postId) => {
      const counter = threadCounters.get(postId) ?? requestCounter();
      threadCounters.set(postId, counter);
      const request = counter.next();
      const at = kit.epoch();
      const shown = get().feedbackThreads[postId]?.status === 'ready';
      setThread(postId, { status: shown ? 'ready' : 'loading', error: null });
      const result = await callFunction('feedback', 'detail', { postId });
      if (at !== kit.epoch() || !counter.isLatest(request)) return;
      if (result.ok) setThread(postId, { status: 'ready', value: result.data, error: null });
      else setThread(postId, { status: 'error', error: result.error });
    },

    voteFeedback: async (postId, on) => {
      if (get().feedbackVoting[postId]) return null;
      const at = kit.epoch();
      // What each place showed, to put back if the server says no.
      const before = new Map<Where, { votes: number; myVote: boolean }>();
      patchPost(postId, (post, where) => {
        before.set(where, { votes: post.votes, myVote: post.myVote });
        if (post.myVote === on) return post;
        return { ...post, myVote: on, votes: Math.max(0, post.votes + (on ? 1 : -1)) };
      });
      set({ feedbackVoting: { ...get().feedbackVoting, [postId]: true } });
      const result = await callFunction('feedback', 'vote', { postId, on });
      if (at !== kit.epoch()) return result;
      const { [postId]: _sent, ...stillVoting } = get().feedbackVoting;
      set({ feedbackVoting: stillVoting });
      if (result.ok) {
        patchPost(postId, (post) => ({ ...post, myVote: result.data.voted, votes: result.data.votes }));
      } else {
        patchPost(postId, (post, where) => ({ ...post, ...(before.get(where) ?? {}) }));
        kit.askToJoin(result.error);
      }
      return result;
    },

    followFeedback: (postId, on) => {
      if (get().feedbackFollowing) return Promise.resolve(null);
      const at = kit.epoch();
      set({ feedbackFollowing: postId, feedbackFollowError: null });
      // Before anything is awaited: WeChat shows its prompt only inside the tap.
      const asking = kit.ask(on ? ['feedback_resolved'] : [], 'follow');
      return asking.then(async (accepted) => {
        const result = await callFunction('feedback', 'follow', { postId, on, accepted });
        if (at !== kit.epoch()) return result;
        set({ feedbackFollowing: null });
        if (result.ok) patchPost(postId, (post) => ({ ...post, following: result.data.following }));
        else if (!kit.askToJoin(result.error)) set({ feedbackFollowError: { postId, error: result.error } });
        return result;
      });
    },
  };

  return {
    actions,
    forget: () => {
      board.invalidate();
      mine.invalidate();
      threadCounters.clear();
    },
  };
}
