import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { renderPage as render } from '@/test-support/render-page';
import { callFunction } from '@/services/cloud';
import { POST_ID, postView } from '@/test-support/feedback-fixtures';
import { showPageAgain } from '@/test-support/use-page-show';
import { NETWORK_DOWN, type Reply } from '@/test-support/replies';
import { useFeedbackStore } from './store';
import FeedbackPage from './index';
import MyFeedbackPage from './mine';

// The board and 我的反馈 with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callMock = callFunction as jest.MockedFunction<typeof callFunction>;

function serve(answers: Record<string, Reply | ((payload: unknown) => Reply)>) {
  callMock.mockImplementation(async (name, action, payload) => {
    const answer = answers[`${name}.${action}`];
    if (!answer) throw new Error(`unexpected ${name}.${action}`);
    return typeof answer === 'function' ? answer(payload) : answer;
  });
}

const sent = (action: string) => callMock.mock.calls.filter(([, a]) => a === action).map(([, , payload]) => payload);
const page = (posts: ReturnType<typeof postView>[], cursor: string | null = null): Reply => ({ ok: true, data: { posts, cursor } });

beforeEach(() => {
  callMock.mockReset();
  useFeedbackStore.getState().resetFeedback();
});
afterEach(() => {
  jest.restoreAllMocks();
});

describe('吐槽中心', () => {
  it('shows each post’s author, status, text, 我也是 and replies; the author’s own without a button, a rewarded one with its points', async () => {
    serve({
      'feedback.list': page([
        postView({ replyCount: 2, status: 'resolved', statusName: '已解决', reward: { points: 200 } }),
        postView({ id: 'fb_00000000000b', mine: true, text: '希望出一款低因咖啡豆', votes: 12 }),
      ]),
    });
    render(<FeedbackPage />);

    const [theirs, mine] = await screen.findAllByTestId('feedback-card');
    expect(screen.getByTestId('feedback-intro').textContent).toContain('品牌会公开回复，被采纳的建议有积分奖励');
    expect(within(theirs).getByTestId('feedback-card-author').textContent).toBe('小*');
    expect(within(theirs).getByTestId('feedback-card-tier').textContent).toBe('已购会员');
    expect(within(theirs).getByTestId('feedback-status').textContent).toBe('已解决');
    expect(within(theirs).getByTestId('feedback-card-replies').textContent).toBe('官方回复 2');
    expect(within(theirs).getByTestId('feedback-card-reward').textContent).toBe('已采纳 · 奖励 200 积分');
    expect(within(theirs).getByTestId('feedback-vote')).toBeTruthy();
    expect(within(mine).queryByTestId('feedback-vote')).toBeNull();
    expect(within(mine).getByTestId('feedback-vote-count').textContent).toBe('12');
    expect(sent('list')).toEqual([{ sort: 'new' }]);
  });

  it('votes without opening the post, and opens it on a tap elsewhere on the card', async () => {
    serve({ 'feedback.list': page([postView()]), 'feedback.vote': { ok: true, data: { voted: true, votes: 4 } } });
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    render(<FeedbackPage />);
    const card = await screen.findByTestId('feedback-card');

    fireEvent.click(within(card).getByTestId('feedback-vote'));
    await waitFor(() => expect(within(card).getByTestId('feedback-vote').getAttribute('data-voted')).toBe('true'));
    expect(within(card).getByTestId('feedback-vote-count').textContent).toBe('4');
    expect(navigate).not.toHaveBeenCalled();

    fireEvent.click(within(card).getByTestId('feedback-card-text'));
    expect(navigate).toHaveBeenCalledWith({ url: `/packages/feedback/detail?id=${POST_ID}` });
  });

  it('filters by category, status and order, and pages on', async () => {
    serve({
      'feedback.list': (payload) => {
        const { cursor } = payload as { cursor?: string };
        return cursor ? page([postView({ id: 'fb_000000000002' })]) : page([postView({ id: 'fb_000000000001' })], 'c1');
      },
    });
    render(<FeedbackPage />);
    await screen.findByTestId('feedback-card');

    fireEvent.click(screen.getByTestId('feedback-more'));
    await waitFor(() => expect(screen.getAllByTestId('feedback-card')).toHaveLength(2));
    expect(screen.getByTestId('feedback-end')).toBeTruthy();

    fireEvent.click(screen.getByTestId('feedback-category-logistics'));
    await screen.findByTestId('feedback-card');
    fireEvent.click(screen.getByTestId('feedback-status-chip-in_progress'));
    await screen.findByTestId('feedback-card');
    fireEvent.click(screen.getByTestId('feedback-sort-votes'));
    await screen.findByTestId('feedback-card');
    expect(screen.getByTestId('feedback-board').getAttribute('data-sort')).toBe('votes');
    expect(screen.getByTestId('feedback-status-chip-in_progress').getAttribute('data-active')).toBe('true');
    expect(sent('list').slice(2)).toEqual([
      { sort: 'new', category: 'logistics' },
      { sort: 'new', category: 'logistics', status: 'in_progress' },
      { sort: 'votes', category: 'logistics', status: 'in_progress' },
    ]);
  });

  it('offers the first post on an empty board, a retry after a failure, and reloads when shown again', async () => {
    let answer: Reply = NETWORK_DOWN;
    serve({ 'feedback.list': () => answer });
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    render(<FeedbackPage />);
    expect((await screen.findByTestId('feedback-error')).textContent).toContain('网络异常');

    answer = page([]);
    fireEvent.click(screen.getByTestId('feedback-error-action'));
    const empty = await screen.findByTestId('feedback-empty');
    expect(empty.textContent).toContain('还没有人吐槽');
    fireEvent.click(screen.getByTestId('feedback-empty-action'));
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/feedback/new' });

    answer = page([postView()]);
    act(() => showPageAgain());
    expect(await screen.findByTestId('feedback-card')).toBeTruthy();
  });
});

describe('我的反馈', () => {
  it('shows each of my posts in its state, with the reason when it was turned down', async () => {
    serve({
      'feedback.mine': page([
        postView({ id: 'fb_000000000001', mine: true, review: 'pending', reviewName: '审核中' }),
        postView({ id: 'fb_000000000002', mine: true, review: 'rejected', reviewName: '未通过', reviewReason: '含有广告或联系方式' }),
        postView({ id: 'fb_000000000003', mine: true, status: 'planned', statusName: '已计划', replyCount: 1 }),
      ]),
    });
    render(<MyFeedbackPage />);
    const items = await screen.findAllByTestId('feedback-mine-item');
    expect(items.map((item) => within(item).getByTestId('feedback-review').textContent)).toEqual(['审核中', '未通过：含有广告或联系方式', '已公开']);
    // A status only once it is public.
    expect(within(items[0]).queryByTestId('feedback-status')).toBeNull();
    expect(within(items[2]).getByTestId('feedback-status').textContent).toBe('已计划');
    expect(within(items[2]).getByTestId('feedback-mine-item-replies').textContent).toBe('官方回复 1');
  });

  it('offers 去吐槽 when there is nothing yet, and a retry after a failure', async () => {
    let answer: Reply = NETWORK_DOWN;
    serve({ 'feedback.mine': () => answer });
    render(<MyFeedbackPage />);
    await screen.findByTestId('feedback-mine-error');
    answer = page([]);
    fireEvent.click(screen.getByTestId('feedback-mine-error-action'));
    expect((await screen.findByTestId('feedback-mine-empty-action')).textContent).toBe('去吐槽');
  });
});
