import { actionText, actorText, formatDateTime, grantedByText, nameBookOf, outcomeText, repeatText, shortOpenid, staffErrorText } from './admin-text';
import { funnelView, percentText } from '../home/funnel';
import { overview } from '@/test-support/admin-fixtures';

const names = nameBookOf({ 'demo-admin': '老陈', 'demo-moderator': '小雨' });

describe('audit log in plain Chinese', () => {
  it.each([
    ['admin.overview', {}, '查看运营概览'],
    ['audit.view', {}, '查看操作日志'],
    ['staff.list', {}, '查看人员权限'],
    ['staff.bootstrap', { openid: 'demo-admin' }, '初始管理员'],
    ['staff.grant', { openid: 'demo-moderator', role: 'moderator' }, '授予权限：小雨 设为审核员'],
    ['staff.grant', { openid: 'oAbcdefghijklmnopqrstuvwxyz', role: 'admin' }, '授予权限：oAbcde…wxyz 设为管理员'],
    ['staff.revoke', { openid: 'demo-moderator' }, '撤销权限：小雨'],
    ['draw.run', {}, '其他操作（draw.run）'],
  ])('%s %o -> %s', (action, target, text) => {
    expect(actionText({ action, target }, names)).toBe(text);
  });

  it('a denied adjustment names the member only (its amount and reason were not kept)', () => {
    expect(actionText({ action: 'points.adjust', target: { openid: 'demo-moderator', digest: '0123456789abcdef' } }, names)).toBe('积分调整：小雨');
    expect(actionText({ action: 'points.adjust', target: { openid: 'demo-moderator', amount: 50, reason: '补偿' } }, names)).toBe('积分调整：小雨 +50（补偿）');
  });

  it('counts repeated denials, and says nothing for a single attempt', () => {
    expect(repeatText({ count: 12 })).toBe('×12 次');
    expect(repeatText({ count: 1 })).toBe('');
    expect(repeatText({})).toBe('');
  });

  it('names the actor from the staff list, or by role and id', () => {
    expect(actorText({ actor: 'demo-admin', role: 'admin' }, names)).toBe('老陈（管理员）');
    expect(actorText({ actor: 'demo-member', role: 'customer' }, names)).toBe('顾客 demo-member');
  });

  it.each([
    ['ok', undefined, '成功'],
    ['denied', undefined, '被拒绝'],
    ['failed', 'NOT_FOUND', '失败（对象不存在）'],
    ['failed', 'CONFLICT', '失败（与当前状态冲突）'],
    ['failed', 'SOMETHING_NEW', '失败'],
  ] as const)('outcome %s (%s) -> %s', (outcome, detail, text) => {
    expect(outcomeText({ outcome, detail })).toBe(text);
  });

  it('says who granted a role, including the system', () => {
    expect(grantedByText('seed', names)).toBe('初始数据');
    expect(grantedByText('bootstrap', names)).toBe('系统配置');
    expect(grantedByText('demo-admin', names)).toBe('老陈');
  });

  it('shortens long openids only', () => {
    expect(shortOpenid('demo-admin')).toBe('demo-admin');
    expect(shortOpenid('oAbcdefghijklmnopqrstuvwxyz')).toBe('oAbcde…wxyz');
  });

  it('formats server times as local date and minute', () => {
    const iso = new Date(2025, 2, 4, 9, 5).toISOString();
    expect(formatDateTime(iso)).toBe('2025-03-04 09:05');
    expect(formatDateTime('not a date')).toBe('');
    expect(formatDateTime(undefined)).toBe('');
  });
});

describe('staffErrorText', () => {
  it("shows the server's Chinese explanation of a refusal", () => {
    expect(staffErrorText({ code: 'NOT_FOUND', message: '该用户还没有打开过小程序' })).toBe('该用户还没有打开过小程序');
    expect(staffErrorText({ code: 'CONFLICT', message: '不能撤销自己的权限，请让另一位管理员操作' })).toBe('不能撤销自己的权限，请让另一位管理员操作');
  });

  it('falls back to the fixed sentences for other failures or non-Chinese messages', () => {
    expect(staffErrorText({ code: 'NOT_FOUND', message: 'document not found' })).toBe('内容不存在或已被删除');
    expect(staffErrorText({ code: 'INTERNAL', message: '服务暂时不可用' })).toBe('服务开小差了，请稍后重试');
    expect(staffErrorText({ code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' })).toBe('网络异常，请稍后重试');
    expect(staffErrorText(null)).toBe('操作失败，请稍后重试');
  });
});

describe('funnelView', () => {
  it('gives each step its share of everyone and a bar scaled to the widest step', () => {
    const view = funnelView(overview);
    expect(view.total).toBe(100);
    expect(view.rows.map((r) => r.tier)).toEqual(['follower', 'member', 'buyer', 'repeat_buyer', 'koc']);
    expect(view.rows.map((r) => r.share)).toEqual([0.4, 0.3, 0.2, 0.08, 0.02]);
    expect(view.rows.map((r) => r.bar)).toEqual([1, 0.75, 0.5, 0.2, 0.05]);
  });

  it('has no bars and no shares when nobody is on the ladder', () => {
    const view = funnelView({ tiers: [{ tier: 'follower', name: '基础用户', count: 0 }], members: 0, staff: 0 });
    expect(view.total).toBe(0);
    expect(view.rows[0]).toMatchObject({ share: 0, bar: 0 });
  });

  it('writes shares as percentages with at most one decimal', () => {
    expect(percentText(0.2)).toBe('20%');
    expect(percentText(1 / 3)).toBe('33.3%');
    expect(percentText(0)).toBe('0%');
  });
});

describe('labels for the staff tools', () => {
  const names = nameBookOf({ 'demo-member': '小满' });
  test.each([
    [{ action: 'points.adjust', target: { openid: 'demo-member', amount: 120, reason: '活动补发' } }, '积分调整：小满 +120（活动补发）'],
    [{ action: 'points.adjust', target: { openid: 'demo-member', amount: -30, reason: '误发扣回' } }, '积分调整：小满 -30（误发扣回）'],
    [{ action: 'ladder.config.update', target: {} }, '修改等级规则'],
    [{ action: 'rewards.status', target: { rewardId: 'r-mug', status: 'inactive' } }, '奖品上下架：r-mug 下架'],
  ])('%j', (entry, text) => {
    expect(actionText(entry as never, names)).toBe(text);
  });
});

describe('audit log: referrals and perks', () => {
  // The action names the server audits (asStaff in core/referrals/referrals.admin.ts and core/perks/perks.admin.ts).
  it.each([
    [{ action: 'referrals.leaderboard', target: { days: 7 } }, '查看KOC榜单（近 7 天）'],
    [{ action: 'referrals.flags', target: {} }, '查看推荐审核'],
    [{ action: 'referrals.flag.approve', target: { id: 'conversion:ord_9' } }, '推荐审核通过：conversion:ord_9'],
    [{ action: 'referrals.flag.reject', target: { id: 'referral:demo-newcomer' } }, '推荐审核驳回：referral:demo-newcomer'],
    [{ action: 'perks.list', target: {} }, '查看好友助力活动'],
    [{ action: 'perks.save', target: { perkId: 'perk_1', title: '邀请 1 位好友得 10 元券' } }, '保存好友助力活动：邀请 1 位好友得 10 元券'],
    [{ action: 'perks.status', target: { perkId: 'perk_1', status: 'active' } }, '好友助力活动开关：perk_1 开启'],
    [{ action: 'perks.status', target: { perkId: 'perk_1', status: 'inactive' } }, '好友助力活动开关：perk_1 关闭'],
  ])('%j', (entry, text) => {
    expect(actionText(entry as never, names)).toBe(text);
  });

  it('a review item decided by someone else reads as the server says, or as a fixed sentence', () => {
    expect(outcomeText({ outcome: 'failed', detail: 'FLAG_ALREADY_DECIDED' })).toBe('失败（已被处理）');
    expect(staffErrorText({ code: 'FLAG_ALREADY_DECIDED', message: '该记录已关闭：订单已退款' })).toBe('该记录已关闭：订单已退款');
    expect(staffErrorText({ code: 'FLAG_ALREADY_DECIDED', message: 'already decided' })).toBe('该记录已被处理，列表已刷新');
  });
});
