import { render, screen, within } from '@testing-library/react';
import { resetAdminSession, serveWith } from '@/test-support/admin-test-kit';
import AdminPage from '../index';

// The tools listed on the admin home, by role, with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const serveAs = serveWith({});

beforeEach(() => resetAdminSession());

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
