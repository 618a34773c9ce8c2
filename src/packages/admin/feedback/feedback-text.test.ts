import { actionText, nameBookOf } from '../shared/admin-text';
import { autoPublishChoices, feedbackSettingsFormOf, readFeedbackSettingsForm } from './feedback-settings-form-model';
import { feedbackErrorText, imageCheckText, reasonProblem, reviewDecisions, setAsideReasonText, textCheckText, waitingText } from './feedback-text';
import { feedbackSettingsView } from '@/test-support/feedback-staff-fixtures';

describe('吐槽审核 in words', () => {
  it.each([
    [null, ''],
    [0, '刚刚提交'],
    [35, '等待 35 分钟'],
    [59, '等待 59 分钟'],
    [60, '等待 1 小时'],
    [150, '等待 2 小时'],
    [24 * 60 * 3 + 5, '等待 3 天'],
  ])('waiting %p minutes -> %p', (minutes, text) => {
    expect(waitingText(minutes)).toBe(text);
  });

  it('says the text check', () => {
    expect(textCheckText({ suggest: 'pass', labelName: null }).text).toBe('文字：通过');
    expect(textCheckText({ suggest: 'review', labelName: '广告' }).text).toBe('文字：需人工复核（疑似广告）');
    expect(textCheckText({ suggest: 'review', labelName: null }).text).toBe('文字：需人工复核');
  });

  it('says why a post was set aside', () => {
    expect(setAsideReasonText({ review: 'hidden', reviewReason: '图片未通过内容安全检测' })).toBe('隐藏原因：图片未通过内容安全检测');
    expect(setAsideReasonText({ review: 'rejected', reviewReason: '含有广告或联系方式' })).toBe('驳回理由：含有广告或联系方式');
    expect(setAsideReasonText({ review: 'hidden', reviewReason: null })).toBe('隐藏原因：未注明');
    expect(setAsideReasonText({ review: 'published', reviewReason: null })).toBeNull();
  });

  it('says the images’ combined check: risky over checking over passed', () => {
    expect(imageCheckText([])).toBeNull();
    expect(imageCheckText([{ check: 'pass', labelName: null }])?.text).toBe('图片：通过');
    expect(
      imageCheckText([
        { check: 'pass', labelName: null },
        { check: 'pending', labelName: null },
      ])?.text,
    ).toBe('图片：检测中');
    expect(
      imageCheckText([
        { check: 'pending', labelName: null },
        { check: 'risky', labelName: null },
      ])?.text,
    ).toBe('图片：有风险（已隐藏）');
    expect(imageCheckText([{ check: 'risky', labelName: '色情' }])?.text).toBe('图片：有风险（疑似色情，已隐藏）');
    expect(imageCheckText([{ check: 'review', labelName: null }])?.text).toBe('图片：需人工复核');
  });

  it('offers the review decisions the post’s state allows', () => {
    expect(reviewDecisions('pending')).toEqual(['approve', 'reject', 'hide']);
    expect(reviewDecisions('published')).toEqual(['hide']);
    expect(reviewDecisions('rejected')).toEqual(['approve']);
    expect(reviewDecisions('hidden')).toEqual(['restore']);
  });

  it('checks a typed reason as the server will', () => {
    expect(reasonProblem('  ', 'reject')).toBe('请填写驳回理由');
    expect(reasonProblem('广', 'hide')).toBe('隐藏原因至少 2 个字');
    expect(reasonProblem('字'.repeat(61), 'reject')).toBe('驳回理由最多 60 个字');
    expect(reasonProblem(' 广告 ', 'reject')).toBe('');
  });

  it('shows the server’s sentence for a refusal, else a fixed one', () => {
    expect(feedbackErrorText({ code: 'FEEDBACK_WRONG_STATE', message: '该反馈已奖励 200 积分，每条反馈只奖励一次' })).toBe(
      '该反馈已奖励 200 积分，每条反馈只奖励一次',
    );
    expect(feedbackErrorText({ code: 'FEEDBACK_WRONG_STATE', message: 'wrong state' })).toBe('该反馈当前状态不允许此操作，已刷新');
    expect(feedbackErrorText({ code: 'FORBIDDEN', message: '没有权限执行此操作' })).toBe('没有权限执行此操作');
    expect(feedbackErrorText({ code: 'INTERNAL', message: 'boom' })).toBe('服务开小差了，请稍后重试');
  });

  it('names feedback actions in the audit log without the post’s id', () => {
    const names = nameBookOf({});
    expect(actionText({ action: 'feedback.reject', target: { postId: 'fb_000000000001', reason: '内容与品牌无关' } }, names)).toBe(
      '驳回反馈（内容与品牌无关）',
    );
    expect(actionText({ action: 'feedback.reward', target: { postId: 'fb_000000000001', points: 200 } }, names)).toBe('奖励反馈作者 200 积分');
    expect(actionText({ action: 'feedback.approve', target: { postId: 'fb_000000000001' } }, names)).toBe('通过反馈');
    expect(actionText({ action: 'feedback.config.update', target: {} }, names)).toBe('修改吐槽中心设置');
  });
});

describe('the settings form', () => {
  const form = () => feedbackSettingsFormOf(feedbackSettingsView().config);

  it('reads back what it was given', () => {
    expect(readFeedbackSettingsForm(form())).toEqual({ ok: true, config: feedbackSettingsView().config });
  });

  it('trims reasons and sends numbers', () => {
    const read = readFeedbackSettingsForm({ ...form(), posts: '8', defaultRewardPoints: ' 300 ', rejectTemplates: ['  广告  '], autoPublishFromTier: 'buyer' });
    expect(read).toEqual({
      ok: true,
      config: { autoPublishFromTier: 'buyer', limits: { posts: 8, images: 9, votes: 100 }, rejectTemplates: ['广告'], defaultRewardPoints: 300 },
    });
  });

  it('names each field that is not a whole number, each blank reason, and no reason at all', () => {
    const read = readFeedbackSettingsForm({ ...form(), images: '2.5', votes: '', defaultRewardPoints: '-1', rejectTemplates: ['广告', ' '] });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors).toEqual({
      'limits.images': '请填写整数',
      'limits.votes': '请填写整数',
      defaultRewardPoints: '请填写整数',
      'rejectTemplates.1': '请填写理由，或删除这一条',
    });
    const none = readFeedbackSettingsForm({ ...form(), rejectTemplates: [] });
    expect(none.ok === false && none.errors).toEqual({ rejectTemplates: '至少保留一条驳回理由' });
  });

  it('leaves the ranges to the server: 500 posts a day is sent as typed', () => {
    expect(readFeedbackSettingsForm({ ...form(), posts: '500' }).ok).toBe(true);
  });

  it('offers every step from 未购会员 and review for all', () => {
    expect(autoPublishChoices(null).map((c) => c.label)).toEqual([
      '每条都人工审核',
      '从「未购会员」起免审',
      '从「已购会员」起免审',
      '从「复购会员」起免审',
      '从「品牌KOC」起免审',
    ]);
    expect(autoPublishChoices('follower').map((c) => c.key)).toContain('follower');
  });
});
