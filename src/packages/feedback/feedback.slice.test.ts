import { callFunction } from '@/services/cloud';
import { pickImages, uploadImage } from '@/services/feedback';
import { composeInfo, FILE_ID, POST_ID, postView, thread } from '@/test-support/feedback-fixtures';
import { follower, repeatBuyer } from '@/test-support/member-fixtures';
import { deferred, NETWORK_DOWN, type Reply } from '@/test-support/replies';
import { createAppStore } from '../../store/index';
import { withFeedback } from './store';

jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
// Picking and uploading photos (services/feedback.ts, services/upload.ts): the device and storage.
jest.mock('@/services/feedback', () => ({ pickImages: jest.fn(), uploadImage: jest.fn() }));
const callMock = callFunction as jest.MockedFunction<typeof callFunction>;
const pickMock = pickImages as jest.MockedFunction<typeof pickImages>;
const uploadMock = uploadImage as jest.MockedFunction<typeof uploadImage>;

/** Answers by function.action; an action not listed is a test failure. */
function serve(answers: Record<string, Reply | ((payload: unknown) => Reply | Promise<Reply>)>) {
  callMock.mockImplementation(async (name, action, payload) => {
    const answer = answers[`${name}.${action}`];
    if (!answer) throw new Error(`unexpected ${name}.${action}`);
    return typeof answer === 'function' ? answer(payload) : answer;
  });
}

const sent = (action: string) => callMock.mock.calls.filter(([, a]) => a === action).map(([, , payload]) => payload as Record<string, unknown>);
const TEMPLATES: Reply = {
  ok: true,
  data: { templates: { draw_result: 'T_DR', draw_promoted: 'T_DP', feedback_update: 'T_UP', feedback_reply: 'T_RE', feedback_resolved: 'T_RS' } },
};

const env = process.env.TARO_ENV;
beforeEach(() => {
  callMock.mockReset();
  pickMock.mockReset();
  uploadMock.mockReset();
  // The stand-in sheet is h5's (WeChat's own prompt is services/subscribe.test.ts's).
  process.env.TARO_ENV = 'h5';
});
afterAll(() => {
  process.env.TARO_ENV = env;
});

const page = (ids: string[], cursor: string | null): Reply => ({ ok: true, data: { posts: ids.map((id) => postView({ id })), cursor } });

describe('the board', () => {
  it('pages on with the cursor, without showing a post twice, and starts over for another filter', async () => {
    const store = withFeedback(createAppStore());
    serve({
      'feedback.list': (payload) => {
        const { cursor, category } = payload as { cursor?: string; category?: string };
        if (category === 'logistics') return page(['fb_00000000000f'], null);
        return cursor ? page(['fb_000000000002', 'fb_000000000003'], null) : page(['fb_000000000001', 'fb_000000000002'], 'c1');
      },
    });
    await store.getState().loadFeedbackBoard();
    expect(sent('list')[0]).toEqual({ sort: 'new' });
    expect(store.getState().feedbackBoard.cursor).toBe('c1');

    await store.getState().loadMoreFeedback();
    expect(sent('list')[1]).toEqual({ sort: 'new', cursor: 'c1' });
    expect(store.getState().feedbackBoard.posts.map((p) => p.id)).toEqual(['fb_000000000001', 'fb_000000000002', 'fb_000000000003']);
    expect(store.getState().feedbackBoard.cursor).toBeNull();
    // At the end: nothing more is asked.
    await store.getState().loadMoreFeedback();
    expect(sent('list')).toHaveLength(2);

    const switching = store.getState().setFeedbackFilter({ category: 'logistics', status: 'resolved', sort: 'votes' });
    // Another query's posts are not shown while it loads.
    expect(store.getState().feedbackBoard.posts).toEqual([]);
    expect(store.getState().feedbackBoard.status).toBe('loading');
    await switching;
    expect(sent('list')[2]).toEqual({ sort: 'votes', category: 'logistics', status: 'resolved' });
    expect(store.getState().feedbackBoard.posts.map((p) => p.id)).toEqual(['fb_00000000000f']);
  });

  it('drops a page that arrives after the filter changed', async () => {
    const store = withFeedback(createAppStore());
    const slow = deferred();
    serve({ 'feedback.list': (payload) => ((payload as { category?: string }).category ? page(['fb_00000000000a'], null) : slow.promise) });
    const first = store.getState().loadFeedbackBoard();
    await store.getState().setFeedbackFilter({ category: 'price' });
    slow.resolve(page(['fb_00000000000b'], 'c9'));
    await first;
    expect(store.getState().feedbackBoard.posts.map((p) => p.id)).toEqual(['fb_00000000000a']);
    expect(store.getState().feedbackBoard.cursor).toBeNull();
  });
});

describe('我也是', () => {
  it('shows the vote at once, takes the server’s live count, and ignores taps while one is being sent', async () => {
    const store = withFeedback(createAppStore());
    store.setState({ feedbackBoard: { ...store.getState().feedbackBoard, posts: [postView({ votes: 3 })], status: 'ready' } });
    const answer = deferred();
    serve({ 'feedback.vote': () => answer.promise });

    const voting = store.getState().voteFeedback(POST_ID, true);
    const shown = store.getState().feedbackBoard.posts[0];
    expect([shown.myVote, shown.votes]).toEqual([true, 4]);
    await expect(store.getState().voteFeedback(POST_ID, false)).resolves.toBeNull();

    answer.resolve({ ok: true, data: { voted: true, votes: 9 } });
    await voting;
    expect(sent('vote')).toEqual([{ postId: POST_ID, on: true }]);
    const after = store.getState().feedbackBoard.posts[0];
    expect([after.myVote, after.votes]).toEqual([true, 9]);
    expect(store.getState().feedbackVoting).toEqual({});
  });

  it('puts back what each place showed when the vote fails, and offers joining to a visitor', async () => {
    const store = withFeedback(createAppStore());
    store.setState({
      feedbackBoard: { ...store.getState().feedbackBoard, posts: [postView({ votes: 5, myVote: true })], status: 'ready' },
      feedbackThreads: { [POST_ID]: { status: 'ready', error: null, value: thread({ votes: 6, myVote: true }) } },
    });
    let reply: Reply = NETWORK_DOWN;
    serve({ 'feedback.vote': () => reply });

    const taking = store.getState().voteFeedback(POST_ID, false);
    expect(store.getState().feedbackBoard.posts[0].votes).toBe(4);
    expect(store.getState().feedbackThreads[POST_ID].value?.post.votes).toBe(5);
    await taking;
    expect(store.getState().feedbackBoard.posts[0]).toMatchObject({ votes: 5, myVote: true });
    expect(store.getState().feedbackThreads[POST_ID].value?.post).toMatchObject({ votes: 6, myVote: true });
    expect(store.getState().feedbackJoinAsk).toBeNull();

    store.setState({ feedbackBoard: { ...store.getState().feedbackBoard, posts: [postView({ votes: 5, myVote: false })] } });
    reply = { ok: false, error: { code: 'NOT_A_MEMBER', message: '加入会员后即可点「我也是」' } };
    await store.getState().voteFeedback(POST_ID, true);
    expect(store.getState().feedbackBoard.posts[0]).toMatchObject({ votes: 5, myVote: false });
    expect(store.getState().feedbackJoinAsk).toBe('加入会员后即可点「我也是」');
  });
});

describe('关注', () => {
  it('asks for the “resolved” message on the tap and sends what was accepted; unfollowing asks nothing', async () => {
    const store = withFeedback(createAppStore());
    store.setState({ feedbackThreads: { [POST_ID]: { status: 'ready', error: null, value: thread() } } });
    serve({
      'member.notifyTemplates': TEMPLATES,
      'feedback.follow': (payload) => ({ ok: true, data: { following: (payload as { on: boolean }).on } }),
    });
    await store.getState().loadFeedbackTemplates();

    const following = store.getState().followFeedback(POST_ID, true);
    // The sheet is up at once: nothing was awaited before asking.
    expect(store.getState().feedbackSubscribeSheet).toEqual({ tmplIds: ['T_RS'], purpose: 'follow' });
    expect(sent('follow')).toEqual([]);
    store.getState().answerFeedbackSubscribe(true);
    await following;
    expect(sent('follow')).toEqual([{ postId: POST_ID, on: true, accepted: ['feedback_resolved'] }]);
    expect(store.getState().feedbackThreads[POST_ID].value?.post.following).toBe(true);

    await store.getState().followFeedback(POST_ID, false);
    expect(store.getState().feedbackSubscribeSheet).toBeNull();
    expect(sent('follow')[1]).toEqual({ postId: POST_ID, on: false, accepted: [] });
    expect(store.getState().feedbackThreads[POST_ID].value?.post.following).toBe(false);
  });
});

describe('posting', () => {
  const ready = (store: ReturnType<typeof withFeedback>) => {
    store.getState().openFeedbackForm({ orderId: 'O100' });
    store.getState().editFeedbackDraft({ category: 'logistics', text: '  快递三天还没发货，能催一下吗  ' });
  };

  it('asks for the author’s messages on the tap, sends the accepted kinds, and retries with the same request id', async () => {
    const store = withFeedback(createAppStore());
    let reply: Reply = NETWORK_DOWN;
    serve({ 'member.notifyTemplates': TEMPLATES, 'feedback.create': () => reply });
    await store.getState().loadFeedbackTemplates();
    ready(store);

    const first = store.getState().submitFeedback();
    expect(store.getState().feedbackSubscribeSheet).toEqual({ tmplIds: ['T_UP', 'T_RE'], purpose: 'post' });
    expect(store.getState().feedbackSendStatus).toBe('sending');
    store.getState().answerFeedbackSubscribe(true);
    await first;
    expect(store.getState().feedbackSendStatus).toBe('failed');
    expect(store.getState().feedbackDraft?.text).toContain('快递三天');

    reply = { ok: true, data: { postId: POST_ID, reviewed: true, replayed: true } };
    const retry = store.getState().submitFeedback();
    store.getState().answerFeedbackSubscribe(false);
    await retry;

    const [one, two] = sent('create');
    expect(one).toEqual({
      category: 'logistics',
      text: '快递三天还没发货，能催一下吗',
      images: [],
      accepted: ['feedback_update', 'feedback_reply'],
      requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      orderId: 'O100',
    });
    expect(two.requestId).toBe(one.requestId);
    expect(two.accepted).toEqual([]);
    expect(store.getState().feedbackPosted).toEqual({ postId: POST_ID, reviewed: true, replayed: true });
    expect(store.getState().feedbackDraft).toBeNull();

    // The next form is a new post.
    store.getState().openFeedbackForm({});
    expect(store.getState().feedbackDraft?.requestId).not.toBe(one.requestId);
    expect(store.getState().feedbackPosted).toBeNull();
  });

  it('sends a double tap once, keeps the draft and the request id after a refusal, and sends nothing unready', async () => {
    const store = withFeedback(createAppStore());
    store.setState({ feedbackTemplates: {} });
    const answer = deferred();
    serve({ 'feedback.create': () => answer.promise });

    store.getState().openFeedbackForm({});
    store.getState().editFeedbackDraft({ text: '太短' });
    await expect(store.getState().submitFeedback()).resolves.toBeNull();
    store.getState().editFeedbackDraft({ category: 'product', text: '咖啡豆的烘焙日期看不清楚' });

    const a = store.getState().submitFeedback();
    const b = store.getState().submitFeedback();
    // Edits are refused while it is being sent.
    store.getState().editFeedbackDraft({ text: '改了' });
    answer.resolve({ ok: false, error: { code: 'FEEDBACK_CONTENT_RISKY', message: '内容可能含有违规信息，请修改后再提交' } });
    await Promise.all([a, b]);
    expect(sent('create')).toHaveLength(1);
    expect(store.getState().feedbackSendError?.code).toBe('FEEDBACK_CONTENT_RISKY');
    expect(store.getState().feedbackDraft?.text).toBe('咖啡豆的烘焙日期看不清楚');
    expect(store.getState().feedbackDraft?.requestId).toBe(sent('create')[0].requestId);

    // The same page opened again keeps the unsent draft.
    store.getState().openFeedbackForm({});
    expect(store.getState().feedbackDraft?.text).toBe('咖啡豆的烘焙日期看不清楚');
    expect(store.getState().feedbackSendError).toBeNull();
  });
});

describe('photos', () => {
  it('refuses at once what the server would, uploads the rest to the places it gives, and retries a failed one', async () => {
    const store = withFeedback(createAppStore());
    let places = 0;
    serve({
      'feedback.compose': { ok: true, data: composeInfo() },
      'feedback.uploadPaths': (payload) => ({
        ok: true,
        data: { paths: (payload as { types: string[] }).types.map(() => `feedback/0123456789abcdef/20250401-00000000000${++places}.jpg`) },
      }),
      'feedback.create': { ok: true, data: { postId: POST_ID, reviewed: false, replayed: false } },
    });
    store.setState({ feedbackTemplates: {} });
    store.getState().openFeedbackForm({});
    await store.getState().loadFeedbackCompose();
    pickMock.mockResolvedValue([
      { path: 'blob:a', bytes: 1000, type: 'image/jpeg' },
      { path: 'blob:b', bytes: 3 * 1024 * 1024, type: 'image/png' },
      { path: 'blob:c', bytes: 1000, type: 'image/gif' },
    ]);
    const uploads = [deferred<Awaited<ReturnType<typeof uploadImage>>>(), deferred<Awaited<ReturnType<typeof uploadImage>>>()];
    uploadMock.mockImplementationOnce(() => uploads[0].promise).mockImplementationOnce(() => uploads[1].promise);

    const picking = store.getState().pickFeedbackImages();
    expect(pickMock).toHaveBeenCalledWith(3);
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().feedbackImageNotice).toBe('图片超过 2 MB，请换一张或压缩后再上传；图片格式不支持，请选择 JPG、PNG 或 WebP 图片');
    expect(sent('uploadPaths')).toEqual([{ types: ['image/jpeg'] }]);
    expect(uploadMock).toHaveBeenCalledWith('blob:a', 'feedback/0123456789abcdef/20250401-000000000001.jpg');
    expect(store.getState().feedbackDraft?.images.map((i) => i.state)).toEqual(['uploading']);

    store.getState().editFeedbackDraft({ category: 'product', text: '杯子的把手有点烫手' });
    // Not sent while a photo is still on its way.
    await expect(store.getState().submitFeedback()).resolves.toBeNull();

    uploads[0].resolve(NETWORK_DOWN);
    await picking;
    const [failed] = store.getState().feedbackDraft!.images;
    expect(failed.state).toBe('failed');

    const retrying = store.getState().retryFeedbackImage(failed.key);
    uploads[1].resolve({ ok: true, data: { fileId: FILE_ID(2) } });
    await retrying;
    expect(uploadMock).toHaveBeenLastCalledWith('blob:a', 'feedback/0123456789abcdef/20250401-000000000002.jpg');
    expect(store.getState().feedbackDraft?.images[0]).toMatchObject({ state: 'done', fileId: FILE_ID(2) });

    await store.getState().submitFeedback();
    expect(sent('create')[0].images).toEqual([FILE_ID(2)]);
  });

  it('asks for no more photos than the post and today’s allowance leave', async () => {
    const store = withFeedback(createAppStore());
    serve({
      'feedback.compose': { ok: true, data: composeInfo({ limits: { posts: 5, images: 9, votes: 100 }, usedToday: { posts: 2, images: 8, votes: 0 } }) },
    });
    store.getState().openFeedbackForm({});
    await store.getState().loadFeedbackCompose();
    pickMock.mockResolvedValue([]);
    await store.getState().pickFeedbackImages();
    expect(pickMock).toHaveBeenCalledWith(1);
  });
});

it('forgets the board, threads and the draft when the person changes', async () => {
  const store = withFeedback(createAppStore());
  store.setState({ profile: repeatBuyer, sessionStatus: 'ready' });
  serve({ 'feedback.mine': page([POST_ID], null) });
  await store.getState().loadMyFeedback();
  store.getState().openFeedbackForm({});
  expect(store.getState().myFeedback.posts).toHaveLength(1);

  store.setState({ profile: { ...follower, memberId: 'someone-else' } });
  expect(store.getState().myFeedback).toMatchObject({ posts: [], status: 'idle' });
  expect(store.getState().feedbackDraft).toBeNull();
});
