import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { Current } from '@tarojs/runtime';
import { renderPage as render } from '@/test-support/render-page';
import { callFunction } from '@/services/cloud';
import { pickImages, uploadImage } from '@/services/feedback';
import { composeInfo, FILE_ID, POST_ID } from '@/test-support/feedback-fixtures';
import { refusal, type Reply } from '@/test-support/replies';
import { useFeedbackStore } from './store';
import NewFeedbackPage from './new';

// 我要吐槽 with the real store; the transport, the photo picker and the upload are replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
jest.mock('@/services/feedback', () => ({ pickImages: jest.fn(), uploadImage: jest.fn() }));
const callMock = callFunction as jest.MockedFunction<typeof callFunction>;
const pickMock = pickImages as jest.MockedFunction<typeof pickImages>;
const uploadMock = uploadImage as jest.MockedFunction<typeof uploadImage>;

const TEMPLATES = { ok: true, data: { templates: { feedback_update: 'T_UP', feedback_reply: 'T_RE', feedback_resolved: 'T_RS' } } } as unknown as Reply;

function serve(answers: Record<string, Reply | ((payload: unknown) => Reply)>) {
  callMock.mockImplementation(async (name, action, payload) => {
    if (name === 'member' && action === 'notifyTemplates') return TEMPLATES;
    const answer = answers[`${name}.${action}`];
    if (!answer) throw new Error(`unexpected ${name}.${action}`);
    return typeof answer === 'function' ? answer(payload) : answer;
  });
}

const sent = (action: string) => callMock.mock.calls.filter(([, a]) => a === action).map(([, , payload]) => payload as Record<string, unknown>);

/** Types into Taro's textarea as its input event carries it (`detail.value`). */
function typeText(value: string) {
  act(() => {
    screen.getByTestId('feedback-form-text').dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }));
  });
}

const env = process.env.TARO_ENV;
const logError = console.error;
beforeEach(() => {
  // jsdom runs Taro's textarea web component without rendering its inner <textarea>: its value
  // watcher then logs a TypeError on every controlled update. Only that line is dropped.
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (String(args[0]).includes("reading 'value'") && String((args[0] as Error)?.stack).includes('taro-textarea-core')) return;
    logError(...args);
  });
  callMock.mockReset();
  pickMock.mockReset();
  uploadMock.mockReset();
  useFeedbackStore.getState().resetFeedback();
  (Current as { router: unknown }).router = { params: {}, path: '/packages/feedback/new' };
  process.env.TARO_ENV = 'h5';
});
afterEach(() => {
  (Current as { router: unknown }).router = null;
  jest.restoreAllMocks();
});
afterAll(() => {
  process.env.TARO_ENV = env;
});

describe('我要吐槽', () => {
  it('says today’s allowance and whether posts are reviewed, and counts the text as it is typed', async () => {
    serve({ 'feedback.compose': { ok: true, data: composeInfo({ usedToday: { posts: 1, images: 0, votes: 0 } }) } });
    render(<NewFeedbackPage />);

    expect((await screen.findByTestId('feedback-form-allowance')).textContent).toBe('今天还可发 4 条');
    expect(screen.getByTestId('feedback-form-review-note').textContent).toBe('提交后需审核，通过后其他会员可见');
    expect(screen.getByTestId('feedback-form-count').textContent).toBe('0/500');

    typeText('太慢了');
    expect(screen.getByTestId('feedback-form-count').textContent).toBe('3/500');
    expect(screen.getByTestId('feedback-form-count').getAttribute('data-ok')).toBe('false');
    // Characters as people count them: an emoji is one.
    typeText('发货太慢了😡');
    expect(screen.getByTestId('feedback-form-count').textContent).toBe('6/500');
    expect(screen.getByTestId('feedback-form-count').getAttribute('data-ok')).toBe('true');
    typeText('慢'.repeat(501));
    expect(screen.getByTestId('feedback-form-count').textContent).toBe('501/500');
    expect(screen.getByTestId('feedback-form-count').getAttribute('data-ok')).toBe('false');
  });

  it('says what is missing by each field on 提交 and sends nothing until it is fixed', async () => {
    serve({ 'feedback.compose': { ok: true, data: composeInfo() } });
    render(<NewFeedbackPage />);
    fireEvent.click(await screen.findByTestId('feedback-form-submit'));
    expect(screen.getByTestId('feedback-form-category-error').textContent).toBe('请选择分类');
    expect(screen.getByTestId('feedback-form-text-error').textContent).toBe('请写下你想说的');

    fireEvent.click(screen.getByTestId('feedback-form-category-service'));
    expect(screen.getByTestId('feedback-form-category-service').getAttribute('data-active')).toBe('true');
    expect(screen.queryByTestId('feedback-form-category-error')).toBeNull();
    typeText('一般');
    expect(screen.getByTestId('feedback-form-text-error').textContent).toBe('内容至少 5 个字');
    typeText('慢'.repeat(501));
    expect(screen.getByTestId('feedback-form-text-error').textContent).toBe('内容最多 500 个字');
    typeText('<script>alert(1)</script>');
    expect(screen.getByTestId('feedback-form-text-error').textContent).toBe('内容请使用纯文字，不要包含网页代码');
    fireEvent.click(screen.getByTestId('feedback-form-submit'));
    expect(sent('create')).toEqual([]);
  });

  it('posts from an order’s page: the order chosen, the messages asked on the tap, then 已提交 and what happens next', async () => {
    (Current as { router: unknown }).router = { params: { orderId: 'O100' }, path: '/packages/feedback/new' };
    serve({
      'feedback.compose': { ok: true, data: composeInfo() },
      'feedback.create': { ok: true, data: { postId: POST_ID, reviewed: true, replayed: false } },
    });
    render(<NewFeedbackPage />);
    const order = await screen.findByTestId('feedback-form-order');
    expect(within(order).getByTestId('feedback-form-order-option').getAttribute('data-active')).toBe('true');
    await waitFor(() => expect(useFeedbackStore.getState().feedbackTemplates).not.toBeNull());

    fireEvent.click(screen.getByTestId('feedback-form-category-logistics'));
    typeText('  快递三天还没发货，能催一下吗  ');
    fireEvent.click(screen.getByTestId('feedback-form-submit'));
    const sheet = await screen.findByTestId('feedback-subscribe-sheet');
    expect(sheet.textContent).toContain('反馈进展通知');
    fireEvent.click(screen.getByTestId('feedback-subscribe-sheet-allow'));

    const posted = await screen.findByTestId('feedback-posted');
    expect(posted.getAttribute('data-reviewed')).toBe('true');
    expect(screen.getByTestId('feedback-posted-next').textContent).toContain('审核通过后');
    expect(sent('create')).toEqual([
      {
        category: 'logistics',
        text: '快递三天还没发货，能催一下吗',
        images: [],
        accepted: ['feedback_update', 'feedback_reply'],
        requestId: expect.any(String),
        orderId: 'O100',
      },
    ]);
    const redirect = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' } as never);
    fireEvent.click(screen.getByTestId('feedback-posted-mine'));
    expect(redirect).toHaveBeenCalledWith({ url: '/packages/feedback/mine' });
  });

  it('shows the server’s refusals by the field they are about, keeping what was written', async () => {
    let answer: Reply = { ok: false, error: { code: 'FEEDBACK_CONTENT_RISKY', message: '内容可能含有违规信息，请修改后再提交' } };
    serve({ 'feedback.compose': { ok: true, data: composeInfo() }, 'feedback.create': () => answer });
    useFeedbackStore.setState({ feedbackTemplates: {} });
    render(<NewFeedbackPage />);
    fireEvent.click(await screen.findByTestId('feedback-form-category-product'));
    typeText('这个豆子真的很难喝');
    fireEvent.click(screen.getByTestId('feedback-form-submit'));
    expect((await screen.findByTestId('feedback-form-text-error')).textContent).toBe('内容可能含有违规信息，请修改后再提交');
    expect(screen.getByTestId('feedback-form-count').textContent).toBe('9/500');

    answer = { ok: false, error: { code: 'FEEDBACK_DAILY_LIMIT', message: '今天最多发 5 条反馈，明天再来吧' } };
    fireEvent.click(screen.getByTestId('feedback-form-submit'));
    expect((await screen.findByTestId('feedback-form-error')).textContent).toBe('今天最多发 5 条反馈，明天再来吧');
    expect(screen.queryByTestId('feedback-form-text-error')).toBeNull();

    answer = refusal('VALIDATION_FAILED', '输入有误：category 请选择分类', [['category', '请选择分类（产品、服务、物流、价格、建议或其他）']]);
    fireEvent.click(screen.getByTestId('feedback-form-submit'));
    expect((await screen.findByTestId('feedback-form-category-error')).textContent).toBe('请选择分类（产品、服务、物流、价格、建议或其他）');
    // The same form each time: one request id.
    const ids = sent('create').map((p) => p.requestId);
    expect(new Set(ids).size).toBe(1);
  });

  it('uploads a photo as soon as it is picked, refuses one the server would, and sends the uploaded file', async () => {
    serve({
      'feedback.compose': { ok: true, data: composeInfo() },
      'feedback.uploadPaths': { ok: true, data: { paths: ['feedback/0123456789abcdef/20250401-000000000001.jpg'] } },
      'feedback.create': { ok: true, data: { postId: POST_ID, reviewed: false, replayed: false } },
    });
    useFeedbackStore.setState({ feedbackTemplates: {} });
    pickMock.mockResolvedValue([
      { path: 'blob:ok', bytes: 200_000, type: 'image/jpeg' },
      { path: 'blob:big', bytes: 5 * 1024 * 1024, type: 'image/jpeg' },
    ]);
    let finish!: (reply: Awaited<ReturnType<typeof uploadImage>>) => void;
    uploadMock.mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    render(<NewFeedbackPage />);

    fireEvent.click(await screen.findByTestId('feedback-form-image-add'));
    expect((await screen.findByTestId('feedback-form-image-notice')).textContent).toBe('图片超过 2 MB，请换一张或压缩后再上传');
    await waitFor(() => expect(screen.getByTestId('feedback-form-image').getAttribute('data-state')).toBe('uploading'));
    fireEvent.click(screen.getByTestId('feedback-form-category-price'));
    typeText('会员价比门店还贵一点');
    fireEvent.click(screen.getByTestId('feedback-form-submit'));
    expect(screen.getByTestId('feedback-form-hint').textContent).toBe('图片上传中，请稍候');
    expect(sent('create')).toEqual([]);

    await act(async () => finish({ ok: true, data: { fileId: FILE_ID(1) } }));
    expect(screen.getByTestId('feedback-form-image').getAttribute('data-state')).toBe('done');
    fireEvent.click(screen.getByTestId('feedback-form-submit'));
    expect(await screen.findByTestId('feedback-posted')).toBeTruthy();
    expect(screen.getByTestId('feedback-posted-next').textContent).toContain('已公开');
    expect(sent('create')[0].images).toEqual([FILE_ID(1)]);
  });

  it('offers a retry and removal for a photo that failed to upload', async () => {
    serve({
      'feedback.compose': { ok: true, data: composeInfo() },
      'feedback.uploadPaths': { ok: true, data: { paths: ['feedback/0123456789abcdef/20250401-000000000001.jpg'] } },
    });
    pickMock.mockResolvedValue([{ path: 'blob:ok', bytes: 200_000, type: 'image/png' }]);
    uploadMock.mockResolvedValueOnce({ ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } });
    uploadMock.mockResolvedValueOnce({ ok: true, data: { fileId: FILE_ID(1) } });
    render(<NewFeedbackPage />);

    fireEvent.click(await screen.findByTestId('feedback-form-image-add'));
    await waitFor(() => expect(screen.getByTestId('feedback-form-image').getAttribute('data-state')).toBe('failed'));
    expect(screen.getByTestId('feedback-form-image-failed').textContent).toBe('网络异常，请稍后重试');
    fireEvent.click(screen.getByTestId('feedback-form-image-retry'));
    await waitFor(() => expect(screen.getByTestId('feedback-form-image').getAttribute('data-state')).toBe('done'));
    fireEvent.click(screen.getByTestId('feedback-form-image-remove'));
    expect(screen.queryByTestId('feedback-form-image')).toBeNull();
  });

  it('cannot be sent once today’s posts are used up', async () => {
    serve({ 'feedback.compose': { ok: true, data: composeInfo({ usedToday: { posts: 5, images: 0, votes: 0 }, reviewed: false }) } });
    render(<NewFeedbackPage />);
    expect((await screen.findByTestId('feedback-form-allowance')).textContent).toBe('今天的发帖次数已用完，明天再来吧');
    expect(screen.getByTestId('feedback-form-review-note').textContent).toBe('发布后立即公开');
    expect(screen.getByTestId('feedback-form-submit').className).toContain('nut-button-disabled');
  });

  it('asks a visitor to join, and shows a failed load with a retry', async () => {
    let answer: Reply = { ok: false, error: { code: 'NOT_A_MEMBER', message: '加入会员后即可发帖' } };
    serve({ 'feedback.compose': () => answer });
    render(<NewFeedbackPage />);
    expect((await screen.findByTestId('feedback-form-join')).textContent).toContain('加入会员后即可吐槽');
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' } as never);
    fireEvent.click(screen.getByTestId('feedback-form-join-action'));
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/member/index' });

    answer = { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } };
    await act(async () => {
      await useFeedbackStore.getState().loadFeedbackCompose();
    });
    expect(screen.getByTestId('feedback-form-load-error')).toBeTruthy();
    answer = { ok: true, data: composeInfo() } as Reply;
    fireEvent.click(screen.getByTestId('feedback-form-load-error-action'));
    expect(await screen.findByTestId('feedback-form')).toBeTruthy();
  });
});
