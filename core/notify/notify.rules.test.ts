import { DEFAULT_NOTIFY_CONFIG, parseNotifyConfig } from './notify.config';
import { distinctKinds, MAX_ATTEMPTS, noticeId, retryDelayMs, subscriptionViews, verdictOf } from './notify.rules';

test('a notice id is a function of the key alone, and keys never collide by shape', () => {
  expect(noticeId('draw_result:d1_m1')).toBe(noticeId('draw_result:d1_m1'));
  expect(noticeId('draw_result:d1_m1')).not.toBe(noticeId('draw_promoted:d1_m1'));
  expect(noticeId('a:b')).not.toBe(noticeId('a_b'));
  expect(noticeId('抽签/结果 #1')).toMatch(/^ntc_[0-9a-f]{40}$/);
});

test('WeChat answers: 43101 is no opt-in, bad data or template fails at once, anything else is retried', () => {
  expect(verdictOf(43101)).toBe('no_optin');
  for (const code of [47003, 40037, 40003, 41030]) expect(verdictOf(code)).toBe('failed');
  for (const code of [-1, -501001, 45009, 40001, 0]) expect(verdictOf(code)).toBe('retry');
});

test('retries back off 1, 2, 4, 8, 16 minutes before the last attempt', () => {
  expect(Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1) / 60_000)).toEqual([1, 2, 4, 8, 16]);
  expect(retryDelayMs(20)).toBe(30 * 60_000);
});

test('subscriptions list every kind with the count in words', () => {
  expect(subscriptionViews(undefined)).toEqual([
    { kind: 'draw_result', label: '抽签结果通知', remaining: 0, words: '未订阅' },
    { kind: 'draw_promoted', label: '候补转正通知', remaining: 0, words: '未订阅' },
    { kind: 'feedback_update', label: '反馈审核与进度通知', remaining: 0, words: '未订阅' },
    { kind: 'feedback_reply', label: '反馈官方回复通知', remaining: 0, words: '未订阅' },
    { kind: 'feedback_resolved', label: '关注的反馈已解决通知', remaining: 0, words: '未订阅' },
  ]);
  expect(subscriptionViews({ draw_result: 2, draw_promoted: -1, feedback_reply: 1 }).map((s) => s.words)).toEqual([
    '还可接收 2 条',
    '未订阅',
    '未订阅',
    '还可接收 1 条',
    '未订阅',
  ]);
});

test('kinds are counted once each', () => {
  expect(distinctKinds(['draw_promoted', 'draw_result', 'draw_promoted'])).toEqual(['draw_result', 'draw_promoted']);
});

describe('settings/notify', () => {
  test('the defaults parse; a kind left out keeps its default', () => {
    expect(parseNotifyConfig(DEFAULT_NOTIFY_CONFIG)).toEqual({ ok: true, data: DEFAULT_NOTIFY_CONFIG });
    const only = { draw_result: { templateId: 'Abc-123_xyz', page: 'packages/draws/index' } };
    expect(parseNotifyConfig(only)).toEqual({ ok: true, data: { ...DEFAULT_NOTIFY_CONFIG, ...only } });
  });

  test('bad ids, pages and unknown keys are refused with a detail each', () => {
    const res = parseNotifyConfig({
      draw_result: { templateId: 'has space', page: '/pages/index' },
      draw_promoted: { templateId: 'ok', page: 'packages/draws/index', extra: 1 },
      shipping_update: { templateId: 'x', page: 'y' },
    });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('VALIDATION_FAILED');
    expect(res.error.details!.map((d) => d.path).sort()).toEqual(['', 'draw_promoted', 'draw_result.page', 'draw_result.templateId']);
  });
});
