import { act, render, screen, within } from '@testing-library/react';
import { clickOn, sent, serveWith, pageTests } from '@/test-support/admin-test-kit';
import { conversionFlag, kocLeaderboard, referralFlag } from '@/test-support/referral-fixtures';
import { formatDateTime } from '../shared/admin-text';
import FlagsAdminPage from './flags-page';

// 推荐审核 with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const serveAs = serveWith({
  kocLeaderboard: (payload) => ({ ok: true, data: kocLeaderboard({ days: (payload as { days: number }).days }) }),
  flaggedReferrals: () => ({ ok: true, data: { flags: [referralFlag(), conversionFlag()] } }),
});

const flagRowOf = async (id: string) => (await screen.findAllByTestId('admin-flag-row')).find((row) => row.getAttribute('data-flag-id') === id)!;

const openAs = pageTests(<FlagsAdminPage />, serveAs, 'resetAdminFlags');

describe('推荐审核', () => {
  it('lists each item with kind, sharer and member, the order amount of a conversion, the reasons in words and the time', async () => {
    openAs('moderator');

    const referral = await flagRowOf('referral:demo-newcomer');
    expect(referral.textContent).toContain('好友加入');
    expect(within(referral).getByTestId('admin-flag-people').textContent).toBe('分享者 阿青 → 新会员 小白');
    expect(within(referral).queryByTestId('admin-flag-amount')).toBeNull();
    expect(within(referral).getByTestId('admin-flag-reasons').textContent).toContain('短时间内大量好友加入（60 分钟内超过 10 位）');
    expect(within(referral).getByTestId('admin-flag-created').textContent).toBe(`${formatDateTime('2025-03-04T01:05:00.000Z')} 暂停`);

    const conversion = await flagRowOf('conversion:ord_9');
    expect(conversion.textContent).toContain('好友购买');
    expect(within(conversion).getByTestId('admin-flag-people').textContent).toBe('分享者 阿青 → 买家 林夕');
    expect(within(conversion).getByTestId('admin-flag-amount').textContent).toBe('¥166.00');
    const reasons = within(conversion).getByTestId('admin-flag-reasons').textContent;
    expect(reasons).toContain('分享者与好友疑似同一微信用户');
    expect(reasons).toContain('超出每日奖励上限（每位分享者每天 20 笔）');
  });

  it('moderators read only: no buttons, a note says who decides', async () => {
    openAs('moderator');
    const row = await flagRowOf('conversion:ord_9');
    expect(screen.getByTestId('admin-flags-readonly')).toBeTruthy();
    expect(within(row).queryByTestId('admin-flag-approve')).toBeNull();
    expect(within(row).queryByTestId('admin-flag-reject')).toBeNull();
  });

  it('approving asks for confirmation first, then the row shows the server’s decision', async () => {
    openAs('admin', { decideFlag: (payload) => ({ ok: true, data: { id: payload.id as string, status: 'approved', subjectStatus: 'pending' } }) });

    const row = await flagRowOf('conversion:ord_9');
    await clickOn(within(row).getByTestId('admin-flag-approve'));
    const dialog = await screen.findByTestId('admin-flag-confirm-dialog');
    expect(dialog.getAttribute('data-decision')).toBe('approve');
    expect(dialog.textContent).toContain('计入 阿青 的推广成绩并发放奖励积分');
    expect(sent('decideFlag')).toEqual([]);

    await clickOn(screen.getByTestId('admin-flag-confirm'));
    expect(sent('decideFlag')).toEqual([{ id: 'conversion:ord_9', decision: 'approve' }]);
    const decided = await flagRowOf('conversion:ord_9');
    expect(decided.getAttribute('data-decision')).toBe('approved');
    expect(within(decided).getByTestId('admin-flag-decision').textContent).toBe('已通过：已计入，退款期结束后发放奖励');
    expect(within(decided).queryByTestId('admin-flag-approve')).toBeNull();
    // The other item still waits for a decision.
    expect(within(await flagRowOf('referral:demo-newcomer')).getByTestId('admin-flag-approve')).toBeTruthy();
  });

  it('rejecting says it voids; cancelling the confirmation sends nothing', async () => {
    openAs('admin', { decideFlag: (payload) => ({ ok: true, data: { id: payload.id as string, status: 'rejected', subjectStatus: 'void' } }) });

    const row = await flagRowOf('referral:demo-newcomer');
    await clickOn(within(row).getByTestId('admin-flag-reject'));
    expect((await screen.findByTestId('admin-flag-confirm-dialog')).textContent).toContain('驳回：作废');
    await clickOn(screen.getByTestId('admin-flag-cancel'));
    expect(sent('decideFlag')).toEqual([]);

    await clickOn(within(row).getByTestId('admin-flag-reject'));
    await clickOn(screen.getByTestId('admin-flag-confirm'));
    expect(sent('decideFlag')).toEqual([{ id: 'referral:demo-newcomer', decision: 'reject' }]);
    const decided = await flagRowOf('referral:demo-newcomer');
    expect(decided.getAttribute('data-decision')).toBe('rejected');
    expect(within(decided).getByTestId('admin-flag-decision').textContent).toBe('已驳回：已作废');
  });

  it('an item decided meanwhile: the list reloads without it and the message stays on the page', async () => {
    let listed = 0;
    serveAs('admin', {
      decideFlag: { ok: false, error: { code: 'FLAG_ALREADY_DECIDED', message: '该记录已处理' } },
      flaggedReferrals: () => ({ ok: true, data: { flags: listed++ === 0 ? [referralFlag(), conversionFlag()] : [conversionFlag()] } }),
    });
    render(<FlagsAdminPage />);

    await clickOn(within(await flagRowOf('referral:demo-newcomer')).getByTestId('admin-flag-approve'));
    await clickOn(screen.getByTestId('admin-flag-confirm'));
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });

    expect(sent('flaggedReferrals')).toHaveLength(2);
    expect(screen.getAllByTestId('admin-flag-row').map((row) => row.getAttribute('data-flag-id'))).toEqual(['conversion:ord_9']);
    expect(screen.getByTestId('admin-flag-error').textContent).toBe('该记录已处理');
  });

  it('says when there is nothing to review', async () => {
    openAs('admin', { flaggedReferrals: { ok: true, data: { flags: [] } } });
    expect((await screen.findByTestId('admin-flags-empty')).textContent).toContain('没有待审核的推荐');
  });
});
