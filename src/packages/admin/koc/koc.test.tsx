import { render, screen, within } from '@testing-library/react';
import { clickOn, sent, serveWith, pageTests } from '@/test-support/admin-test-kit';
import { conversionFlag, kocLeaderboard, kocRow, referralFlag } from '@/test-support/referral-fixtures';
import KocAdminPage from './koc-page';

// KOC 榜单 (and the referral tools on the admin home) with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const serveAs = serveWith({
  kocLeaderboard: (payload) => ({ ok: true, data: kocLeaderboard({ days: (payload as { days: number }).days }) }),
  flaggedReferrals: () => ({ ok: true, data: { flags: [referralFlag(), conversionFlag()] } }),
});

const kocRowOf = async (memberId: string) => (await screen.findAllByTestId('admin-koc-row')).find((row) => row.getAttribute('data-member-id') === memberId)!;

const openAs = pageTests(<KocAdminPage />, serveAs, 'resetAdminKoc');

describe('KOC 榜单', () => {
  it('ranks members as the server does, with friends, conversions and amounts in ¥ from fen', async () => {
    openAs('moderator');

    const rows = await screen.findAllByTestId('admin-koc-row');
    expect(rows.map((row) => [row.getAttribute('data-rank'), row.getAttribute('data-member-id')])).toEqual([
      ['1', 'demo-koc'],
      ['2', 'demo-repeat'],
    ]);
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
    openAs('admin', { kocLeaderboard: { ok: true, data: kocLeaderboard({ rows: [] }) } });
    expect((await screen.findByTestId('admin-koc-empty')).textContent).toContain('近 30 天');
  });
});
