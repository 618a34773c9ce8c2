import type { StateCreator } from 'zustand';
import { callFunction } from '@/services/cloud';
import type { CloudError, CloudResult } from '@/services/cloud-result';
import type { DataOf, PayloadOf } from '@/services/contracts';
import { fieldErrorsOf, type FieldErrors } from './admin-field-errors';
import type { AdminToolsState as AppState } from './admin-tools';

// 好友助力活动 in the staff area: perks a member unlocks when enough friends genuinely join (and
// buy) through their cards. Moderators read them; admins create and edit them and switch them on
// or off. The server validates (per-field details, shown next to each field) and audits; a new
// perk starts switched off.

// Derived from the contract rather than re-exported by it, so the contracts file stays as it is.
export type AdminPerkView = DataOf<'admin', 'perksList'>['perks'][number];
export type SavePerkPayload = PayloadOf<'admin', 'savePerk'>;
export type PerkStatus = AdminPerkView['status'];

export type AdminPerksLoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface AdminPerksSlice {
  adminPerks: AdminPerkView[];
  adminPerksStatus: AdminPerksLoadStatus;
  adminPerksError: CloudError | null;

  perkSaving: boolean;
  perkSaveError: CloudError | null;
  /** Field path ('coupon.valueFen', 'requiredFriends') -> the server's message. */
  perkFieldErrors: FieldErrors;

  /** The perk being switched on or off, to disable the switches meanwhile. */
  perkStatusChanging: string | null;
  perkStatusError: { perkId: string; error: CloudError } | null;

  loadAdminPerks: () => Promise<void>;
  /** Creates (no perkId) or replaces a perk; the list shows the saved one. */
  savePerk: (payload: SavePerkPayload) => Promise<CloudResult<{ perk: AdminPerkView }>>;
  setPerkStatus: (perkId: string, status: PerkStatus) => Promise<CloudResult<{ perk: AdminPerkView }>>;
  /** A form was opened or closed: forget the last refusal. */
  clearPerkErrors: () => void;
  /** That field was changed: the server's message about it no longer applies. */
  clearPerkFieldError: (path: string) => void;
  resetAdminPerks: () => void;
}

const initialAdminPerksState = {
  adminPerks: [],
  adminPerksStatus: 'idle',
  adminPerksError: null,
  perkSaving: false,
  perkSaveError: null,
  perkFieldErrors: {},
  perkStatusChanging: null,
  perkStatusError: null,
} satisfies Partial<AdminPerksSlice>;

/** The server lists perks by `sort`; a saved one takes its place by the same order (stable otherwise). */
const bySort = (perks: AdminPerkView[]) => [...perks].sort((a, b) => a.sort - b.sort);

const upsert = (perks: AdminPerkView[], perk: AdminPerkView) =>
  bySort(perks.some((p) => p._id === perk._id) ? perks.map((p) => (p._id === perk._id ? perk : p)) : [...perks, perk]);

export const createAdminPerksSlice: StateCreator<AppState, [], [], AdminPerksSlice> = (set, get) => {
  let generation = 0;

  return {
    ...initialAdminPerksState,

    loadAdminPerks: async () => {
      const mine = ++generation;
      set({ adminPerksStatus: get().adminPerksStatus === 'ready' ? 'ready' : 'loading', adminPerksError: null });
      const result = await callFunction('admin', 'perksList', {});
      if (mine !== generation) return;
      if (result.ok) set({ adminPerksStatus: 'ready', adminPerks: result.data.perks });
      else set({ adminPerksStatus: 'error', adminPerksError: result.error });
    },

    savePerk: async (payload) => {
      const mine = generation;
      set({ perkSaving: true, perkSaveError: null, perkFieldErrors: {} });
      const result = await callFunction('admin', 'savePerk', payload);
      if (mine !== generation) return result;
      if (result.ok) set({ perkSaving: false, adminPerks: upsert(get().adminPerks, result.data.perk) });
      else set({ perkSaving: false, perkSaveError: result.error, perkFieldErrors: fieldErrorsOf(result.error) });
      return result;
    },

    setPerkStatus: async (perkId, status) => {
      const mine = generation;
      set({ perkStatusChanging: perkId, perkStatusError: null });
      const result = await callFunction('admin', 'setPerkStatus', { perkId, status });
      if (mine !== generation) return result;
      if (result.ok) set({ perkStatusChanging: null, adminPerks: upsert(get().adminPerks, result.data.perk) });
      else set({ perkStatusChanging: null, perkStatusError: { perkId, error: result.error } });
      return result;
    },

    clearPerkErrors: () => set({ perkSaveError: null, perkFieldErrors: {}, perkStatusError: null }),

    clearPerkFieldError: (path) => {
      const errors = get().perkFieldErrors;
      if (!(path in errors)) return;
      const { [path]: _gone, ...rest } = errors;
      set({ perkFieldErrors: rest });
    },

    resetAdminPerks: () => {
      generation += 1;
      set({ ...initialAdminPerksState });
    },
  };
};

export const selectAdminPerks = (state: AppState) => state.adminPerks;
export const selectAdminPerksStatus = (state: AppState) => state.adminPerksStatus;
export const selectAdminPerksError = (state: AppState) => state.adminPerksError;
export const selectPerkSaving = (state: AppState) => state.perkSaving;
export const selectPerkSaveError = (state: AppState) => state.perkSaveError;
export const selectPerkFieldErrors = (state: AppState) => state.perkFieldErrors;
export const selectPerkStatusChanging = (state: AppState) => state.perkStatusChanging;
export const selectPerkStatusError = (state: AppState) => state.perkStatusError;
/** Moderators see the perks; only admins change them (the server checks again). */
export const selectCanEditPerks = (state: AppState) => state.profile?.role === 'admin';
