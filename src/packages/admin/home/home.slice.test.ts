import { overview } from '@/test-support/admin-fixtures';
import type { AuditEntry, StaffMember } from '@/services/contracts';
import { createAppStore } from '@/store';
import { AUDIT_PAGE_SIZE, selectIsAdmin, withAdminTools } from '../store';
import { callFunctionMock, serveWith } from '@/test-support/admin-test-kit';
import { deferred, type Reply } from '@/test-support/replies';

// The store's boundary is the service layer: the transport is replaced, the store is real.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const staff: StaffMember[] = [
  { _id: 'o-admin', role: 'admin', grantedBy: 'bootstrap', grantedAt: '2025-01-01T00:00:00.000Z', nickname: '老陈' },
  { _id: 'o-moderator', role: 'moderator', grantedBy: 'o-admin', grantedAt: '2025-01-02T00:00:00.000Z', nickname: '小雨' },
];

/** `count` entries, newest first, one minute apart, ending before `startMinute`. */
function auditPage(count: number, startMinute = 10_000): AuditEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    _id: `a-${startMinute - i}`,
    actor: 'o-admin',
    role: 'admin',
    action: 'admin.overview',
    target: {},
    outcome: 'ok' as const,
    at: new Date(Date.UTC(2025, 0, 1) + (startMinute - i) * 60_000).toISOString(),
  }));
}

/** The member function opens the session as `role`; admin actions answer from `answers` or these defaults. */
const serveAs = serveWith({
  overview: { ok: true, data: overview },
  listStaff: { ok: true, data: { staff } },
  auditLog: () => ({ ok: true, data: { entries: auditPage(3) } }),
});

async function openedStore() {
  const store = withAdminTools(createAppStore());
  await store.getState().bootstrap();
  return store;
}

const adminCalls = () => callFunctionMock.mock.calls.filter(([name]) => name === 'admin').map(([, action, payload]) => [action, payload]);

beforeEach(() => callFunctionMock.mockReset());

describe('admin slice', () => {
  it('starts with nothing loaded', () => {
    const state = withAdminTools(createAppStore()).getState();
    expect(state.adminOverviewStatus).toBe('idle');
    expect(state.staffStatus).toBe('idle');
    expect(state.auditStatus).toBe('idle');
    expect(state.adminOverview).toBeNull();
    expect(state.staffMembers).toEqual([]);
    expect(state.auditEntries).toEqual([]);
  });

  it.each([
    ['customer', false],
    ['moderator', false],
    ['admin', true],
  ] as const)('a %s may manage staff and view the audit log: %p', async (role, expected) => {
    serveAs(role);
    const store = await openedStore();
    expect(selectIsAdmin(store.getState())).toBe(expected);
    expect(selectIsAdmin(store.getState())).toBe(expected);
  });

  it('opening the area as a moderator asks for the overview only', async () => {
    serveAs('moderator');
    const store = await openedStore();

    await store.getState().openAdminArea();

    expect(adminCalls()).toEqual([['overview', {}]]);
    expect(store.getState().adminOverviewStatus).toBe('ready');
    expect(store.getState().adminOverview).toEqual(overview);
    expect(store.getState().staffStatus).toBe('idle');
    expect(store.getState().auditStatus).toBe('idle');
  });

  it('opening the area as an admin loads the overview, the staff and the newest audit page', async () => {
    serveAs('admin');
    const store = await openedStore();

    await store.getState().openAdminArea();

    expect(adminCalls()).toEqual(
      expect.arrayContaining([
        ['overview', {}],
        ['listStaff', {}],
        ['auditLog', { limit: AUDIT_PAGE_SIZE, changesOnly: true }],
      ]),
    );
    const state = store.getState();
    expect(state.staffStatus).toBe('ready');
    expect(state.staffMembers).toEqual(staff);
    expect(state.auditStatus).toBe('ready');
    expect(state.auditEntries).toHaveLength(3);
    // A short page: there is nothing older.
    expect(state.auditHasMore).toBe(false);
  });

  it('shows loading while a section is asked for the first time', async () => {
    const pending = deferred<Reply>();
    serveAs('moderator', { overview: () => pending.promise });
    const store = await openedStore();

    const opening = store.getState().openAdminArea();
    expect(store.getState().adminOverviewStatus).toBe('loading');
    pending.resolve({ ok: true, data: overview });
    await opening;

    expect(store.getState().adminOverviewStatus).toBe('ready');
  });

  it('keeps each section’s error for the page, and a retry clears it', async () => {
    const refused = { ok: false as const, error: { code: 'FORBIDDEN', message: '没有权限执行此操作' } };
    serveAs('admin', { listStaff: refused, auditLog: { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } } });
    const store = await openedStore();

    await store.getState().openAdminArea();

    expect(store.getState().adminOverviewStatus).toBe('ready');
    expect(store.getState().staffStatus).toBe('error');
    expect(store.getState().staffError).toEqual(refused.error);
    expect(store.getState().auditStatus).toBe('error');
    expect(store.getState().auditError?.code).toBe('NETWORK_ERROR');

    serveAs('admin');
    await store.getState().loadStaff();
    expect(store.getState().staffStatus).toBe('ready');
    expect(store.getState().staffError).toBeNull();
  });

  describe('audit log paging', () => {
    it('a full page means there may be more; "more" asks for entries before the last one shown', async () => {
      const first = auditPage(AUDIT_PAGE_SIZE, 100);
      const second = auditPage(5, 100 - AUDIT_PAGE_SIZE);
      serveAs('admin', { auditLog: { ok: true, data: { entries: first } } });
      const store = await openedStore();
      await store.getState().openAdminArea();
      expect(store.getState().auditHasMore).toBe(true);

      serveAs('admin', { auditLog: { ok: true, data: { entries: second } } });
      await store.getState().loadMoreAudit();

      expect(callFunctionMock).toHaveBeenLastCalledWith('admin', 'auditLog', { limit: AUDIT_PAGE_SIZE, before: first[first.length - 1].at, changesOnly: true });
      expect(store.getState().auditEntries).toEqual([...first, ...second]);
      expect(store.getState().auditHasMore).toBe(false);
      expect(store.getState().auditMoreStatus).toBe('idle');
    });

    it('shows only changes by default; switching to everything reloads the newest page with reads', async () => {
      serveAs('admin', { auditLog: { ok: true, data: { entries: auditPage(3) } } });
      const store = await openedStore();
      await store.getState().openAdminArea();
      expect(store.getState().auditChangesOnly).toBe(true);
      serveAs('admin', { auditLog: { ok: true, data: { entries: auditPage(5) } } });
      callFunctionMock.mockClear();

      await store.getState().setAuditChangesOnly(false);

      expect(callFunctionMock).toHaveBeenCalledTimes(1);
      expect(callFunctionMock).toHaveBeenLastCalledWith('admin', 'auditLog', { limit: AUDIT_PAGE_SIZE, changesOnly: false });
      expect(store.getState().auditEntries).toHaveLength(5);
      // The same setting again asks nothing.
      await store.getState().setAuditChangesOnly(false);
      expect(callFunctionMock).toHaveBeenCalledTimes(1);
    });

    it('does not ask again while a page is on its way, nor when there is nothing more', async () => {
      serveAs('admin', { auditLog: { ok: true, data: { entries: auditPage(AUDIT_PAGE_SIZE) } } });
      const store = await openedStore();
      await store.getState().openAdminArea();
      const pending = deferred<Reply>();
      serveAs('admin', { auditLog: () => pending.promise });
      callFunctionMock.mockClear();

      const loading = store.getState().loadMoreAudit();
      expect(store.getState().auditMoreStatus).toBe('loading');
      await store.getState().loadMoreAudit();
      pending.resolve({ ok: true, data: { entries: [] } });
      await loading;
      await store.getState().loadMoreAudit();

      expect(callFunctionMock).toHaveBeenCalledTimes(1);
      expect(store.getState().auditHasMore).toBe(false);
    });

    it('a failed "more" keeps the entries shown and can be tried again', async () => {
      const first = auditPage(AUDIT_PAGE_SIZE);
      serveAs('admin', { auditLog: { ok: true, data: { entries: first } } });
      const store = await openedStore();
      await store.getState().openAdminArea();

      serveAs('admin', { auditLog: { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } } });
      await store.getState().loadMoreAudit();

      expect(store.getState().auditStatus).toBe('ready');
      expect(store.getState().auditEntries).toEqual(first);
      expect(store.getState().auditMoreStatus).toBe('error');
      expect(store.getState().auditMoreError?.code).toBe('NETWORK_ERROR');
      expect(store.getState().auditHasMore).toBe(true);
    });

    it('drops an older page that arrives after the log was reloaded', async () => {
      serveAs('admin', { auditLog: { ok: true, data: { entries: auditPage(AUDIT_PAGE_SIZE) } } });
      const store = await openedStore();
      await store.getState().openAdminArea();
      const late = deferred<Reply>();
      serveAs('admin', { auditLog: () => late.promise });
      const loadingMore = store.getState().loadMoreAudit();

      const fresh = auditPage(2, 50_000);
      serveAs('admin', { auditLog: { ok: true, data: { entries: fresh } } });
      await store.getState().loadAuditLog();
      late.resolve({ ok: true, data: { entries: auditPage(3, 1) } });
      await loadingMore;

      expect(store.getState().auditEntries).toEqual(fresh);
    });
  });

  describe('granting and revoking roles', () => {
    it('grant sends openid and role, marks the change pending, then refreshes staff, overview and log', async () => {
      serveAs('admin');
      const store = await openedStore();
      await store.getState().openAdminArea();
      const pending = deferred<Reply>();
      const grown = [...staff, { _id: 'o-new', role: 'moderator' as const, grantedBy: 'o-admin', grantedAt: '2025-02-01T00:00:00.000Z', nickname: '阿青' }];
      serveAs('admin', { grantRole: () => pending.promise, listStaff: { ok: true, data: { staff: grown } } });
      callFunctionMock.mockClear();

      const granting = store.getState().grantRole({ openid: 'o-new', role: 'moderator' });
      expect(store.getState().staffChange).toEqual({ kind: 'grant', openid: 'o-new' });
      pending.resolve({ ok: true, data: { openid: 'o-new', role: 'moderator' } });
      const result = await granting;

      expect(result).toEqual({ ok: true, data: { openid: 'o-new', role: 'moderator' } });
      expect(adminCalls()).toEqual([
        ['grantRole', { openid: 'o-new', role: 'moderator' }],
        ...[
          ['listStaff', {}],
          ['overview', {}],
          ['auditLog', { limit: AUDIT_PAGE_SIZE, changesOnly: true }],
        ],
      ]);
      expect(store.getState().staffMembers).toEqual(grown);
      expect(store.getState().staffChange).toBeNull();
    });

    it('a reload keeps what is shown instead of going back to loading', async () => {
      serveAs('admin');
      const store = await openedStore();
      await store.getState().openAdminArea();
      const pending = deferred<Reply>();
      serveAs('admin', { listStaff: () => pending.promise });

      const reloading = store.getState().loadStaff();
      expect(store.getState().staffStatus).toBe('ready');
      expect(store.getState().staffMembers).toEqual(staff);
      pending.resolve({ ok: true, data: { staff: [] } });
      await reloading;

      expect(store.getState().staffMembers).toEqual([]);
    });

    it('a refused grant returns the server error, leaves the staff list, and reloads only the log', async () => {
      serveAs('admin');
      const store = await openedStore();
      await store.getState().openAdminArea();
      const refusal = { ok: false as const, error: { code: 'NOT_FOUND', message: '该用户还没有打开过小程序' } };
      serveAs('admin', { grantRole: refusal });
      callFunctionMock.mockClear();

      const result = await store.getState().grantRole({ openid: 'o-ghost', role: 'admin' });

      expect(result).toEqual(refusal);
      expect(adminCalls()).toEqual([
        ['grantRole', { openid: 'o-ghost', role: 'admin' }],
        ['auditLog', { limit: AUDIT_PAGE_SIZE, changesOnly: true }],
      ]);
      expect(store.getState().staffMembers).toEqual(staff);
      expect(store.getState().staffChange).toBeNull();
    });

    it('revoke sends the openid and refreshes on success', async () => {
      serveAs('admin');
      const store = await openedStore();
      await store.getState().openAdminArea();
      serveAs('admin', { revokeRole: { ok: true, data: { openid: 'o-moderator' } }, listStaff: { ok: true, data: { staff: [staff[0]] } } });
      callFunctionMock.mockClear();

      const result = await store.getState().revokeRole('o-moderator');

      expect(result.ok).toBe(true);
      expect(adminCalls()[0]).toEqual(['revokeRole', { openid: 'o-moderator' }]);
      expect(store.getState().staffMembers).toEqual([staff[0]]);
      // The audit log can still name the person whose role was revoked.
      expect(store.getState().staffNames).toEqual({ 'o-admin': '老陈', 'o-moderator': '小雨' });
    });

    it('revoking yourself is refused by the server with CONFLICT, returned as is', async () => {
      serveAs('admin');
      const store = await openedStore();
      await store.getState().openAdminArea();
      const conflict = { ok: false as const, error: { code: 'CONFLICT', message: '不能撤销自己的权限，请让另一位管理员操作' } };
      serveAs('admin', { revokeRole: conflict });

      const result = await store.getState().revokeRole('o-admin');

      expect(result).toEqual(conflict);
      expect(store.getState().staffMembers).toEqual(staff);
    });
  });

  it('resetAdmin forgets everything and ignores answers still on their way', async () => {
    serveAs('admin');
    const store = await openedStore();
    await store.getState().openAdminArea();
    const late = deferred<Reply>();
    serveAs('admin', { overview: () => late.promise });
    const loading = store.getState().loadOverview();

    store.getState().resetAdmin();
    late.resolve({ ok: true, data: overview });
    await loading;

    const state = store.getState();
    expect(state.adminOverview).toBeNull();
    expect(state.adminOverviewStatus).toBe('idle');
    expect(state.staffMembers).toEqual([]);
    expect(state.staffNames).toEqual({});
    expect(state.auditEntries).toEqual([]);
  });
});
