import { render, screen, within } from '@testing-library/react';
import type { Role } from '@/services/contracts';
import type { AdminPerkView } from '@/packages/admin/store';
import { clickOn, sent, serve, typeInto, type Answers, type Reply, pageTests } from '@/test-support/admin-test-kit';
import { adminPerk, contentPerk } from '@/test-support/referral-fixtures';
import PerksAdminPage from './perks-page';
import { refusal } from '@/test-support/replies';

// 好友助力活动 with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

// This page alone, without the admin home: only the perks list is answered by default.
const serveAs = (role: Role, answers: Answers = {}) =>
  serve(role, {
    perksList: () => ({ ok: true, data: { perks: [adminPerk(), contentPerk()] } }),
    ...answers,
  });

/** The server's answer to a save: the perk as sent, switched off if new. */
const savedAs = (payload: Record<string, unknown>): Reply => ({
  ok: true,
  data: {
    perk: adminPerk({
      ...(payload as Partial<AdminPerkView>),
      _id: (payload.perkId as string) ?? 'perk_new',
      status: payload.perkId ? 'active' : 'inactive',
      unlocks: 0,
    }),
  },
});

const click = (testId: string, within_: HTMLElement | Document = document) =>
  clickOn(within_ === document ? screen.getByTestId(testId) : within(within_ as HTMLElement).getByTestId(testId));

/** Types into the input of the field shown for a server path ('title', 'coupon.valueFen', ...). */
const type = (field: string, value: string) => typeInto(screen.getByTestId(`admin-perk-field-${field}`), value);

const fieldError = (field: string) => within(screen.getByTestId(`admin-perk-field-${field}`)).queryByTestId('admin-perk-error');

const rowOf = async (perkId: string) => (await screen.findAllByTestId('admin-perk-row')).find((row) => row.getAttribute('data-perk-id') === perkId)!;

const openAs = pageTests(<PerksAdminPage />, serveAs, 'resetAdminPerks');

describe('the perks list', () => {
  it('shows each perk with its rule in words, reward, terms, unlocks and status', async () => {
    openAs('admin');

    const coupon = await rowOf('perk_coupon');
    expect(coupon.getAttribute('data-status')).toBe('active');
    expect(within(coupon).getByTestId('admin-perk-rule').textContent).toBe('邀请 1 位好友通过你的分享加入会员即可解锁（仅分享或打开不计入）');
    expect(within(coupon).getByTestId('admin-perk-reward').textContent).toBe('奖励：优惠券，满 ¥59.00 减 ¥10.00，领取后 30 天有效');
    expect(within(coupon).getByTestId('admin-perk-terms').textContent).toBe('1 位好友 · 好友加入会员 · 所有会员');
    expect(within(coupon).getByTestId('admin-perk-unlocks').textContent).toBe('4');
    expect(within(coupon).getByTestId('admin-perk-status-label').textContent).toBe('已开启');
    expect(within(coupon).getByTestId('admin-perk-period').textContent).toContain('长期有效');

    const content = await rowOf('perk_notes');
    expect(within(content).getByTestId('admin-perk-reward').textContent).toBe('奖励：专属内容');
    expect(within(content).getByTestId('admin-perk-terms').textContent).toBe('3 位好友 · 好友加入会员并完成首单 · 已购会员及以上');
    expect(within(content).getByTestId('admin-perk-status-label').textContent).toBe('已关闭');
    expect(within(content).getByTestId('admin-perk-status').getAttribute('data-checked')).toBe('false');
  });

  it('moderators read: no new, edit or switch', async () => {
    openAs('moderator');
    const row = await rowOf('perk_coupon');
    expect(screen.getByTestId('admin-perks-readonly')).toBeTruthy();
    expect(screen.queryByTestId('admin-perk-new')).toBeNull();
    expect(within(row).queryByTestId('admin-perk-edit')).toBeNull();
    expect(within(row).queryByTestId('admin-perk-status')).toBeNull();
    expect(within(row).getByTestId('admin-perk-status-label').textContent).toBe('已开启');
  });

  it('the switch turns a perk on, and the row shows what the server answered', async () => {
    openAs('admin', { setPerkStatus: (payload) => ({ ok: true, data: { perk: contentPerk({ status: payload.status as 'active' }) } }) });
    await click('admin-perk-status', await rowOf('perk_notes'));

    expect(sent('setPerkStatus')).toEqual([{ perkId: 'perk_notes', status: 'active' }]);
    const row = await rowOf('perk_notes');
    expect(row.getAttribute('data-status')).toBe('active');
    expect(within(row).getByTestId('admin-perk-status').getAttribute('data-checked')).toBe('true');
    expect(within(row).getByTestId('admin-perk-status-label').textContent).toBe('已开启');
  });

  it('a refused switch says why', async () => {
    openAs('admin', { setPerkStatus: { ok: false, error: { code: 'NOT_FOUND', message: '活动不存在或已被删除' } } });
    await click('admin-perk-status', await rowOf('perk_coupon'));
    expect(screen.getByTestId('admin-perk-status-error').textContent).toBe('活动不存在或已被删除');
    expect((await rowOf('perk_coupon')).getAttribute('data-status')).toBe('active');
  });
});

describe('the perk form', () => {
  async function openNew() {
    render(<PerksAdminPage />);
    await rowOf('perk_coupon');
    await click('admin-perk-new');
    expect(screen.getByTestId('admin-perk-form').getAttribute('data-mode')).toBe('create');
  }

  it('explains the rule: genuine joins through the member’s own cards count, shares and opens never do, and why', async () => {
    serveAs('admin');
    await openNew();
    const explainer = screen.getByTestId('admin-perk-rule-explainer').textContent;
    expect(explainer).toContain('通过这位会员自己的卡片或海报');
    expect(explainer).toContain('加入会员');
    expect(explainer).toContain('仅分享、转发到群、好友打开卡片都不计入');
    expect(explainer).toContain('诱导分享');
    expect(explainer).toContain('封禁');
  });

  it('sends a coupon perk with yuan as integer fen, every field, no start (the server starts it now) and an end at 23:59 of the day typed', async () => {
    serveAs('admin', { savePerk: savedAs });
    await openNew();

    type('title', ' 邀请 2 位好友得 20 元券 ');
    type('requiredFriends', '2');
    await click('admin-perk-engagement-join_and_buy');
    type('coupon.valueFen', '20');
    type('coupon.minSpendFen', '99.5');
    type('coupon.validDays', '15');
    await click('admin-perk-min-tier-buyer');
    type('endsAt', '2025-04-30');
    await click('admin-perk-save');

    expect(sent('savePerk')).toEqual([
      {
        title: '邀请 2 位好友得 20 元券',
        description: '',
        kind: 'coupon',
        requiredFriends: 2,
        engagement: 'join_and_buy',
        coupon: { valueFen: 2000, minSpendFen: 9950, validDays: 15 },
        content: null,
        minTier: 'buyer',
        endsAt: new Date(2025, 3, 30, 23, 59).toISOString(),
        sort: 100,
      },
    ]);
    // Back on the list, with the new perk switched off.
    expect((await rowOf('perk_new')).getAttribute('data-status')).toBe('inactive');
  });

  it('a content perk sends its content and no coupon', async () => {
    serveAs('admin', { savePerk: savedAs });
    await openNew();
    type('title', '三位好友解锁冲煮笔记');
    type('requiredFriends', '3');
    await click('admin-perk-kind-content');
    expect(screen.queryByTestId('admin-perk-field-coupon.valueFen')).toBeNull();
    type('content', '手冲参数：15g 粉，225ml 水');
    type('startsAt', '2025-04-01 10:00');
    type('sort', '5');
    await click('admin-perk-save');

    expect(sent('savePerk')).toEqual([
      {
        title: '三位好友解锁冲煮笔记',
        description: '',
        kind: 'content',
        requiredFriends: 3,
        engagement: 'join',
        coupon: null,
        content: '手冲参数：15g 粉，225ml 水',
        minTier: 'member',
        startsAt: new Date(2025, 3, 1, 10, 0).toISOString(),
        endsAt: null,
        sort: 5,
      },
    ]);
  });

  it('shows the server’s field errors next to their fields; changing a field clears its message', async () => {
    serveAs('admin', {
      savePerk: refusal('VALIDATION_FAILED', '输入有误：requiredFriends 最多 20 位好友；coupon.valueFen 券面额须小于使用门槛；title 请填写活动名称', [
        ['requiredFriends', '最多 20 位好友'],
        ['coupon.valueFen', '券面额须小于使用门槛'],
        ['title', '请填写活动名称'],
      ]),
    });
    await openNew();
    type('requiredFriends', '25');
    type('coupon.valueFen', '60');
    type('coupon.minSpendFen', '59');
    await click('admin-perk-save');

    expect(sent('savePerk')).toHaveLength(1);
    expect(fieldError('requiredFriends')?.textContent).toBe('最多 20 位好友');
    expect(fieldError('requiredFriends')?.getAttribute('data-path')).toBe('requiredFriends');
    expect(screen.getByTestId('admin-perk-field-requiredFriends').getAttribute('data-invalid')).toBe('true');
    expect(fieldError('coupon.valueFen')?.textContent).toBe('券面额须小于使用门槛');
    expect(fieldError('title')?.textContent).toBe('请填写活动名称');
    expect(fieldError('coupon.minSpendFen')).toBeNull();
    expect(screen.getByTestId('admin-perk-form-error').textContent).toBe('请按提示修改标红的项目。');
    // Still on the form: nothing was saved.
    expect(screen.getByTestId('admin-perk-form')).toBeTruthy();

    type('requiredFriends', '20');
    expect(fieldError('requiredFriends')).toBeNull();
    expect(fieldError('coupon.valueFen')?.textContent).toBe('券面额须小于使用门槛');
  });

  it('a refusal about no field reads as one sentence', async () => {
    serveAs('admin', { savePerk: { ok: false, error: { code: 'FORBIDDEN', message: '没有权限执行此操作' } } });
    await openNew();
    type('title', '活动');
    type('requiredFriends', '1');
    type('coupon.valueFen', '5');
    await click('admin-perk-save');
    expect(screen.getByTestId('admin-perk-form-error').textContent).toBe('没有权限执行此操作');
  });

  it('checks numbers and times before sending', async () => {
    serveAs('admin', { savePerk: savedAs });
    await openNew();
    type('requiredFriends', '三');
    type('coupon.valueFen', '1.234');
    type('endsAt', '2025-02-30');
    await click('admin-perk-save');

    expect(sent('savePerk')).toEqual([]);
    expect(fieldError('requiredFriends')?.textContent).toBe('请填写需要的好友人数（整数）');
    expect(fieldError('coupon.valueFen')?.textContent).toBe('请填写券面额（元，最多两位小数）');
    expect(fieldError('endsAt')?.textContent).toContain('2025-04-30 20:00');
  });

  it('an edit sends the perk id, keeps the stored start, sends the stored end back unchanged, and shows the current rule', async () => {
    openAs('admin', { savePerk: savedAs });
    await click('admin-perk-edit', await rowOf('perk_notes'));

    expect(screen.getByTestId('admin-perk-form').getAttribute('data-mode')).toBe('edit');
    expect(screen.getByTestId('admin-perk-rule-explainer')).toBeTruthy();
    expect(screen.getByTestId('admin-perk-current-rule').textContent).toContain('邀请 3 位好友通过你的分享加入会员并完成首单即可解锁');
    type('requiredFriends', '4');
    await click('admin-perk-save');

    expect(sent('savePerk')).toEqual([
      {
        perkId: 'perk_notes',
        title: '三位好友下单解锁冲煮笔记',
        description: '',
        kind: 'content',
        requiredFriends: 4,
        engagement: 'join_and_buy',
        coupon: null,
        content: '手冲参数：15g 粉，225ml 水，92℃。',
        minTier: 'buyer',
        endsAt: '2025-04-30T15:59:00.000Z',
        sort: 20,
      },
    ]);
  });
});
