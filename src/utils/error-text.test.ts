import { errorText } from './error-text';

describe('errorText', () => {
  it.each([
    ['UNKNOWN_ACTION', '当前版本暂不支持该操作，请更新后重试'],
    ['FORBIDDEN', '没有权限进行此操作'],
    ['NOT_FOUND', '内容不存在或已被删除'],
    ['NETWORK_ERROR', '网络异常，请稍后重试'],
    ['INTERNAL', '服务开小差了，请稍后重试'],
    ['UNAUTHENTICATED', '登录已失效，请重新选择身份'],
    ['TERMS_NOT_ACCEPTED', '请先阅读并同意会员条款'],
  ])('gives %s a fixed friendly sentence, not the server message', (code, text) => {
    expect(errorText({ code, message: 'Error: stack trace at line 3' })).toBe(text);
  });

  it("shows a validation failure's own message, which says what to fix", () => {
    expect(errorText({ code: 'VALIDATION_FAILED', message: '手机号格式不正确' })).toBe('手机号格式不正确');
    expect(errorText({ code: 'VALIDATION_FAILED', message: ' ' })).toBe('提交的信息有误，请检查后重试');
  });

  it('falls back for unknown codes and missing errors', () => {
    expect(errorText({ code: 'RATE_LIMITED', message: 'x' })).toBe('操作失败，请稍后重试');
    expect(errorText(null)).toBe('操作失败，请稍后重试');
  });
});

describe('errorText for points refusals', () => {
  it.each([
    ['POINTS_INSUFFICIENT', '积分不足：需要 300，可用 120'],
    ['REWARD_OUT_OF_STOCK', '该奖品已被兑完'],
    ['REWARD_UNAVAILABLE', '该奖品已下架'],
    ['TIER_NOT_ELIGIBLE', '复购会员及以上可兑换'],
    ['NOT_A_MEMBER', '请先加入会员'],
    ['CONFLICT', '兑换的人有点多，请稍后再试'],
    ['REQUEST_ID_REUSED', '该请求已用于兑换其他奖品，请刷新后重试'],
  ])("shows the server's Chinese explanation of %s", (code, message) => {
    expect(errorText({ code, message })).toBe(message);
  });

  it('falls back to a fixed sentence when the message is not written for a customer', () => {
    expect(errorText({ code: 'POINTS_INSUFFICIENT', message: 'insufficient balance' })).toBe('积分不足');
    expect(errorText({ code: 'REWARD_OUT_OF_STOCK', message: '' })).toBe('该奖品已兑完');
    // Only refusals: a server bug's message never reaches the customer, even in Chinese.
    expect(errorText({ code: 'INTERNAL', message: '数据库连接失败' })).toBe('服务开小差了，请稍后重试');
  });
});
