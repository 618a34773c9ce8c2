import { callFunctionMock, createAdminStore, sent, storeLoaded } from '@/test-support/admin-test-kit';
import { deferred, type Reply } from '@/test-support/replies';
import { boardColumns, FEEDBACK_SETTINGS_REFUSAL, feedbackSettingsView, publishedPost, staffPost } from '@/test-support/feedback-staff-fixtures';

// The 吐槽审核 slices with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const first = staffPost({ text: '第一条：咖啡豆受潮' });
const second = staffPost({ text: '第二条：配送太慢' });
const third = staffPost({ text: '第三条：杯子有裂缝' });

const queueLoaded = () => storeLoaded({ ok: true, data: { posts: [first, second], cursor: 'c-after-2', waiting: 3 } }, (state) => state.loadFeedbackQueue());

const texts = (store: Awaited<ReturnType<typeof queueLoaded>>) => store.getState().feedbackQueue.map((post) => post.text);

beforeEach(() => callFunctionMock.mockReset());

describe('the review queue', () => {
  it('loads the oldest first, then the next page from the cursor, without repeating a card', async () => {
    const store = await queueLoaded();
    expect(sent('feedbackQueue')).toEqual([{}]);
    expect(store.getState()).toMatchObject({ feedbackQueueStatus: 'ready', feedbackQueueWaiting: 3, feedbackQueueCursor: 'c-after-2' });

    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { posts: [second, third], cursor: null, waiting: 3 } });
    await store.getState().loadMoreFeedbackQueue();
    expect(sent('feedbackQueue')[1]).toEqual({ cursor: 'c-after-2' });
    expect(texts(store)).toEqual(['第一条：咖啡豆受潮', '第二条：配送太慢', '第三条：杯子有裂缝']);
    expect(store.getState().feedbackQueueCursor).toBeNull();

    // At the end there is nothing more to ask for.
    await store.getState().loadMoreFeedbackQueue();
    expect(sent('feedbackQueue')).toHaveLength(2);
  });

  it('keeps the cards shown when the next page fails', async () => {
    const store = await queueLoaded();
    callFunctionMock.mockResolvedValueOnce({ ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } });
    await store.getState().loadMoreFeedbackQueue();
    expect(store.getState()).toMatchObject({ feedbackQueueMoreStatus: 'error', feedbackQueueMoreError: { code: 'NETWORK_ERROR' } });
    expect(texts(store)).toHaveLength(2);
  });

  it('approving takes the card away at once, before the server answers', async () => {
    const store = await queueLoaded();
    const answer = deferred();
    callFunctionMock.mockReturnValueOnce(answer.promise);
    const approving = store.getState().moderateQueued({ postId: first.id, decision: 'approve' });
    expect(texts(store)).toEqual(['第二条：配送太慢']);
    expect(store.getState().feedbackQueueWaiting).toBe(2);
    answer.resolve({ ok: true, data: { postId: first.id, review: 'published', status: 'open' } });
    await approving;
    expect(sent('moderateFeedback')).toEqual([{ postId: first.id, decision: 'approve' }]);
    expect(texts(store)).toEqual(['第二条：配送太慢']);
  });

  it('rejects with a template as the reason', async () => {
    const store = await queueLoaded();
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { postId: second.id, review: 'rejected', status: 'open' } });
    await store.getState().moderateQueued({ postId: second.id, decision: 'reject', reason: '内容与品牌无关' });
    expect(sent('moderateFeedback')).toEqual([{ postId: second.id, decision: 'reject', reason: '内容与品牌无关' }]);
    expect(texts(store)).toEqual(['第一条：咖啡豆受潮']);
  });

  it('a refusal puts the card back where it was, with the reason', async () => {
    const store = await queueLoaded();
    callFunctionMock.mockResolvedValueOnce({ ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } });
    await store.getState().moderateQueued({ postId: first.id, decision: 'approve' });
    expect(texts(store)).toEqual(['第一条：咖啡豆受潮', '第二条：配送太慢']);
    expect(store.getState().feedbackQueueWaiting).toBe(3);
    expect(store.getState().feedbackQueueErrors[first.id]?.code).toBe('NETWORK_ERROR');
  });

  it('a post someone else decided first stays gone, and says so', async () => {
    const store = await queueLoaded();
    callFunctionMock.mockResolvedValueOnce({ ok: false, error: { code: 'FEEDBACK_WRONG_STATE', message: '该反馈当前为「已公开」，不能驳回' } });
    await store.getState().moderateQueued({ postId: first.id, decision: 'reject', reason: '内容与品牌无关' });
    expect(texts(store)).toEqual(['第二条：配送太慢']);
    expect(store.getState().feedbackQueueNotice).toContain('已被其他工作人员处理');
  });

  it('an answer to a queue reloaded meanwhile changes nothing', async () => {
    const store = await queueLoaded();
    const answer = deferred<Reply>();
    callFunctionMock.mockReturnValueOnce(answer.promise);
    const approving = store.getState().moderateQueued({ postId: first.id, decision: 'approve' });
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { posts: [first, second], cursor: null, waiting: 2 } });
    await store.getState().loadFeedbackQueue();
    answer.resolve({ ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } });
    await approving;
    expect(texts(store)).toEqual(['第一条：咖啡豆受潮', '第二条：配送太慢']);
    expect(store.getState().feedbackQueueErrors).toEqual({});
  });
});

describe('the hidden and rejected lists', () => {
  const hidden = staffPost({
    text: '隐藏的：图片有联系方式',
    review: 'hidden',
    reviewName: '已隐藏',
    reviewReason: '图片未通过内容安全检测',
    waitingMinutes: null,
  });
  const hiddenToo = staffPost({ text: '隐藏的：骂人', review: 'hidden', reviewName: '已隐藏', reviewReason: '含不文明用语', waitingMinutes: null });
  const rejected = staffPost({ text: '驳回的：广告', review: 'rejected', reviewName: '未通过', reviewReason: '含有广告或联系方式', waitingMinutes: null });

  it('asks for the list by its review and pages it with the cursor; the queue’s requests stay as they were', async () => {
    const store = await storeLoaded({ ok: true, data: { posts: [hidden], cursor: 'c-hidden-1', waiting: 2 } }, (state) => state.loadFeedbackQueue('hidden'));
    expect(sent('feedbackQueue')).toEqual([{ review: 'hidden' }]);
    expect(store.getState()).toMatchObject({ feedbackQueueReview: 'hidden', feedbackQueueStatus: 'ready', feedbackQueueWaiting: 2 });

    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { posts: [hiddenToo], cursor: null, waiting: 2 } });
    await store.getState().loadMoreFeedbackQueue();
    expect(sent('feedbackQueue')[1]).toEqual({ cursor: 'c-hidden-1', review: 'hidden' });
    expect(texts(store)).toEqual(['隐藏的：图片有联系方式', '隐藏的：骂人']);

    // A reload without a list named reads the one shown.
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { posts: [hiddenToo], cursor: null, waiting: 1 } });
    await store.getState().loadFeedbackQueue();
    expect(sent('feedbackQueue')[2]).toEqual({ review: 'hidden' });

    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { posts: [first], cursor: null, waiting: 1 } });
    await store.getState().loadFeedbackQueue('pending');
    expect(sent('feedbackQueue')[3]).toEqual({});
    expect(store.getState()).toMatchObject({ feedbackQueueReview: 'pending', feedbackQueueWaiting: 1 });
  });

  it('another list shows loading, not the last list’s cards, count or cursor', async () => {
    const store = await queueLoaded();
    const answer = deferred();
    callFunctionMock.mockReturnValueOnce(answer.promise);
    const loading = store.getState().loadFeedbackQueue('rejected');
    expect(store.getState()).toMatchObject({
      feedbackQueueReview: 'rejected',
      feedbackQueueStatus: 'loading',
      feedbackQueue: [],
      feedbackQueueCursor: null,
      feedbackQueueWaiting: 0,
    });
    answer.resolve({ ok: true, data: { posts: [rejected], cursor: null, waiting: 1 } });
    await loading;
    expect(texts(store)).toEqual(['驳回的：广告']);
    expect(store.getState().feedbackQueueStatus).toBe('ready');
  });

  it('a page of one list answered after switching to another changes nothing', async () => {
    const store = await queueLoaded();
    const page = deferred();
    callFunctionMock.mockReturnValueOnce(page.promise);
    const more = store.getState().loadMoreFeedbackQueue();
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { posts: [hidden], cursor: null, waiting: 1 } });
    await store.getState().loadFeedbackQueue('hidden');
    page.resolve({ ok: true, data: { posts: [third], cursor: null, waiting: 3 } });
    await more;
    expect(texts(store)).toEqual(['隐藏的：图片有联系方式']);
    expect(store.getState()).toMatchObject({ feedbackQueueReview: 'hidden', feedbackQueueWaiting: 1, feedbackQueueCursor: null });
  });
});

describe('the board', () => {
  it('loads by category; another category shows loading rather than the last one’s columns', async () => {
    const store = await storeLoaded({ ok: true, data: { columns: boardColumns([publishedPost()]) } }, (state) => state.loadFeedbackBoard(null));
    expect(sent('feedbackBoard')).toEqual([{}]);
    expect(store.getState().feedbackBoard[0]).toMatchObject({ status: 'open', count: 1 });

    const answer = deferred();
    callFunctionMock.mockReturnValueOnce(answer.promise);
    const loading = store.getState().loadFeedbackBoard('logistics');
    expect(store.getState()).toMatchObject({ feedbackBoardStatus: 'loading', feedbackBoard: [], feedbackBoardCategory: 'logistics' });
    answer.resolve({ ok: true, data: { columns: boardColumns([]) } });
    await loading;
    expect(sent('feedbackBoard')[1]).toEqual({ category: 'logistics' });
    expect(store.getState().feedbackBoardStatus).toBe('ready');
  });
});

describe('the settings', () => {
  const settingsLoaded = () => storeLoaded({ ok: true, data: feedbackSettingsView() }, (state) => state.loadAdminFeedbackSettings());

  it('save over the loaded version', async () => {
    const store = await settingsLoaded();
    const config = { ...feedbackSettingsView().config, autoPublishFromTier: 'buyer' as const };
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: feedbackSettingsView({ version: 3, config }) });
    await store.getState().saveAdminFeedbackSettings(config);
    expect(sent('updateFeedbackConfig')).toEqual([{ config, expectedVersion: 2 }]);
    expect(store.getState().adminFeedbackSettingsView).toMatchObject({ version: 3, config: { autoPublishFromTier: 'buyer' } });
  });

  it('a CONFLICT (someone saved meanwhile) is flagged until a reload', async () => {
    const store = await settingsLoaded();
    callFunctionMock.mockResolvedValueOnce({ ok: false, error: { code: 'CONFLICT', message: '吐槽中心设置已被他人修改（当前版本 3），请刷新后重试' } });
    await store.getState().saveAdminFeedbackSettings(feedbackSettingsView().config);
    expect(store.getState()).toMatchObject({ adminFeedbackSettingsConflict: true, adminFeedbackSettingsView: { version: 2 } });
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: feedbackSettingsView({ version: 3 }) });
    await store.getState().loadAdminFeedbackSettings();
    expect(store.getState()).toMatchObject({ adminFeedbackSettingsConflict: false, adminFeedbackSettingsView: { version: 3 } });
  });

  it('keeps the refusal per field path', async () => {
    const store = await settingsLoaded();
    callFunctionMock.mockResolvedValueOnce(FEEDBACK_SETTINGS_REFUSAL);
    await store.getState().saveAdminFeedbackSettings(feedbackSettingsView().config);
    expect(store.getState().adminFeedbackSettingsFieldErrors).toEqual({ 'limits.posts': '每日发帖数最多 50', 'rejectTemplates.1': '驳回理由至少 2 个字' });
  });
});

describe('stats', () => {
  it('loads the waiting count and the open items', async () => {
    const store = createAdminStore();
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { waitingReview: 4, openByCategory: [], openByAge: [] } });
    await store.getState().loadFeedbackStats();
    expect(sent('feedbackStats')).toEqual([{}]);
    expect(store.getState().feedbackStats?.waitingReview).toBe(4);
  });
});
