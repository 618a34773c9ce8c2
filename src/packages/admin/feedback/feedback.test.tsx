import { act, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { clickOn, pageTests, sent, serveWith, tap, typeIn } from '@/test-support/admin-test-kit';
import { FEEDBACK_SETTINGS_REFUSAL, boardColumns, feedbackSettingsView, feedbackStats, publishedPost, staffPost } from '@/test-support/feedback-staff-fixtures';
import type { Reply } from '@/test-support/replies';
import AdminPage from '../index';
import FeedbackAdminPage from './feedback-page';

// 吐槽审核 with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

// The build turns Taro.previewImage into a named import of @tarojs/taro: that one is replaced.
jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('@tarojs/taro');
  const previewImage = jest.fn(() => Promise.resolve({ errMsg: 'previewImage:ok' }));
  // A proxy, not a copy: reading every export now would run into Taro's circular imports.
  return new Proxy(actual, { get: (target, key) => (key === 'previewImage' ? previewImage : target[key]) });
});
const previewImage = (jest.requireMock('@tarojs/taro') as { previewImage: jest.Mock }).previewImage;

// Taro's lazy images watch the viewport; jsdom has no IntersectionObserver (browsers and WeChat do).
beforeAll(() => {
  (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

const oldest = staffPost({
  text: '燕麦拿铁太甜了，希望可以选少糖',
  waitingMinutes: 35,
  images: [{ url: 'https://tmp.example/a.jpg' }, { url: 'https://tmp.example/b.jpg' }],
  textCheck: { suggest: 'review', labelName: '广告' },
  imageChecks: [
    { check: 'pass', labelName: null },
    { check: 'pending', labelName: null },
  ],
});
const newer = staffPost({ text: '快递三天还没到', category: 'logistics', categoryName: '物流', waitingMinutes: 150 });

const serveAs = serveWith({
  feedbackQueue: { ok: true, data: { posts: [oldest, newer], cursor: null, waiting: 2 } },
  feedbackConfig: { ok: true, data: feedbackSettingsView() },
  feedbackBoard: { ok: true, data: { columns: boardColumns([publishedPost({ text: '希望出大杯', votes: 12 })]) } },
  moderateFeedback: (payload) => ({ ok: true, data: { postId: String(payload.postId), review: 'published', status: 'open' } }),
});

const openAs = pageTests(<FeedbackAdminPage />, serveAs, 'resetAdminFeedback', 'resetAdminFeedbackSettings');

const cards = () => screen.queryAllByTestId('admin-feedback-card');
const card = (text: string) => cards().find((element) => element.textContent?.includes(text))!;

describe('吐槽审核: the queue', () => {
  it('shows each waiting post with its wait, checks, images and author', async () => {
    openAs('moderator');
    expect((await screen.findByTestId('admin-feedback-waiting')).textContent).toBe('2');
    const first = card('燕麦拿铁');
    const inFirst = within(first);
    expect(inFirst.getByTestId('admin-feedback-card-waited').textContent).toBe('等待 35 分钟');
    expect(inFirst.getByTestId('admin-feedback-card-category').textContent).toBe('产品');
    expect(inFirst.getByTestId('admin-feedback-card-checks-text').textContent).toBe('文字：需人工复核（疑似广告）');
    expect(inFirst.getByTestId('admin-feedback-card-checks-images').textContent).toBe('图片：检测中');
    expect(inFirst.getAllByTestId('admin-feedback-card-images-image')).toHaveLength(2);
    expect(inFirst.getByTestId('admin-feedback-card-author').textContent).toBe('小满 · 已购会员 · 已下单 3 次 · 发帖 2 条');
    expect(within(card('快递')).getByTestId('admin-feedback-card-waited').textContent).toBe('等待 2 小时');
    // Nothing of the post's id on screen.
    expect(screen.getByTestId('admin-feedback-queue').textContent).not.toMatch(/fb_/);
  });

  it('通过 takes the card away at once and counts it off (the tap does not open the post)', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    openAs('moderator');
    await screen.findByTestId('admin-feedback-queue');
    await clickOn(within(card('燕麦拿铁')).getByTestId('admin-feedback-approve'));
    expect(navigate).not.toHaveBeenCalled();
    navigate.mockRestore();
    expect(sent('moderateFeedback')).toEqual([{ postId: oldest.id, decision: 'approve' }]);
    expect(cards().map((c) => c.getAttribute('data-post-id'))).toEqual([newer.id]);
    expect(screen.getByTestId('admin-feedback-waiting').textContent).toBe('1');
  });

  it('驳回 opens the reasons: one tap on a template rejects with it', async () => {
    openAs('moderator');
    await screen.findByTestId('admin-feedback-queue');
    await clickOn(within(card('快递')).getByTestId('admin-feedback-reject'));
    const sheet = await screen.findByTestId('admin-feedback-sheet');
    expect(sheet.getAttribute('data-decision')).toBe('reject');
    expect(screen.getByTestId('admin-feedback-template-1').textContent).toBe('含有广告或联系方式');
    await tap('admin-feedback-template-1');
    expect(sent('moderateFeedback')).toEqual([{ postId: newer.id, decision: 'reject', reason: '含有广告或联系方式' }]);
    expect(screen.queryByTestId('admin-feedback-sheet')).toBeNull();
    expect(cards()).toHaveLength(1);
  });

  it('隐藏 takes a typed reason, checked before sending', async () => {
    openAs('moderator');
    await screen.findByTestId('admin-feedback-queue');
    await clickOn(within(card('燕麦拿铁')).getByTestId('admin-feedback-hide'));
    typeIn('admin-feedback-reason', '广');
    await tap('admin-feedback-reason-confirm');
    expect(screen.getByTestId('admin-feedback-reason-error').textContent).toBe('隐藏原因至少 2 个字');
    expect(sent('moderateFeedback')).toEqual([]);
    typeIn('admin-feedback-reason', '含他人电话');
    await tap('admin-feedback-reason-confirm');
    expect(sent('moderateFeedback')).toEqual([{ postId: oldest.id, decision: 'hide', reason: '含他人电话' }]);
  });

  it('a refused decision brings the card back with the reason', async () => {
    openAs('moderator', { moderateFeedback: { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } } });
    await screen.findByTestId('admin-feedback-queue');
    await clickOn(within(card('燕麦拿铁')).getByTestId('admin-feedback-approve'));
    expect(await within(card('燕麦拿铁')).findByTestId('admin-feedback-card-error')).toBeTruthy();
    expect(cards()).toHaveLength(2);
  });

  it('tapping a card opens the post; tapping an image previews it without opening the post', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    openAs('moderator');
    await screen.findByTestId('admin-feedback-queue');
    await clickOn(within(card('燕麦拿铁')).getAllByTestId('admin-feedback-card-images-image')[1]);
    expect(previewImage).toHaveBeenCalledWith({ current: 'https://tmp.example/b.jpg', urls: ['https://tmp.example/a.jpg', 'https://tmp.example/b.jpg'] });
    expect(navigate).not.toHaveBeenCalled();
    await clickOn(card('燕麦拿铁'));
    expect(navigate).toHaveBeenCalledWith({ url: `/packages/admin/feedback-post?id=${oldest.id}` });
    navigate.mockRestore();
  });

  it('pages with the cursor', async () => {
    openAs('moderator', {
      feedbackQueue: (payload) =>
        payload.cursor
          ? { ok: true, data: { posts: [staffPost({ text: '第三条' })], cursor: null, waiting: 3 } }
          : { ok: true, data: { posts: [oldest, newer], cursor: 'c2', waiting: 3 } },
    });
    await screen.findByTestId('admin-feedback-queue');
    await tap('admin-feedback-queue-more');
    expect(sent('feedbackQueue')).toEqual([{}, { cursor: 'c2' }]);
    expect(cards()).toHaveLength(3);
    expect(screen.getByTestId('admin-feedback-queue-end')).toBeTruthy();
  });

  it('clearing every card shown brings the next ones', async () => {
    openAs('moderator', {
      feedbackQueue: () =>
        sent('moderateFeedback').length === 0
          ? { ok: true, data: { posts: [oldest], cursor: 'c1', waiting: 2 } }
          : { ok: true, data: { posts: [newer], cursor: null, waiting: 1 } },
    });
    await screen.findByTestId('admin-feedback-queue');
    await clickOn(within(card('燕麦拿铁')).getByTestId('admin-feedback-approve'));
    await waitFor(() => expect(cards().map((c) => c.getAttribute('data-post-id'))).toEqual([newer.id]));
    expect(sent('feedbackQueue')).toEqual([{}, {}]);
    expect(screen.queryByTestId('admin-feedback-queue-empty')).toBeNull();
  });

  it('an empty queue says so and leads to the board', async () => {
    openAs('moderator', { feedbackQueue: { ok: true, data: { posts: [], cursor: null, waiting: 0 } } });
    expect((await screen.findByTestId('admin-feedback-queue-empty')).textContent).toContain('审核队列已清空');
    await tap('admin-feedback-queue-empty-action');
    expect(await screen.findByTestId('admin-feedback-board')).toBeTruthy();
    expect(screen.getByTestId('admin-feedback-tab-board').getAttribute('data-active')).toBe('true');
  });

  it('shows an error with a retry when the queue cannot be loaded', async () => {
    openAs('moderator', { feedbackQueue: { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } } });
    expect((await screen.findByTestId('admin-feedback-queue-error')).textContent).toContain('网络异常');
  });
});

describe('吐槽审核: the hidden and rejected posts', () => {
  const imageHidden = staffPost({
    text: '门店电话是 138xxxx',
    review: 'hidden',
    reviewName: '已隐藏',
    reviewReason: '图片未通过内容安全检测',
    waitingMinutes: null,
    createdAt: '2025-04-02T03:04:00.000Z',
    imageChecks: [{ check: 'risky', labelName: '广告' }],
  });
  const staffHidden = staffPost({ text: '店员态度差，骂人', review: 'hidden', reviewName: '已隐藏', reviewReason: '含他人电话', waitingMinutes: null });
  const rejected = staffPost({ text: '加我微信领券', review: 'rejected', reviewName: '未通过', reviewReason: '含有广告或联系方式', waitingMinutes: null });

  const lists = (payload: Record<string, unknown>) =>
    payload.review === 'hidden'
      ? { ok: true as const, data: { posts: [imageHidden, staffHidden], cursor: null, waiting: 2 } }
      : payload.review === 'rejected'
        ? { ok: true as const, data: { posts: [rejected], cursor: null, waiting: 1 } }
        : { ok: true as const, data: { posts: [oldest, newer], cursor: null, waiting: 2 } };

  it('已隐藏 lists the hidden posts with their reason in words, without the queue’s buttons; a tap opens the post', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    openAs('moderator', { feedbackQueue: lists });
    await screen.findByTestId('admin-feedback-queue');
    expect(screen.getByTestId('admin-feedback-tab-queue').textContent).toBe('审核');
    expect(screen.getByTestId('admin-feedback-review-pending').getAttribute('data-active')).toBe('true');

    await tap('admin-feedback-review-hidden');
    await waitFor(() => expect(screen.getByTestId('admin-feedback-queue').getAttribute('data-review')).toBe('hidden'));
    expect(sent('feedbackQueue')).toEqual([{}, { review: 'hidden' }]);
    expect(screen.getByTestId('admin-feedback-review-hidden').getAttribute('data-active')).toBe('true');
    expect(screen.getByTestId('admin-feedback-queue').textContent).toContain('已隐藏 2 条');
    expect(screen.getByTestId('admin-feedback-waiting').textContent).toBe('2');

    const byImage = within(card('门店电话'));
    expect(byImage.getByTestId('admin-feedback-card-reason').textContent).toBe('隐藏原因：图片未通过内容安全检测');
    expect(byImage.getByTestId('admin-feedback-card-checks-images').textContent).toBe('图片：有风险（疑似广告，已隐藏）');
    expect(byImage.getByTestId('admin-feedback-card-open').textContent).toBe('查看并恢复 ›');
    expect(byImage.getByTestId('admin-feedback-card-submitted').textContent).toMatch(/^提交 \d/);
    expect(within(card('店员态度差')).getByTestId('admin-feedback-card-reason').textContent).toBe('隐藏原因：含他人电话');
    // The one-tap decisions are the queue's only.
    for (const id of ['admin-feedback-approve', 'admin-feedback-reject', 'admin-feedback-hide']) expect(screen.queryByTestId(id)).toBeNull();

    await clickOn(card('门店电话'));
    expect(navigate).toHaveBeenCalledWith({ url: `/packages/admin/feedback-post?id=${imageHidden.id}` });
    navigate.mockRestore();
  });

  it('未通过 lists the rejected posts with the reason given; back on 待审核 the buttons return', async () => {
    openAs('moderator', { feedbackQueue: lists });
    await screen.findByTestId('admin-feedback-queue');
    await tap('admin-feedback-review-rejected');
    await waitFor(() => expect(screen.getByTestId('admin-feedback-queue').getAttribute('data-review')).toBe('rejected'));
    expect(cards().map((c) => c.getAttribute('data-post-id'))).toEqual([rejected.id]);
    expect(within(card('加我微信')).getByTestId('admin-feedback-card-reason').textContent).toBe('驳回理由：含有广告或联系方式');
    expect(within(card('加我微信')).getByTestId('admin-feedback-card-open').textContent).toBe('查看并复核 ›');

    await tap('admin-feedback-review-pending');
    await waitFor(() => expect(screen.getByTestId('admin-feedback-queue').getAttribute('data-review')).toBe('pending'));
    expect(sent('feedbackQueue')).toEqual([{}, { review: 'rejected' }, {}]);
    expect(cards()).toHaveLength(2);
    expect(within(card('燕麦拿铁')).getByTestId('admin-feedback-approve')).toBeTruthy();
    expect(screen.queryByTestId('admin-feedback-card-reason')).toBeNull();
  });

  it('while another list loads, the last list’s cards are not shown under its name', async () => {
    let release: (reply: Reply) => void = () => undefined;
    openAs('moderator', {
      feedbackQueue: (payload) => (payload.review === 'hidden' ? new Promise<Reply>((resolve) => (release = resolve)) : lists(payload)),
    });
    await screen.findByTestId('admin-feedback-queue');
    await tap('admin-feedback-review-hidden');
    expect(screen.getByTestId('admin-feedback-queue-loading')).toBeTruthy();
    expect(cards()).toHaveLength(0);
    await act(async () => release(lists({ review: 'hidden' })));
    expect(cards()).toHaveLength(2);
  });

  it('says in words when a list is empty (no way to the board there)', async () => {
    openAs('moderator', { feedbackQueue: (payload) => ({ ok: true, data: { posts: payload.review ? [] : [oldest], cursor: null, waiting: 0 } }) });
    await screen.findByTestId('admin-feedback-queue');
    await tap('admin-feedback-review-hidden');
    const empty = await screen.findByTestId('admin-feedback-queue-empty');
    expect(empty.textContent).toContain('没有已隐藏的反馈');
    expect(screen.queryByTestId('admin-feedback-queue-empty-action')).toBeNull();
    await tap('admin-feedback-review-rejected');
    await waitFor(() => expect(screen.getByTestId('admin-feedback-queue-empty').textContent).toContain('没有未通过的反馈'));
  });

  it('pages a list with the cursor, and keeps the list chosen across the board', async () => {
    openAs('moderator', {
      feedbackQueue: (payload) =>
        payload.review !== 'hidden'
          ? lists(payload)
          : payload.cursor
            ? { ok: true, data: { posts: [staffHidden], cursor: null, waiting: 2 } }
            : { ok: true, data: { posts: [imageHidden], cursor: 'c-hidden', waiting: 2 } },
    });
    await screen.findByTestId('admin-feedback-queue');
    await tap('admin-feedback-review-hidden');
    await tap('admin-feedback-queue-more');
    expect(sent('feedbackQueue')).toEqual([{}, { review: 'hidden' }, { cursor: 'c-hidden', review: 'hidden' }]);
    expect(cards()).toHaveLength(2);
    expect(screen.getByTestId('admin-feedback-queue-end')).toBeTruthy();

    await tap('admin-feedback-tab-board');
    await screen.findByTestId('admin-feedback-board');
    await tap('admin-feedback-tab-queue');
    await waitFor(() => expect(screen.getByTestId('admin-feedback-review-hidden').getAttribute('data-active')).toBe('true'));
    expect(sent('feedbackQueue').at(-1)).toEqual({ review: 'hidden' });
  });

  it('a list that cannot be loaded says which, with a retry', async () => {
    openAs('moderator', {
      feedbackQueue: (payload) => (payload.review ? { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } } : lists(payload)),
    });
    await screen.findByTestId('admin-feedback-queue');
    await tap('admin-feedback-review-rejected');
    const failed = await screen.findByTestId('admin-feedback-queue-error');
    expect(failed.textContent).toContain('未通过的反馈加载失败');
    await tap('admin-feedback-queue-error-action');
    expect(sent('feedbackQueue').at(-1)).toEqual({ review: 'rejected' });
  });
});

describe('吐槽审核: the board', () => {
  it('shows the columns with their counts and top posts, and filters by category', async () => {
    openAs('moderator', {
      feedbackBoard: (payload) => ({
        ok: true,
        data: {
          columns: boardColumns(
            payload.category ? [] : [publishedPost({ text: '希望出大杯', votes: 12 }), publishedPost({ status: 'planned', statusName: '已计划' })],
            {
              resolved: payload.category ? 0 : 30,
            },
          ),
        },
      }),
    });
    await clickOn(await screen.findByTestId('admin-feedback-tab-board'));
    const open = await screen.findByTestId('admin-feedback-column-open');
    expect(open.getAttribute('data-count')).toBe('1');
    expect(within(open).getByTestId('admin-feedback-board-votes').textContent).toBe('我也是 12');
    expect(screen.getByTestId('admin-feedback-column-resolved-count').textContent).toBe('30 条');
    expect(screen.getAllByTestId(/^admin-feedback-column-[a-z_]+$/).map((c) => c.textContent?.slice(0, 4))).toEqual([
      '待处理1',
      '已收到0',
      '已计划1',
      '处理中0',
      '已解决3',
      '暂不采纳',
    ]);

    await tap('admin-feedback-board-category-logistics');
    await waitFor(() => expect(screen.getByTestId('admin-feedback-column-resolved').getAttribute('data-count')).toBe('0'));
    expect(sent('feedbackBoard')).toEqual([{}, { category: 'logistics' }]);
  });
});

describe('吐槽审核: the settings', () => {
  it('a moderator reads them: no inputs, no save', async () => {
    openAs('moderator');
    await clickOn(await screen.findByTestId('admin-feedback-tab-settings'));
    const form = await screen.findByTestId('feedback-settings-form');
    expect(form.getAttribute('data-readonly')).toBe('true');
    expect(screen.getByTestId('feedback-settings-autoPublishFromTier').textContent).toBe('每条都人工审核');
    expect(screen.getByTestId('feedback-settings-posts').textContent).toBe('5');
    expect(screen.getByTestId('feedback-settings-template-1').textContent).toContain('含有广告或联系方式');
    expect(form.querySelector('input')).toBeNull();
    expect(screen.queryByTestId('feedback-settings-save')).toBeNull();
    expect(screen.queryByTestId('feedback-settings-template-add')).toBeNull();
  });

  it('an admin edits the threshold, limits and reasons and saves over the loaded version', async () => {
    const saved = feedbackSettingsView({ version: 3 });
    openAs('admin', { updateFeedbackConfig: { ok: true, data: saved } });
    await clickOn(await screen.findByTestId('admin-feedback-tab-settings'));
    await screen.findByTestId('feedback-settings-form');
    await tap('feedback-settings-tier-buyer');
    typeIn('feedback-settings-posts', '8');
    await tap('feedback-settings-template-remove-0');
    await tap('feedback-settings-template-add');
    typeIn('feedback-settings-template-1', '请补充订单信息');
    typeIn('feedback-settings-defaultRewardPoints', '300');
    await tap('feedback-settings-save');
    expect(sent('updateFeedbackConfig')).toEqual([
      {
        expectedVersion: 2,
        config: {
          autoPublishFromTier: 'buyer',
          limits: { posts: 8, images: 9, votes: 100 },
          rejectTemplates: ['含有广告或联系方式', '请补充订单信息'],
          defaultRewardPoints: 300,
        },
      },
    ]);
    await waitFor(() => expect(screen.getByTestId('feedback-settings-version').textContent).toContain('版本 3'));
  });

  it('catches a blank reason before sending; shows the server’s messages by field', async () => {
    openAs('admin', { updateFeedbackConfig: FEEDBACK_SETTINGS_REFUSAL });
    await clickOn(await screen.findByTestId('admin-feedback-tab-settings'));
    await screen.findByTestId('feedback-settings-form');
    await tap('feedback-settings-template-add');
    await tap('feedback-settings-save');
    expect(screen.getByTestId('feedback-settings-error-rejectTemplates.2').textContent).toBe('请填写理由，或删除这一条');
    expect(sent('updateFeedbackConfig')).toEqual([]);

    await tap('feedback-settings-template-remove-2');
    await tap('feedback-settings-save');
    expect((await screen.findByTestId('feedback-settings-error-limits.posts')).textContent).toBe('每日发帖数最多 50');
    expect(screen.getByTestId('feedback-settings-error-rejectTemplates.1').textContent).toBe('驳回理由至少 2 个字');
    expect(screen.getByTestId('feedback-settings-error').textContent).toContain('有 2 项需要修改');
    typeIn('feedback-settings-posts', '20');
    expect(screen.queryByTestId('feedback-settings-error-limits.posts')).toBeNull();
  });

  it('a version conflict asks to reload', async () => {
    openAs('admin', { updateFeedbackConfig: { ok: false, error: { code: 'CONFLICT', message: '吐槽中心设置已被他人修改（当前版本 3），请刷新后重试' } } });
    await clickOn(await screen.findByTestId('admin-feedback-tab-settings'));
    await screen.findByTestId('feedback-settings-form');
    typeIn('feedback-settings-votes', '50');
    await tap('feedback-settings-save');
    expect((await screen.findByTestId('feedback-settings-conflict')).textContent).toContain('吐槽中心设置已被他人修改');
    expect(screen.getByTestId('feedback-settings-reload')).toBeTruthy();
  });
});

describe('吐槽审核 on the admin home', () => {
  const openHomeAs = pageTests(<AdminPage />, serveWith({ feedbackStats: { ok: true, data: feedbackStats() } }), 'resetAdminFeedback');

  it('shows the waiting count and the open items by category and age', async () => {
    openHomeAs('moderator');
    const entry = await screen.findByTestId('admin-feedback-entry-open');
    expect(screen.getByTestId('admin-feedback-entry-waiting').textContent).toBe('3');
    expect(entry.textContent).toContain('待跟进 3 条：产品 2 · 物流 1');
    expect(screen.getByTestId('admin-feedback-entry-age').textContent).toBe('1 天内 1 · 1–7 天 2');
  });
});
