import { callFunction } from '@/services/cloud';
import type { CloudError, CloudResult } from '@/services/cloud-result';
import type { AdminOverview, AuditEntry, DataOf, PayloadOf, StaffMember } from '@/services/contracts';
import { selectIsAdmin } from '@/store';
import { idleLoad, sectionLoader, type LoadState } from '@/store/kit/load-state';
import type { AdminToolsState as AppState } from '../store';

// The staff area: the relationship overview, staff roles and the audit log, as the admin function
// returns them. The server checks the caller's role on every action (moderators: the overview;
// admins: also staff roles and the audit log); the area asks only for what the role may see.

export type StaffChange = { kind: 'grant' | 'revoke'; openid: string };

/** Audit entries fetched per page. */
export const AUDIT_PAGE_SIZE = 20;

export type AdminSlice = LoadState<'adminOverview'> & LoadState<'staff'> & LoadState<'audit'> & AdminHome;

interface AdminHome {
  adminOverview: AdminOverview | null;

  staffMembers: StaffMember[];
  /**
   * openid -> nickname of everyone seen in a staff list since the area opened, so the audit log
   * can still name someone whose role was just revoked.
   */
  staffNames: Record<string, string>;
  /** The grant or revoke being sent, to disable its buttons meanwhile. */
  staffChange: StaffChange | null;

  /** Newest first, page after page. */
  auditEntries: AuditEntry[];
  /** False once a page came back shorter than a full page. */
  auditHasMore: boolean;
  /** The "加载更多" request: its own state, so a failure keeps the entries already shown. */
  auditMoreStatus: 'idle' | 'loading' | 'error';
  auditMoreError: CloudError | null;
  /** Hide reads (opening a list or the overview): staff mostly look for what changed. On by default. */
  auditChangesOnly: boolean;

  /** Forgets what was loaded, then loads every section the caller's role may see. */
  openAdminArea: () => Promise<void>;
  loadOverview: () => Promise<void>;
  loadStaff: () => Promise<void>;
  /** The newest page of the audit log (replaces what was loaded). */
  loadAuditLog: () => Promise<void>;
  /** The page older than the last entry shown. */
  loadMoreAudit: () => Promise<void>;
  /** Shows only changes, or reads too, from the newest page again. */
  setAuditChangesOnly: (changesOnly: boolean) => Promise<void>;
  grantRole: (input: PayloadOf<'admin', 'grantRole'>) => Promise<CloudResult<DataOf<'admin', 'grantRole'>>>;
  revokeRole: (openid: string) => Promise<CloudResult<DataOf<'admin', 'revokeRole'>>>;
  resetAdmin: () => void;
}

const initialAdminState = {
  ...idleLoad('adminOverview'),
  ...idleLoad('staff'),
  ...idleLoad('audit'),
  adminOverview: null,
  staffMembers: [],
  staffNames: {},
  staffChange: null,
  auditEntries: [],
  auditHasMore: false,
  auditMoreStatus: 'idle',
  auditChangesOnly: true,
  auditMoreError: null,
} satisfies Partial<AdminSlice>;

const sameEntry = (a: AuditEntry, b: AuditEntry) =>
  a._id !== undefined && b._id !== undefined ? a._id === b._id : a.at === b.at && a.actor === b.actor && a.action === b.action;

export const createAdminSlice = (set: (partial: Partial<AppState>) => void, get: () => AppState): AdminSlice => {
  // Each section drops an answer to an older request (one sent before a reset or a newer reload).
  const overview = sectionLoader(set, get, 'adminOverview', {
    request: () => callFunction('admin', 'overview', {}),
    done: (data) => ({ adminOverview: data }),
  });
  const staff = sectionLoader(set, get, 'staff', {
    request: () => callFunction('admin', 'listStaff', {}),
    done: (data) => ({
      staffMembers: data.staff,
      staffNames: { ...get().staffNames, ...Object.fromEntries(data.staff.map((person) => [person._id, person.nickname])) },
    }),
  });
  const audit = sectionLoader(set, get, 'audit', {
    request: () => callFunction('admin', 'auditLog', { limit: AUDIT_PAGE_SIZE, changesOnly: get().auditChangesOnly }),
    done: (data) => ({ auditEntries: data.entries, auditHasMore: data.entries.length >= AUDIT_PAGE_SIZE }),
    start: () => ({ auditMoreStatus: 'idle' as const, auditMoreError: null }),
  });

  /** After a role change the staff list, the staff count and the log all changed. */
  const refreshAfterStaffChange = () => Promise.all([get().loadStaff(), get().loadOverview(), get().loadAuditLog()]).then(() => undefined);

  return {
    ...initialAdminState,

    openAdminArea: async () => {
      get().resetAdmin();
      const loads = [get().loadOverview()];
      // Mirrors the server's permissions only to avoid asking for what would be refused.
      if (selectIsAdmin(get())) loads.push(get().loadStaff(), get().loadAuditLog());
      await Promise.all(loads);
    },

    loadOverview: overview.load,
    loadStaff: staff.load,
    loadAuditLog: audit.load,

    setAuditChangesOnly: async (changesOnly) => {
      if (get().auditChangesOnly === changesOnly) return;
      set({ auditChangesOnly: changesOnly, auditStatus: 'loading', auditEntries: [] });
      await get().loadAuditLog();
    },

    loadMoreAudit: async () => {
      const { auditStatus, auditHasMore, auditMoreStatus, auditEntries } = get();
      const last = auditEntries[auditEntries.length - 1];
      if (auditStatus !== 'ready' || !auditHasMore || auditMoreStatus === 'loading' || !last) return;
      const mine = audit.current();
      set({ auditMoreStatus: 'loading', auditMoreError: null });
      const result = await callFunction('admin', 'auditLog', { limit: AUDIT_PAGE_SIZE, before: last.at, changesOnly: get().auditChangesOnly });
      // A reload of the first page meanwhile made this page meaningless.
      if (mine !== audit.current()) return;
      if (result.ok) {
        const shown = get().auditEntries;
        const older = result.data.entries.filter((entry) => !shown.some((seen) => sameEntry(seen, entry)));
        set({ auditEntries: [...shown, ...older], auditHasMore: result.data.entries.length >= AUDIT_PAGE_SIZE, auditMoreStatus: 'idle' });
      } else {
        set({ auditMoreStatus: 'error', auditMoreError: result.error });
      }
    },

    grantRole: async (input) => {
      set({ staffChange: { kind: 'grant', openid: input.openid } });
      const result = await callFunction('admin', 'grantRole', input);
      // Refused or not, the attempt is in the audit log now.
      await (result.ok ? refreshAfterStaffChange() : get().loadAuditLog());
      set({ staffChange: null });
      return result;
    },

    revokeRole: async (openid) => {
      set({ staffChange: { kind: 'revoke', openid } });
      const result = await callFunction('admin', 'revokeRole', { openid });
      await (result.ok ? refreshAfterStaffChange() : get().loadAuditLog());
      set({ staffChange: null });
      return result;
    },

    resetAdmin: () => {
      overview.invalidate();
      staff.invalidate();
      audit.invalidate();
      set({ ...initialAdminState });
    },
  };
};
