import { render, screen, within } from '@testing-library/react';
import type { Role } from '@/services/contracts';
import { adminReward, ladderView } from '@/test-support/admin-fixtures';
import { EMPTY_ADMIN_HOME, resetAdminSession, serve, typeInto, type Answers } from '@/test-support/admin-test-kit';
import AdminPage from '../index';

// The tools listed on the admin home, by role, with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const serveAs = (role: Role, answers: Answers = {}) =>
  serve(role, {
    ...EMPTY_ADMIN_HOME,
    ladderConfig: () => ({ ok: true, data: ladderView() }),
    rewardsList: () => ({ ok: true, data: { rewards: [adminReward(), adminReward({ _id: 'rw_2', title: '帆布袋', kind: 'product', coupon: null, status: 'inactive', remaining: 0, minTier: null })] } }),
    ...answers,
  });

const type = (testId: string, value: string) => typeInto(screen.getByTestId(testId), value);

beforeEach(() => {
  resetAdminSession();
});

describe('the tools on the admin home', () => {
  it('an admin gets all three', async () => {
    serveAs('admin');
    render(<AdminPage />);
    const tools = await screen.findByTestId('admin-tools');
    expect(within(tools).getByTestId('admin-tool-adjust').textContent).toContain('积分调整');
    expect(within(tools).getByTestId('admin-tool-ladder').textContent).not.toContain('只读');
    expect(within(tools).getByTestId('admin-tool-rewards')).toBeTruthy();
  });

  it('a moderator gets the read-only ones and no points adjustment', async () => {
    serveAs('moderator');
    render(<AdminPage />);
    const tools = await screen.findByTestId('admin-tools');
    expect(within(tools).queryByTestId('admin-tool-adjust')).toBeNull();
    expect(within(tools).getByTestId('admin-tool-ladder').textContent).toContain('等级规则（只读）');
    expect(within(tools).getByTestId('admin-tool-rewards').textContent).toContain('积分商城管理（只读）');
  });
});
