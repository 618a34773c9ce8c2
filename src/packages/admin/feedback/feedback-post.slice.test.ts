import { callFunctionMock, createAdminStore, sent } from '@/test-support/admin-test-kit';
import type { Reply } from '@/test-support/replies';
import { boardColumns, postDetail, publishedPost, staffPost } from '@/test-support/feedback-staff-fixtures';

// The 反馈处理 slice with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const pending = staffPost({ text: '包装破损了' });
const published = publishedPost({ id: pending.id, text: '包装破损了' });

/** Answers each admin action from `answers` (a list is used in order). */
function answer(answers: Record<string, Reply | Reply[]>) {
  callFunctionMock.mockImplementation(async (_name, action) => {
    const reply = answers[action];
    if (Array.isArray(reply)) return reply.shift()!;
    if (reply) return reply;
    throw new Error(`unexpected ${action}`);
  });
}

beforeEach(() => callFunctionMock.mockReset());

describe('反馈处理 slice', () => {
  it('approving from the post reads it again and takes it out of the queue', async () => {
    const store = createAdminStore();
    answer({
      feedbackQueue: { ok: true, data: { posts: [pending, staffPost()], cursor: null, waiting: 2 } },
      feedbackPost: [
        { ok: true, data: postDetail({ post: pending }) },
        { ok: true, data: postDetail({ post: published }) },
      ],
      moderateFeedback: { ok: true, data: { postId: pending.id, review: 'published', status: 'open' } },
    });
    await store.getState().loadFeedbackQueue();
    await store.getState().loadFeedbackPost(pending.id);

    const result = await store.getState().moderateFeedbackPost({ postId: pending.id, decision: 'approve' });
    expect(result.ok).toBe(true);
    expect(sent('feedbackPost')).toHaveLength(2);
    expect(store.getState().feedbackPost?.post.review).toBe('published');
    expect(store.getState().feedbackQueue.map((p) => p.id)).not.toContain(pending.id);
    expect(store.getState()).toMatchObject({ feedbackQueueWaiting: 1, feedbackPostActing: null, feedbackPostActionError: null });
  });

  it('restoring a hidden post from its page takes it out of the hidden list; a refused restore keeps it there', async () => {
    const store = createAdminStore();
    const hidden = staffPost({ text: '图片有联系方式', review: 'hidden', reviewName: '已隐藏', reviewReason: '图片未通过内容安全检测', waitingMinutes: null });
    const other = staffPost({ text: '含不文明用语', review: 'hidden', reviewName: '已隐藏', reviewReason: '含不文明用语', waitingMinutes: null });
    answer({
      feedbackQueue: { ok: true, data: { posts: [hidden, other], cursor: null, waiting: 2 } },
      feedbackPost: [
        { ok: true, data: postDetail({ post: other }) },
        { ok: true, data: postDetail({ post: other }) },
        { ok: true, data: postDetail({ post: hidden }) },
        { ok: true, data: postDetail({ post: { ...hidden, review: 'published', reviewName: '已公开', reviewReason: null } }) },
      ],
      moderateFeedback: [
        { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } },
        { ok: true, data: { postId: hidden.id, review: 'published', status: 'open' } },
      ],
    });
    await store.getState().loadFeedbackQueue('hidden');

    // Refused: the post is still hidden, so it stays in the hidden list.
    await store.getState().loadFeedbackPost(other.id);
    await store.getState().moderateFeedbackPost({ postId: other.id, decision: 'restore' });
    expect(store.getState().feedbackQueue.map((p) => p.id)).toEqual([hidden.id, other.id]);

    await store.getState().loadFeedbackPost(hidden.id);
    await store.getState().moderateFeedbackPost({ postId: hidden.id, decision: 'restore' });
    expect(sent('moderateFeedback')[1]).toEqual({ postId: hidden.id, decision: 'restore' });
    expect(store.getState().feedbackQueue.map((p) => p.id)).toEqual([other.id]);
    expect(store.getState().feedbackQueueWaiting).toBe(1);
  });

  it('a refusal is kept with its action, and the post is read again anyway', async () => {
    const store = createAdminStore();
    answer({
      feedbackPost: { ok: true, data: postDetail({ post: published }) },
      setFeedbackStatus: { ok: false, error: { code: 'FEEDBACK_WRONG_STATE', message: '「已解决」不能改为「已收到」' } },
    });
    await store.getState().loadFeedbackPost(published.id);
    await store.getState().setFeedbackPostStatus(published.id, 'acknowledged');
    expect(sent('setFeedbackStatus')).toEqual([{ postId: published.id, status: 'acknowledged' }]);
    expect(sent('feedbackPost')).toHaveLength(2);
    expect(store.getState().feedbackPostActionError).toEqual({
      action: 'status',
      error: { code: 'FEEDBACK_WRONG_STATE', message: '「已解决」不能改为「已收到」' },
    });
  });

  it('replies, merges (a cut-short merge says so) and rewards with what staff typed', async () => {
    const store = createAdminStore();
    const target = publishedPost({ text: '同样遇到包装破损' });
    answer({
      feedbackPost: { ok: true, data: postDetail({ post: published }) },
      replyFeedback: { ok: true, data: { reply: { id: 'fbr_1', text: '已安排补发', at: '2025-04-01T03:00:00.000Z', official: true } } },
      mergeFeedback: { ok: true, data: { postId: published.id, review: 'published', status: 'duplicate', intoPostId: target.id, votes: 7, complete: false } },
      rewardFeedback: { ok: true, data: { postId: published.id, points: 300, replayed: false } },
    });
    await store.getState().replyFeedbackPost(published.id, '已安排补发');
    const merged = await store.getState().mergeFeedbackPost(published.id, target.id);
    const rewarded = await store.getState().rewardFeedbackPost(published.id, 300, '新增加固包装');

    expect(sent('replyFeedback')).toEqual([{ postId: published.id, text: '已安排补发' }]);
    expect(sent('mergeFeedback')).toEqual([{ postId: published.id, intoPostId: target.id }]);
    expect(merged.ok && merged.data.complete).toBe(false);
    expect(sent('rewardFeedback')).toEqual([{ postId: published.id, points: 300, note: '新增加固包装' }]);
    expect(rewarded.ok && rewarded.data.points).toBe(300);
  });

  it('offers the board’s posts of every category as merge targets', async () => {
    const store = createAdminStore();
    const posts = [publishedPost({ category: 'logistics' }), publishedPost({ status: 'planned', statusName: '已计划' })];
    answer({ feedbackBoard: { ok: true, data: { columns: boardColumns(posts) } } });
    await store.getState().loadFeedbackMergeCandidates();
    expect(sent('feedbackBoard')).toEqual([{}]);
    expect(
      store
        .getState()
        .feedbackMergeCandidates.map((p) => p.id)
        .sort(),
    ).toEqual(posts.map((p) => p.id).sort());
  });

  it('an answer after a reset changes nothing', async () => {
    const store = createAdminStore();
    let release: (reply: Reply) => void = () => undefined;
    callFunctionMock.mockReturnValueOnce(new Promise((resolve) => (release = resolve)));
    const replying = store.getState().replyFeedbackPost(published.id, '收到');
    store.getState().resetAdminFeedbackPost();
    release({ ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } });
    await replying;
    expect(store.getState()).toMatchObject({ feedbackPostActing: null, feedbackPostActionError: null, feedbackPost: null });
  });
});
