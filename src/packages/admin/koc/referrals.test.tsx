import { act, render, screen, within } from '@testing-library/react';
import type { Role } from '@/services/contracts';
import { useAdminToolsStore } from '@/packages/admin/store';
import { EMPTY_ADMIN_HOME, clickOn, resetAdminSession, sent, serve, type Answers } from '@/test-support/admin-test-kit';
import { conversionFlag, kocLeaderboard, kocRow, referralFlag } from '@/test-support/referral-fixtures';
import { formatDateTime } from '../shared/admin-text';
import FlagsAdminPage from '../flags';
import AdminPage from '../index';
import KocAdminPage from './koc-page';

// KOC 榜单 and 推荐审核 with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const serveAs = (role: Role, answers: Answers = {}) =>
  serve(role, {
    ...EMPTY_ADMIN_HOME,
    kocLeaderboard: (payload) => ({ ok: true, data: kocLeaderboard({ days: (payload as { days: number }).days }) }),
    flaggedReferrals: () => ({ ok: true, data: { flags: [referralFlag(), conversionFlag()] } }),
    ...answers,
  });

const kocRowOf = async (memberId: string) =>
  (await screen.findAllByTestId('admin-koc-row')).find((row) => row.getAttribute('data-member-id') === memberId)!;
const flagRowOf = async (id: string) =>
  (await screen.findAllByTestId('admin-flag-row')).find((row) => row.getAttribute('data-flag-id') === id)!;

beforeEach(() => {
  resetAdminSession();
  useAdminToolsStore.getState().resetAdminKoc();
  useAdminToolsStore.getState().resetAdminFlags();
  useAdminToolsStore.getState().resetAdminPerks();
});

describe('the referral tools on the admin home', () => {
  it('admins get all three, none read-only', async () => {
    serveAs('admin');
    render(<AdminPage />);
    expect((await screen.findByTestId('admin-tool-koc')).textContent).toContain('KOC 榜单');
    expect(screen.getByTestId('admin-tool-flags').textContent).toContain('推荐审核');
    expect(screen.getByTestId('admin-tool-flags').textContent).not.toContain('只读');
    expect(screen.getByTestId('admin-tool-perks').textContent).toContain('好友助力活动');
    expect(screen.getByTestId('admin-tool-perks').textContent).not.toContain('只读');
  });

  it('moderators read the review list and the perks; the leaderboard is the same for everyone', async () => {
    serveAs('moderator');
    render(<AdminPage />);
    expect((await screen.findByTestId('admin-tool-koc')).textContent).not.toContain('只读');
    expect(screen.getByTestId('admin-tool-flags').textContent).toContain('推荐审核（只读）');
    expect(screen.getByTestId('admin-tool-perks').textContent).toContain('好友助力活动（只读）');
  });
});

describe('KOC 榜单', () => {
  it('ranks members as the server does, with friends, conversions and amounts in ¥ from fen', async () => {
    serveAs('moderator');
    render(<KocAdminPage />);

    const rows = await screen.findAllByTestId('admin-koc-row');
    expect(rows.map((row) => [row.getAttribute('data-rank'), row.getAttribute('data-member-id')])).toEqual([['1', 'demo-koc'], ['2', 'demo-repeat']]);
    const first = await kocRowOf('demo-koc');
    expect(within(first).getByTestId('admin-koc-nickname').textContent).toBe('阿青');
    expect(within(first).getByTestId('admin-koc-tier').textContent).toBe('品牌KOC');
    expect(within(first).getByTestId('admin-koc-friends').textContent).toBe('3');
    expect(within(first).getByTestId('admin-koc-conversions').textContent).toBe('4');
    expect(within(first).getByTestId('admin-koc-propagation').textContent).toBe('¥352.00');
    expect(within(first).getByTestId('admin-koc-own').textContent).toBe('¥264.00');
    expect(within(first).getByTestId('admin-koc-total').textContent).toBe('¥616.00');
    // Odd fen stay exact: 17605 fen is ¥176.05.
    expect(within(await kocRowOf('demo-repeat')).getByTestId('admin-koc-own').textContent).toBe('¥176.05');
    expect(sent('kocLeaderboard')).toEqual([{ days: 30 }]);
    expect(screen.getByTestId('admin-koc-period-30').getAttribute('data-active')).toBe('true');
  });

  it('changing the period asks the server for that period', async () => {
    serveAs('admin', {
      kocLeaderboard: (payload) => ({
        ok: true,
        data: kocLeaderboard({
          days: payload.days as number,
          ...(payload.days === 7 ? { rows: [kocRow({ memberId: 'demo-week', nickname: '', propagationFen: 990, ownFen: -500, totalFen: 490 })] } : {}),
        }),
      }),
    });
    render(<KocAdminPage />);
    await kocRowOf('demo-koc');

    await clickOn(screen.getByTestId('admin-koc-period-7'));
    const row = await kocRowOf('demo-week');
    expect(sent('kocLeaderboard')).toEqual([{ days: 30 }, { days: 7 }]);
    expect(screen.getByTestId('admin-koc-period-7').getAttribute('data-active')).toBe('true');
    expect(screen.getAllByTestId('admin-koc-row')).toHaveLength(1);
    expect(within(row).getByTestId('admin-koc-nickname').textContent).toBe('未设置昵称');
    expect(within(row).getByTestId('admin-koc-propagation').textContent).toBe('¥9.90');
    expect(within(row).getByTestId('admin-koc-own').textContent).toBe('-¥5.00');

    await clickOn(screen.getByTestId('admin-koc-period-90'));
    expect(sent('kocLeaderboard')).toEqual([{ days: 30 }, { days: 7 }, { days: 90 }]);
  });

  it('says when nobody brought a buying friend in the period', async () => {
    serveAs('admin', { kocLeaderboard: { ok: true, data: kocLeaderboard({ rows: [] }) } });
    render(<KocAdminPage />);
    expect((await screen.findByTestId('admin-koc-empty')).textContent).toContain('近 30 天');
  });
});

describe('推荐审核', () => {
  it('lists each item with kind, sharer and member, the order amount of a conversion, the reasons in words and the time', async () => {
    serveAs('moderator');
    render(<FlagsAdminPage />);

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
    serveAs('moderator');
    render(<FlagsAdminPage />);
    const row = await flagRowOf('conversion:ord_9');
    expect(screen.getByTestId('admin-flags-readonly')).toBeTruthy();
    expect(within(row).queryByTestId('admin-flag-approve')).toBeNull();
    expect(within(row).queryByTestId('admin-flag-reject')).toBeNull();
  });

  it('approving asks for confirmation first, then the row shows the server’s decision', async () => {
    serveAs('admin', { decideFlag: (payload) => ({ ok: true, data: { id: payload.id as string, status: 'approved', subjectStatus: 'pending' } }) });
    render(<FlagsAdminPage />);

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
    serveAs('admin', { decideFlag: (payload) => ({ ok: true, data: { id: payload.id as string, status: 'rejected', subjectStatus: 'void' } }) });
    render(<FlagsAdminPage />);

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
    serveAs('admin', { flaggedReferrals: { ok: true, data: { flags: [] } } });
    render(<FlagsAdminPage />);
    expect((await screen.findByTestId('admin-flags-empty')).textContent).toContain('没有待审核的推荐');
  });
});
