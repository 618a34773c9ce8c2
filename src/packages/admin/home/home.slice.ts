import type { StateCreator } from 'zustand';
import { callFunction } from '@/services/cloud';
import type { CloudError, CloudResult } from '@/services/cloud-result';
import type { AdminOverview, AuditEntry, DataOf, PayloadOf, StaffMember } from '@/services/contracts';
import type { AppState } from './app-state';

// The staff area: the relationship overview, staff roles and the audit log, as the admin function
// returns them. The server checks the caller's role on every action; the selectors below only
// decide which sections are worth asking for.

export type AdminLoadStatus = 'idle' | 'loading' | 'ready' | 'error';
export type StaffChange = { kind: 'grant' | 'revoke'; openid: string };

/** Audit entries fetched per page. */
export const AUDIT_PAGE_SIZE = 20;

export interface AdminSlice {
  adminOverview: AdminOverview | null;
  adminOverviewStatus: AdminLoadStatus;
  adminOverviewError: CloudError | null;

  staffMembers: StaffMember[];
  /**
   * openid -> nickname of everyone seen in a staff list since the area opened, so the audit log
   * can still name someone whose role was just revoked.
   */
  staffNames: Record<string, string>;
  staffStatus: AdminLoadStatus;
  staffError: CloudError | null;
  /** The grant or revoke being sent, to disable its buttons meanwhile. */
  staffChange: StaffChange | null;

  /** Newest first, page after page. */
  auditEntries: AuditEntry[];
  auditStatus: AdminLoadStatus;
  auditError: CloudError | null;
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
  adminOverview: null,
  adminOverviewStatus: 'idle',
  adminOverviewError: null,
  staffMembers: [],
  staffNames: {},
  staffStatus: 'idle',
  staffError: null,
  staffChange: null,
  auditEntries: [],
  auditStatus: 'idle',
  auditError: null,
  auditHasMore: false,
  auditMoreStatus: 'idle',
  auditChangesOnly: true,
  auditMoreError: null,
} satisfies Partial<AdminSlice>;

const sameEntry = (a: AuditEntry, b: AuditEntry) =>
  a._id !== undefined && b._id !== undefined ? a._id === b._id : a.at === b.at && a.actor === b.actor && a.action === b.action;

export const createAdminSlice: StateCreator<AppState, [], [], AdminSlice> = (set, get) => {
  // Each section counts its requests: an answer to an older request (e.g. one sent before a reset
  // or a newer reload) is dropped instead of overwriting newer state.
  const generation = { overview: 0, staff: 0, audit: 0 };

  /** 'loading' only when nothing is shown yet: a reload keeps the current data on screen. */
  const loadingUnlessShown = (status: AdminLoadStatus): AdminLoadStatus => (status === 'ready' ? 'ready' : 'loading');

  /** After a role change the staff list, the staff count and the log all changed. */
  const refreshAfterStaffChange = () =>
    Promise.all([get().loadStaff(), get().loadOverview(), get().loadAuditLog()]).then(() => undefined);

  return {
    ...initialAdminState,

    openAdminArea: async () => {
      get().resetAdmin();
      const loads = [get().loadOverview()];
      if (selectCanManageStaff(get())) loads.push(get().loadStaff());
      if (selectCanViewAudit(get())) loads.push(get().loadAuditLog());
      await Promise.all(loads);
    },

    loadOverview: async () => {
      const mine = ++generation.overview;
      set({ adminOverviewStatus: loadingUnlessShown(get().adminOverviewStatus), adminOverviewError: null });
      const result = await callFunction('admin', 'overview', {});
      if (mine !== generation.overview) return;
      if (result.ok) set({ adminOverviewStatus: 'ready', adminOverview: result.data });
      else set({ adminOverviewStatus: 'error', adminOverviewError: result.error });
    },

    loadStaff: async () => {
      const mine = ++generation.staff;
      set({ staffStatus: loadingUnlessShown(get().staffStatus), staffError: null });
      const result = await callFunction('admin', 'listStaff', {});
      if (mine !== generation.staff) return;
      if (result.ok) {
        const names = Object.fromEntries(result.data.staff.map((person) => [person._id, person.nickname]));
        set({ staffStatus: 'ready', staffMembers: result.data.staff, staffNames: { ...get().staffNames, ...names } });
      } else {
        set({ staffStatus: 'error', staffError: result.error });
      }
    },

    loadAuditLog: async () => {
      const mine = ++generation.audit;
      set({
        auditStatus: loadingUnlessShown(get().auditStatus),
        auditError: null,
        auditMoreStatus: 'idle',
        auditMoreError: null,
      });
      const result = await callFunction('admin', 'auditLog', { limit: AUDIT_PAGE_SIZE, changesOnly: get().auditChangesOnly });
      if (mine !== generation.audit) return;
      if (result.ok) {
        set({ auditStatus: 'ready', auditEntries: result.data.entries, auditHasMore: result.data.entries.length >= AUDIT_PAGE_SIZE });
      } else {
        set({ auditStatus: 'error', auditError: result.error });
      }
    },

    setAuditChangesOnly: async (changesOnly) => {
      if (get().auditChangesOnly === changesOnly) return;
      set({ auditChangesOnly: changesOnly, auditStatus: 'loading', auditEntries: [] });
      await get().loadAuditLog();
    },

    loadMoreAudit: async () => {
      const { auditStatus, auditHasMore, auditMoreStatus, auditEntries } = get();
      const last = auditEntries[auditEntries.length - 1];
      if (auditStatus !== 'ready' || !auditHasMore || auditMoreStatus === 'loading' || !last) return;
      const mine = generation.audit;
      set({ auditMoreStatus: 'loading', auditMoreError: null });
      const result = await callFunction('admin', 'auditLog', { limit: AUDIT_PAGE_SIZE, before: last.at, changesOnly: get().auditChangesOnly });
      // A reload of the first page meanwhile made this page meaningless.
      if (mine !== generation.audit) return;
      if (result.ok) {
        const shown = get().auditEntries;
        const older = result.data.entries.filter((entry) => !shown.some((seen) => sameEntry(seen, entry)));
        set({
          auditEntries: [...shown, ...older],
          auditHasMore: result.data.entries.length >= AUDIT_PAGE_SIZE,
          auditMoreStatus: 'idle',
        });
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
      generation.overview += 1;
      generation.staff += 1;
      generation.audit += 1;
      set({ ...initialAdminState });
    },
  };
};

export const selectAdminOverview = (state: AppState) => state.adminOverview;
export const selectAdminOverviewStatus = (state: AppState) => state.adminOverviewStatus;
export const selectAdminOverviewError = (state: AppState) => state.adminOverviewError;
export const selectStaffMembers = (state: AppState) => state.staffMembers;
export const selectStaffNames = (state: AppState) => state.staffNames;
export const selectStaffStatus = (state: AppState) => state.staffStatus;
export const selectStaffError = (state: AppState) => state.staffError;
export const selectStaffChange = (state: AppState) => state.staffChange;
export const selectAuditEntries = (state: AppState) => state.auditEntries;
export const selectAuditStatus = (state: AppState) => state.auditStatus;
export const selectAuditError = (state: AppState) => state.auditError;
export const selectAuditHasMore = (state: AppState) => state.auditHasMore;
export const selectAuditChangesOnly = (state: AppState) => state.auditChangesOnly;
export const selectAuditMoreStatus = (state: AppState) => state.auditMoreStatus;
export const selectAuditMoreError = (state: AppState) => state.auditMoreError;

/**
 * Which sections to show and load. They mirror the server's permissions (moderators: the overview;
 * admins: also staff roles and the audit log) only to avoid asking for what would be refused:
 * the server checks the role again on every call.
 */
export const selectCanManageStaff = (state: AppState) => state.profile?.role === 'admin';
export const selectCanViewAudit = (state: AppState) => state.profile?.role === 'admin';
