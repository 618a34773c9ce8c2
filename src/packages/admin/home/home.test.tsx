import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { AuditEntry, StaffMember } from '@/services/contracts';
import { AUDIT_PAGE_SIZE, useAdminToolsStore } from '@/packages/admin/store';
import { overview } from '@/test-support/admin-fixtures';
import { callFunctionMock, serveWith, opens } from '@/test-support/admin-test-kit';
import AdminPage from '../index';

// The page with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const staff: StaffMember[] = [
  { _id: 'demo-admin', role: 'admin', grantedBy: 'seed', grantedAt: '2025-01-01T00:00:00.000Z', nickname: '老陈' },
  { _id: 'demo-moderator', role: 'moderator', grantedBy: 'demo-admin', grantedAt: '2025-01-02T00:00:00.000Z', nickname: '小雨' },
];

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  actor: 'demo-admin',
  role: 'admin',
  action: 'admin.overview',
  target: {},
  outcome: 'ok',
  at: '2025-03-04T05:06:00.000Z',
  ...over,
});

const auditEntries: AuditEntry[] = [
  entry({ _id: 'a3', action: 'staff.grant', target: { openid: 'demo-moderator', role: 'moderator' } }),
  entry({
    _id: 'a2',
    actor: 'demo-member',
    role: 'customer',
    action: 'admin.overview',
    outcome: 'denied',
    target: { digest: '0123456789abcdef' },
    count: 3,
    lastAt: '2025-03-04T05:09:00.000Z',
  }),
  entry({ _id: 'a1', action: 'staff.revoke', target: { openid: 'o-ghost' }, outcome: 'failed', detail: 'NOT_FOUND' }),
];

/** The member function opens the session as `role`; admin actions answer from `answers` or defaults. */
const serveAs = serveWith({
  overview: { ok: true, data: overview },
  listStaff: { ok: true, data: { staff } },
  auditLog: { ok: true, data: { entries: auditEntries } },
});

const adminActions = () => callFunctionMock.mock.calls.filter(([name]) => name === 'admin').map(([, action]) => action);

function typeOpenid(value: string) {
  // NutUI puts the test id on the <input> itself in jsdom (on a wrapper in the H5 build).
  const field = screen.getByTestId('grant-openid-input');
  const input = field.tagName === 'INPUT' ? field : field.querySelector('input')!;
  fireEvent.input(input, { target: { value } });
  fireEvent.change(input, { target: { value } });
}

const openAs = opens(<AdminPage />, serveAs);

beforeEach(() => {
  callFunctionMock.mockReset();
  useAdminToolsStore.getState().resetSession();
  useAdminToolsStore.getState().resetAdmin();
});

describe('AdminPage', () => {
  it('refuses a customer without asking the admin function anything', async () => {
    openAs('customer');

    expect(await screen.findByTestId('admin-forbidden')).toBeTruthy();
    expect(screen.queryByTestId('admin-overview')).toBeNull();
    expect(adminActions()).toEqual([]);
  });

  it('shows a moderator the funnel only', async () => {
    openAs('moderator');

    await screen.findByTestId('funnel-koc');
    const rows = ['follower', 'member', 'buyer', 'repeat_buyer', 'koc'].map((tier) => screen.getByTestId(`funnel-${tier}`));
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining('基础用户'),
      expect.stringContaining('未购会员'),
      expect.stringContaining('已购会员'),
      expect.stringContaining('复购会员'),
      expect.stringContaining('品牌KOC'),
    ]);
    expect(screen.getByTestId('funnel-buyer-count').textContent).toBe('20');
    expect(within(screen.getByTestId('funnel-buyer')).getByText('20%')).toBeTruthy();
    expect(screen.getByTestId('overview-people').textContent).toBe('100');
    expect(screen.getByTestId('overview-members').textContent).toBe('60');
    expect(screen.getByTestId('overview-staff').textContent).toBe('2');
    expect(screen.getByTestId('admin-role').textContent).toContain('审核员');

    expect(screen.queryByTestId('staff-section')).toBeNull();
    expect(screen.queryByTestId('audit-log')).toBeNull();
    expect(screen.queryByTestId('grant-submit')).toBeNull();
    expect(screen.getByTestId('admin-moderator-note')).toBeTruthy();
    expect(adminActions()).toEqual(['overview', 'feedbackStats']);
  });

  it('shows an admin the funnel, the staff with their roles and the audit log in plain Chinese', async () => {
    openAs('admin');

    expect(await screen.findByTestId('funnel-follower')).toBeTruthy();
    const moderatorRow = await screen.findByTestId('staff-row-demo-moderator');
    expect(moderatorRow.textContent).toContain('小雨');
    expect(moderatorRow.textContent).toContain('审核员');
    expect(moderatorRow.textContent).toContain('由老陈授予');
    expect(screen.getByTestId('staff-row-demo-admin').textContent).toContain('管理员');
    expect(screen.getByTestId('revoke-demo-moderator')).toBeTruthy();

    const log = await screen.findByTestId('audit-log');
    const lines = within(log)
      .getAllByTestId('audit-entry')
      .map((line) => line.textContent);
    expect(lines[0]).toContain('老陈（管理员）');
    expect(lines[0]).toContain('授予权限：小雨 设为审核员');
    expect(lines[0]).toContain('成功');
    expect(lines[1]).toContain('顾客 demo-member');
    expect(lines[1]).toContain('查看运营概览');
    expect(lines[1]).toContain('被拒绝');
    // Repeated denials within ten minutes are one entry, with their count.
    expect(lines[1]).toContain('×3 次');
    expect(lines[0]).not.toContain('次');
    expect(lines[2]).toContain('撤销权限：o-ghost');
    expect(lines[2]).toContain('失败（对象不存在）');
    // Three entries: a short page, so nothing older to load.
    expect(screen.getByTestId('audit-end')).toBeTruthy();
    expect(screen.queryByTestId('audit-load-more')).toBeNull();
  });

  it('grants a role by openid and shows the refreshed list', async () => {
    openAs('admin');
    await screen.findByTestId('staff-list');
    const grown = [...staff, { _id: 'demo-koc', role: 'admin' as const, grantedBy: 'demo-admin', grantedAt: '2025-03-01T00:00:00.000Z', nickname: '阿青' }];
    serveAs('admin', { grantRole: { ok: true, data: { openid: 'demo-koc', role: 'admin' } }, listStaff: { ok: true, data: { staff: grown } } });

    typeOpenid('  demo-koc ');
    fireEvent.click(screen.getByTestId('grant-role-admin'));
    await act(async () => {
      fireEvent.click(screen.getByText('授予管理员权限'));
    });

    expect(callFunctionMock).toHaveBeenCalledWith('admin', 'grantRole', { openid: 'demo-koc', role: 'admin' });
    expect((await screen.findByTestId('staff-row-demo-koc')).textContent).toContain('阿青');
  });

  it("shows the server's refusal of a grant in Chinese", async () => {
    openAs('admin');
    await screen.findByTestId('staff-list');
    serveAs('admin', { grantRole: { ok: false, error: { code: 'NOT_FOUND', message: '该用户还没有打开过小程序' } } });

    typeOpenid('o-nobody');
    await act(async () => {
      fireEvent.click(screen.getByText('授予审核员权限'));
    });

    expect((await screen.findByTestId('grant-error')).textContent).toBe('该用户还没有打开过小程序');
    expect(callFunctionMock).toHaveBeenCalledWith('admin', 'grantRole', { openid: 'o-nobody', role: 'moderator' });
  });

  it('revokes only after the confirm dialog, and says why the server refused', async () => {
    openAs('admin');
    await screen.findByTestId('staff-list');
    serveAs('admin', { revokeRole: { ok: false, error: { code: 'CONFLICT', message: '不能撤销自己的权限，请让另一位管理员操作' } } });

    fireEvent.click(screen.getByTestId('revoke-demo-admin'));
    expect(await screen.findByText('确定撤销「老陈」的管理员权限吗？撤销后对方将无法进入管理后台。')).toBeTruthy();
    expect(adminActions()).not.toContain('revokeRole');
    await act(async () => {
      const dialog = document.querySelector<HTMLElement>('.nut-dialog')!;
      fireEvent.click(within(dialog).getByText('撤销'));
    });

    expect(callFunctionMock).toHaveBeenCalledWith('admin', 'revokeRole', { openid: 'demo-admin' });
    expect((await screen.findByTestId('revoke-error')).textContent).toBe('不能撤销自己的权限，请让另一位管理员操作');
  });

  it('cancelling the confirm dialog revokes nothing', async () => {
    openAs('admin');
    await screen.findByTestId('staff-list');

    fireEvent.click(screen.getByTestId('revoke-demo-moderator'));
    const dialog = await waitFor(() => document.querySelector<HTMLElement>('.nut-dialog')!);
    expect(dialog.textContent).toContain('确定撤销「小雨」的审核员权限吗？');
    fireEvent.click(within(dialog).getByText('取消'));

    await waitFor(() => expect(screen.queryByText(/确定撤销/)).toBeNull());
    expect(adminActions()).not.toContain('revokeRole');
  });

  it('loads older audit entries with "加载更多"', async () => {
    const page = Array.from({ length: AUDIT_PAGE_SIZE }, (_, i) =>
      entry({ _id: `p${i}`, at: new Date(Date.UTC(2025, 2, 4, 12, 0) - i * 60_000).toISOString() }),
    );
    openAs('admin', { auditLog: { ok: true, data: { entries: page } } });
    await screen.findByTestId('audit-load-more');
    serveAs('admin', { auditLog: { ok: true, data: { entries: [entry({ _id: 'older', action: 'staff.bootstrap' })] } } });

    await act(async () => {
      fireEvent.click(screen.getByText('加载更多'));
    });

    expect(callFunctionMock).toHaveBeenLastCalledWith('admin', 'auditLog', { limit: AUDIT_PAGE_SIZE, before: page[AUDIT_PAGE_SIZE - 1].at, changesOnly: true });
    await waitFor(() => expect(screen.getAllByTestId('audit-entry')).toHaveLength(AUDIT_PAGE_SIZE + 1));
    expect(screen.getAllByTestId('audit-entry')[AUDIT_PAGE_SIZE].textContent).toContain('初始管理员');
    expect(screen.getByTestId('audit-end')).toBeTruthy();
  });

  it('hides reads in the audit log until asked, then shows them', async () => {
    openAs('admin', { auditLog: { ok: true, data: { entries: [entry({ _id: 'c1' })] } } });
    const chip = await screen.findByTestId('audit-filter-changes');
    expect(chip.getAttribute('data-on')).toBe('true');
    serveAs('admin', { auditLog: { ok: true, data: { entries: [entry({ _id: 'c1' }), entry({ _id: 'r1', action: 'staff.list' })] } } });

    await act(async () => {
      fireEvent.click(chip);
    });

    expect(callFunctionMock).toHaveBeenLastCalledWith('admin', 'auditLog', { limit: AUDIT_PAGE_SIZE, changesOnly: false });
    await waitFor(() => expect(screen.getAllByTestId('audit-entry')).toHaveLength(2));
    expect(screen.getByTestId('audit-filter-changes').getAttribute('data-on')).toBe('false');
  });

  it('shows an error with a retry when the overview cannot be loaded', async () => {
    openAs('moderator', { overview: { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } } });

    expect((await screen.findByTestId('overview-error')).textContent).toContain('网络异常，请稍后重试');
    serveAs('moderator');
    fireEvent.click(screen.getByTestId('overview-error-action'));

    expect(await screen.findByTestId('funnel-koc')).toBeTruthy();
  });

  it('shows empty states when there is nothing to show', async () => {
    serveAs('admin', {
      overview: { ok: true, data: { ...overview, tiers: overview.tiers.map((t) => ({ ...t, count: 0 })), members: 0 } },
      auditLog: { ok: true, data: { entries: [] } },
      listStaff: { ok: true, data: { staff: [] } },
    });
    render(<AdminPage />);

    expect(await screen.findByTestId('overview-empty')).toBeTruthy();
    expect(await screen.findByTestId('staff-empty')).toBeTruthy();
    expect(await screen.findByTestId('audit-empty')).toBeTruthy();
  });
});
