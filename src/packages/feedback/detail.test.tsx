import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { Current } from '@tarojs/runtime';
import { renderPage as render } from '@/test-support/render-page';
import { callFunction } from '@/services/cloud';
import { POST_ID, replyView, thread } from '@/test-support/feedback-fixtures';
import type { Reply } from '@/test-support/replies';
import { useFeedbackStore } from './store';
import FeedbackDetailPage from './detail';

// A post's page with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
// Taro.previewImage becomes a named import of @tarojs/taro in the build: that one is replaced, the rest stays Taro's.
const mockPreview = jest.fn();
jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('@tarojs/taro');
  return new Proxy(actual, { get: (target, key) => (key === 'previewImage' ? mockPreview : target[key]) });
});
const callMock = callFunction as jest.MockedFunction<typeof callFunction>;

const TEMPLATES: Reply = { ok: true, data: { templates: { feedback_resolved: 'T_RS' } } } as unknown as Reply;

function serve(detail: Reply | (() => Reply), extra: Record<string, Reply | ((payload: unknown) => Reply)> = {}) {
  callMock.mockImplementation(async (name, action, payload) => {
    if (name === 'feedback' && action === 'detail') return typeof detail === 'function' ? detail() : detail;
    if (name === 'member' && action === 'notifyTemplates') return TEMPLATES;
    const answer = extra[`${name}.${action}`];
    if (answer) return typeof answer === 'function' ? answer(payload) : answer;
    throw new Error(`unexpected ${name}.${action}`);
  });
}

const sent = (action: string) => callMock.mock.calls.filter(([, a]) => a === action).map(([, , payload]) => payload);

const env = process.env.TARO_ENV;
beforeEach(() => {
  callMock.mockReset();
  useFeedbackStore.getState().resetFeedback();
  (Current as { router: unknown }).router = { params: { id: POST_ID }, path: '/packages/feedback/detail' };
  process.env.TARO_ENV = 'h5';
});
afterEach(() => {
  (Current as { router: unknown }).router = null;
  jest.restoreAllMocks();
});
afterAll(() => {
  process.env.TARO_ENV = env;
});

describe('a post’s page', () => {
  it('shows another member’s post: author, status, full text, photos, product, 我也是, 关注 and the official replies', async () => {
    serve({
      ok: true,
      data: thread(
        {
          status: 'planned',
          statusName: '已计划',
          images: [{ url: 'https://tmp.example/a.jpg' }, { url: 'https://tmp.example/b.jpg' }],
          product: { id: 'p-drip', name: '挂耳咖啡' },
          replyCount: 1,
          reward: { points: 200 },
        },
        [replyView()],
      ),
    });
    mockPreview.mockResolvedValue({ errMsg: 'previewImage:ok' });
    render(<FeedbackDetailPage />);

    const page = await screen.findByTestId('feedback-detail');
    expect(page.getAttribute('data-status')).toBe('planned');
    expect(screen.getByTestId('feedback-detail-author').textContent).toBe('小*');
    expect(screen.getByTestId('feedback-detail-tier').textContent).toBe('已购会员');
    expect(screen.getByTestId('feedback-status').textContent).toBe('已计划');
    expect(screen.getByTestId('feedback-detail-text').textContent).toBe('挂耳咖啡的包装太难撕开了，希望改进');
    expect(screen.getByTestId('feedback-detail-product').textContent).toContain('挂耳咖啡');
    expect(screen.getByTestId('feedback-detail-reward').textContent).toBe('已采纳 · 奖励 200 积分');
    expect(screen.getByTestId('feedback-vote').getAttribute('data-voted')).toBe('false');
    expect(screen.getByTestId('feedback-vote-count').textContent).toBe('3');
    expect(screen.getByTestId('feedback-follow').textContent).toBe('关注');
    // Another member's post says nothing of its review.
    expect(screen.queryByTestId('feedback-review')).toBeNull();

    const reply = screen.getByTestId('feedback-reply');
    expect(within(reply).getByTestId('feedback-reply-badge').textContent).toBe('官方回复');
    expect(within(reply).getByTestId('feedback-reply-text').textContent).toBe('感谢反馈，新包装下月上线');
    expect(within(reply).getByTestId('feedback-reply-time').textContent).toMatch(/^2025-04-02 \d\d:00$/);

    fireEvent.click(screen.getAllByTestId('feedback-detail-image')[1]);
    expect(mockPreview).toHaveBeenCalledWith({ current: 'https://tmp.example/b.jpg', urls: ['https://tmp.example/a.jpg', 'https://tmp.example/b.jpg'] });
  });

  it('shows its author the review state in words, the count without a button, and no 关注', async () => {
    serve({
      ok: true,
      data: thread({ mine: true, review: 'rejected', reviewName: '未通过', reviewReason: '含有广告或联系方式', orderLabel: '关联订单：挂耳咖啡' }),
    });
    render(<FeedbackDetailPage />);

    const review = await screen.findByTestId('feedback-review');
    expect(review.getAttribute('data-review')).toBe('rejected');
    expect(review.textContent).toBe('未通过：含有广告或联系方式');
    expect(screen.getByTestId('feedback-review-hint').textContent).toContain('其他会员看不到');
    expect(screen.getByTestId('feedback-detail-order').textContent).toBe('关联订单：挂耳咖啡');
    expect(screen.queryByTestId('feedback-vote')).toBeNull();
    expect(screen.getByTestId('feedback-vote-static').textContent).toContain('3');
    expect(screen.queryByTestId('feedback-follow')).toBeNull();
    // Not public: no status badge either.
    expect(screen.queryByTestId('feedback-status')).toBeNull();
    expect(screen.getByTestId('feedback-replies-empty')).toBeTruthy();
  });

  it('says 审核中 to the author of a post waiting for review', async () => {
    serve({ ok: true, data: thread({ mine: true, review: 'pending', reviewName: '审核中' }) });
    render(<FeedbackDetailPage />);
    expect((await screen.findByTestId('feedback-review')).textContent).toBe('审核中');
    expect(screen.getByTestId('feedback-review-hint').textContent).toBe('审核通过后其他会员即可看到');
  });

  it('taps 我也是 on and off, the count moving at once', async () => {
    serve(
      { ok: true, data: thread({ votes: 3 }) },
      { 'feedback.vote': (payload) => ({ ok: true, data: { voted: (payload as { on: boolean }).on, votes: 8 } }) as Reply },
    );
    render(<FeedbackDetailPage />);
    fireEvent.click(await screen.findByTestId('feedback-vote'));
    expect(screen.getByTestId('feedback-vote').getAttribute('data-voted')).toBe('true');
    await waitFor(() => expect(screen.getByTestId('feedback-vote-count').textContent).toBe('8'));

    fireEvent.click(screen.getByTestId('feedback-vote'));
    await waitFor(() => expect(screen.getByTestId('feedback-vote').getAttribute('data-voted')).toBe('false'));
    expect(sent('vote')).toEqual([
      { postId: POST_ID, on: true },
      { postId: POST_ID, on: false },
    ]);
  });

  it('asks for the resolved message on 关注 (the stand-in on h5) and offers joining to a visitor', async () => {
    let answer: Reply = { ok: false, error: { code: 'NOT_A_MEMBER', message: '加入会员后即可关注' } };
    serve({ ok: true, data: thread() }, { 'feedback.follow': () => answer });
    render(<FeedbackDetailPage />);
    await screen.findByTestId('feedback-detail');
    await waitFor(() => expect(useFeedbackStore.getState().feedbackTemplates).toEqual({ feedback_resolved: 'T_RS' }));

    fireEvent.click(screen.getByTestId('feedback-follow'));
    const sheet = await screen.findByTestId('feedback-subscribe-sheet');
    expect(sheet.textContent).toContain('反馈解决通知');
    fireEvent.click(screen.getByTestId('feedback-subscribe-sheet-allow'));
    expect((await screen.findByTestId('feedback-join-prompt')).textContent).toContain('加入会员后即可关注');
    expect(sent('follow')).toEqual([{ postId: POST_ID, on: true, accepted: ['feedback_resolved'] }]);
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' } as never);
    fireEvent.click(screen.getByTestId('feedback-join-go'));
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/member/index' });
    expect(screen.queryByTestId('feedback-join-prompt')).toBeNull();

    answer = { ok: true, data: { following: true } };
    fireEvent.click(screen.getByTestId('feedback-follow'));
    fireEvent.click(await screen.findByTestId('feedback-subscribe-sheet-deny'));
    await waitFor(() => expect(screen.getByTestId('feedback-follow').getAttribute('data-following')).toBe('true'));
    expect(screen.getByTestId('feedback-follow').textContent).toBe('已关注');
    expect(sent('follow')[1]).toEqual({ postId: POST_ID, on: true, accepted: [] });
  });

  it('points a merged post to the one it joined', async () => {
    serve({ ok: true, data: thread({ status: 'duplicate', statusName: '已合并', mergedInto: 'fb_aaaaaaaaaaaa' }) });
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    render(<FeedbackDetailPage />);
    expect((await screen.findByTestId('feedback-merged')).textContent).toContain('已合并至另一条反馈');
    // Votes live on the post it joined.
    expect(screen.queryByTestId('feedback-vote')).toBeNull();
    expect(screen.queryByTestId('feedback-follow')).toBeNull();
    fireEvent.click(screen.getByTestId('feedback-merged-link'));
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/feedback/detail?id=fb_aaaaaaaaaaaa' });
  });

  it('shows loading, then an error with a retry, and a post nobody may see as not found with the way back', async () => {
    let answer: Reply = { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } };
    serve(() => answer);
    render(<FeedbackDetailPage />);
    expect(screen.getByTestId('feedback-detail-loading')).toBeTruthy();
    expect((await screen.findByTestId('feedback-detail-error')).textContent).toContain('网络异常，请稍后重试');

    answer = { ok: false, error: { code: 'NOT_FOUND', message: '反馈不存在或暂不可见' } };
    await act(async () => {
      fireEvent.click(screen.getByTestId('feedback-detail-error-action'));
    });
    const gone = await screen.findByTestId('feedback-not-found');
    expect(gone.textContent).toContain('这条反馈不存在或暂不可见');
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    fireEvent.click(screen.getByTestId('feedback-not-found-action'));
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/feedback/index' });
  });
});
