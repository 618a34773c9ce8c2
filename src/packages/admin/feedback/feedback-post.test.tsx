import { screen, waitFor, within } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import type { Answers } from '@/test-support/admin-test-kit';
import { clickOn, pageTests, sent, serveWith, tap, typeIn } from '@/test-support/admin-test-kit';
import { boardColumns, postDetail, publishedPost, staffPost } from '@/test-support/feedback-staff-fixtures';
import type { FeedbackPostDetail } from './feedback-post.slice';
import FeedbackPostPage from './post-page';

// 反馈处理 with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const pending = staffPost({ text: '收到的杯子有裂缝', product: { id: 'p-cup', name: '随行杯' }, orderLabel: '关联订单：随行杯' });
const published = publishedPost({
  id: pending.id,
  text: '收到的杯子有裂缝',
  status: 'planned',
  statusName: '已计划',
  votes: 6,
  followers: 2,
  replyCount: 1,
  product: pending.product,
  orderLabel: pending.orderLabel,
});
const reply = { id: 'fbr_1', text: '已安排补发', at: '2025-04-01T03:00:00.000Z', official: true as const };
const planned = postDetail({
  post: published,
  replies: [reply],
  statusMoves: [
    { status: 'acknowledged', name: '已收到' },
    { status: 'in_progress', name: '处理中' },
    { status: 'resolved', name: '已解决' },
    { status: 'declined', name: '暂不采纳' },
  ],
  canReward: true,
  defaultRewardPoints: 200,
});

/** feedbackPost answers each in turn (the last one again after that). */
const posts = (...details: FeedbackPostDetail[]) => {
  const queue = [...details];
  return () => ({ ok: true as const, data: queue.length > 1 ? queue.shift()! : queue[0] });
};

const serveAs = serveWith({ feedbackPost: posts(planned) });
const openAs = pageTests(<FeedbackPostPage />, serveAs, 'resetAdminFeedbackPost');
const openPost = (role: 'admin' | 'moderator', answers: Answers = {}) => {
  (Current as { router: unknown }).router = { params: { id: pending.id }, path: '/packages/admin/feedback-post' };
  return openAs(role, answers);
};

afterEach(() => {
  (Current as { router: unknown }).router = null;
});

describe('反馈处理', () => {
  it('shows the post in full: states, text, product, order, checks, author, votes, followers and replies', async () => {
    openPost('moderator');
    const page = await screen.findByTestId('admin-feedback-post');
    expect(page.getAttribute('data-status')).toBe('planned');
    expect(screen.getByTestId('admin-feedback-post-review').textContent).toBe('已公开');
    expect(screen.getByTestId('admin-feedback-post-status').textContent).toBe('已计划');
    expect(screen.getByTestId('admin-feedback-post-text').textContent).toBe('收到的杯子有裂缝');
    expect(screen.getByTestId('admin-feedback-post-product').textContent).toBe('关于商品：随行杯');
    expect(screen.getByTestId('admin-feedback-post-order').textContent).toBe('关联订单：随行杯');
    expect(screen.getByTestId('admin-feedback-post-checks-text').textContent).toBe('文字：通过');
    expect(screen.getByTestId('admin-feedback-post-author').textContent).toContain('已下单 3 次 · 发帖 2 条');
    expect(screen.getByTestId('admin-feedback-post-votes').textContent).toBe('6');
    expect(screen.getByTestId('admin-feedback-post-followers').textContent).toBe('2');
    expect(within(screen.getByTestId('admin-feedback-reply')).getByText('已安排补发')).toBeTruthy();
    expect(page.textContent).not.toMatch(/fb_|fbr_/);
  });

  it('a moderator rewards up to the default reward; more is refused before sending, with the cap in words', async () => {
    openPost('moderator', { feedbackPost: posts({ ...planned, rewardCap: 200 }) });
    await screen.findByTestId('admin-feedback-reward');
    expect(screen.getByTestId('admin-feedback-reward').textContent).toContain('单次最多 200 积分，更多请由管理员发放');
    typeIn('admin-feedback-reward-points', '201');
    await tap('admin-feedback-reward-confirm');
    expect(screen.getByTestId('admin-feedback-reward-points-error').textContent).toBe('单次奖励最多 200 积分');
    expect(sent('rewardFeedback')).toEqual([]);
  });

  it('no reward control when the post cannot be rewarded', async () => {
    openPost('admin', { feedbackPost: posts({ ...planned, canReward: false }) });
    await screen.findByTestId('admin-feedback-post');
    expect(screen.queryByTestId('admin-feedback-reward')).toBeNull();
  });

  it('an admin rewards (prefilled with the default points) and then sees 已奖励 N 积分', async () => {
    const rewarded = postDetail({ ...planned, post: { ...published, reward: { points: 300 } }, canReward: false });
    openPost('admin', {
      feedbackPost: posts(planned, rewarded),
      rewardFeedback: { ok: true, data: { postId: published.id, points: 300, replayed: false } },
    });
    const points = await screen.findByTestId('admin-feedback-reward-points');
    // Prefilled with the brand's default.
    expect(((points.tagName === 'INPUT' ? points : points.querySelector('input')!) as HTMLInputElement).value).toBe('200');
    typeIn('admin-feedback-reward-points', '300');
    typeIn('admin-feedback-reward-note', '新增加固包装');
    await tap('admin-feedback-reward-confirm');
    expect(sent('rewardFeedback')).toEqual([{ postId: published.id, points: 300, note: '新增加固包装' }]);
    expect((await screen.findByTestId('admin-feedback-rewarded')).textContent).toBe('已奖励 300 积分');
    expect(screen.queryByTestId('admin-feedback-reward')).toBeNull();
  });

  it('checks the reward points before sending', async () => {
    openPost('admin');
    await screen.findByTestId('admin-feedback-reward');
    typeIn('admin-feedback-reward-points', '0');
    await tap('admin-feedback-reward-confirm');
    expect(screen.getByTestId('admin-feedback-reward-points-error').textContent).toBe('请填写奖励积分（正整数）');
    expect(sent('rewardFeedback')).toEqual([]);
  });

  it('replies in public and shows the reply after reading the post again', async () => {
    const answered = postDetail({ ...planned, replies: [reply, { ...reply, id: 'fbr_2', text: '补发已寄出，请留意物流' }] });
    openPost('moderator', {
      feedbackPost: posts(planned, answered),
      replyFeedback: { ok: true, data: { reply: { ...reply, id: 'fbr_2', text: '补发已寄出，请留意物流' } } },
    });
    await screen.findByTestId('admin-feedback-reply-input');
    typeIn('admin-feedback-reply-input', '补发已寄出，请留意物流');
    await tap('admin-feedback-reply-send');
    expect(sent('replyFeedback')).toEqual([{ postId: published.id, text: '补发已寄出，请留意物流' }]);
    await waitFor(() => expect(screen.getAllByTestId('admin-feedback-reply')).toHaveLength(2));
    expect(screen.getByTestId('admin-feedback-reply-outcome-result').textContent).toContain('回复已公开');
  });

  it('moves the status with the buttons the server allows, and says why a move was refused', async () => {
    openPost('moderator', {
      setFeedbackStatus: { ok: false, error: { code: 'FEEDBACK_WRONG_STATE', message: '「已解决」不能改为「已收到」' } },
    });
    await screen.findByTestId('admin-feedback-post-status-actions');
    expect(screen.getAllByTestId(/^admin-feedback-status-/).map((b) => b.textContent)).toEqual(['已收到', '处理中', '已解决', '暂不采纳']);
    await tap('admin-feedback-status-acknowledged');
    expect(sent('setFeedbackStatus')).toEqual([{ postId: published.id, status: 'acknowledged' }]);
    expect((await screen.findByTestId('admin-feedback-post-status-outcome-error')).textContent).toBe('「已解决」不能改为「已收到」');
  });

  it('offers the review decisions of a pending post; 驳回 takes a template', async () => {
    const rejected = postDetail({ post: { ...pending, review: 'rejected', reviewName: '未通过', reviewReason: '内容与品牌无关' } });
    openPost('moderator', {
      feedbackPost: posts(postDetail({ post: pending }), rejected),
      moderateFeedback: { ok: true, data: { postId: pending.id, review: 'rejected', status: 'open' } },
    });
    await screen.findByTestId('admin-feedback-post-review-actions');
    expect(screen.getByTestId('admin-feedback-reply-closed')).toBeTruthy();
    expect(screen.queryByTestId('admin-feedback-merge')).toBeNull();
    expect(['approve', 'reject', 'hide', 'restore'].map((d) => screen.queryByTestId(`admin-feedback-post-${d}`) !== null)).toEqual([true, true, true, false]);
    await tap('admin-feedback-post-reject');
    await tap('admin-feedback-template-0');
    expect(sent('moderateFeedback')).toEqual([{ postId: pending.id, decision: 'reject', reason: '内容与品牌无关' }]);
    expect((await screen.findByTestId('admin-feedback-post-reason')).textContent).toBe('驳回理由：内容与品牌无关');
    expect(screen.getByTestId('admin-feedback-post-review-result').textContent).toContain('已驳回');
    // A rejected post can be approved on a second look.
    expect(screen.getByTestId('admin-feedback-post-approve')).toBeTruthy();
  });

  it('merges into a post of the same category; a merge cut short asks to merge again', async () => {
    const same = publishedPost({ text: '杯子也裂了', votes: 9 });
    const other = publishedPost({ text: '快递太慢', category: 'logistics', categoryName: '物流' });
    openPost('moderator', {
      feedbackBoard: { ok: true, data: { columns: boardColumns([same, other, published]) } },
      mergeFeedback: (payload) => ({
        ok: true,
        data: {
          postId: published.id,
          review: 'published',
          status: 'duplicate',
          intoPostId: String(payload.intoPostId),
          votes: 15,
          complete: sent('mergeFeedback').length > 1,
        },
      }),
    });
    await screen.findByTestId('admin-feedback-merge');
    expect(screen.getByTestId('admin-feedback-merge-explain').textContent).toContain('我也是与关注者会并入目标反馈');
    await tap('admin-feedback-merge-open');
    await waitFor(() =>
      expect(screen.getAllByTestId('admin-feedback-merge-candidate').map((c) => c.textContent)).toEqual([expect.stringContaining('杯子也裂了')]),
    );
    typeIn('admin-feedback-merge-search', '快递');
    expect(screen.getAllByTestId('admin-feedback-merge-candidate').map((c) => c.getAttribute('data-post-id'))).toEqual([other.id]);
    typeIn('admin-feedback-merge-search', '');
    await clickOn(screen.getByTestId('admin-feedback-merge-candidate'));
    expect(screen.getByTestId('admin-feedback-merge-target').textContent).toContain('杯子也裂了');

    await tap('admin-feedback-merge-confirm');
    expect(sent('mergeFeedback')).toEqual([{ postId: published.id, intoPostId: same.id }]);
    expect((await screen.findByTestId('admin-feedback-merge-incomplete')).textContent).toBe('合并未完成，请再点一次合并');
    expect(screen.getByTestId('admin-feedback-merge-confirm').textContent).toBe('再次合并');
    await tap('admin-feedback-merge-confirm');
    expect(sent('mergeFeedback')).toHaveLength(2);
    expect((await screen.findByTestId('admin-feedback-merge-outcome-result')).textContent).toContain('15');
  });

  it('shows an error with a retry when the post cannot be loaded', async () => {
    openPost('moderator', { feedbackPost: { ok: false, error: { code: 'NOT_FOUND', message: '反馈不存在' } } });
    expect((await screen.findByTestId('admin-feedback-post-error')).textContent).toContain('反馈不存在');
  });
});
