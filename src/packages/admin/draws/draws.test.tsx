import { render, screen } from '@testing-library/react';
import type { Role } from '@/services/contracts';
import { clickOn, resetAdminSession, sent, serve, type Answers } from '@/test-support/admin-test-kit';
import { adminDraw } from '@/test-support/draws-fixtures';
import DrawsAdminPage from './draws-page';

// 限量抽签管理 with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const closed = adminDraw({ phase: 'closed' });
const serveAs = (role: Role, answers: Answers = {}) =>
  serve(role, {
    drawsList: () => ({ ok: true, data: { draws: [closed] } }),
    drawDetail: () => ({ ok: true, data: { draw: closed } }),
    ...answers,
  });

beforeEach(() => resetAdminSession('resetAdminDraws'));

describe('限量抽签管理', () => {
  it('lets an admin open a closed draw, see entries by step and draw it now', async () => {
    serveAs('admin', {
      drawNow: () => ({
        ok: true,
        data: { draw: adminDraw({ status: 'drawn', phase: 'drawn', results: { won: 3, paid: 0, waitlist: 2, forfeited: 0, promoted: 0 } }) },
      }),
    });
    render(<DrawsAdminPage />);
    expect(await screen.findByTestId('admin-draw-new')).toBeTruthy();
    const row = await screen.findByTestId('admin-draw-row');
    expect(row.textContent).toContain('待开奖');
    await clickOn(row);
    expect((await screen.findByTestId('admin-draw-tier-buyer')).textContent).toBe('4');
    expect(screen.getByTestId('admin-draw-commitment').textContent).toBe('c'.repeat(64));
    await clickOn(screen.getByTestId('admin-draw-now'));
    expect(sent('drawNow')).toEqual([{ drawId: 'draw_0123456789ab' }]);
    expect((await screen.findByTestId('admin-draw-result-won')).textContent).toBe('3');
    expect(screen.queryByTestId('admin-draw-actions')).toBeNull();
  });

  it('shows a moderator the same draws read-only: no create, no cancel, no draw now', async () => {
    serveAs('moderator');
    render(<DrawsAdminPage />);
    expect(await screen.findByTestId('admin-draws-readonly')).toBeTruthy();
    expect(screen.queryByTestId('admin-draw-new')).toBeNull();
    await clickOn(await screen.findByTestId('admin-draw-row'));
    await screen.findByTestId('admin-draw-detail');
    expect(screen.queryByTestId('admin-draw-actions')).toBeNull();
  });
});
