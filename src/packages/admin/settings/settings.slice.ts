import type { StateCreator } from 'zustand';
import { callFunction } from '@/services/cloud';
import type { CloudError, CloudResult } from '@/services/cloud-result';
import type { LadderConfig, LadderConfigView } from '@/services/contracts';
import { fieldErrorsOf, type FieldErrors } from './admin-field-errors';
import type { AdminToolsState as AppState } from './admin-tools';

// 等级规则 in the staff area: the ladder's configuration as the server holds it, and saving an
// edited one. The server validates it (per-field details) and refuses a save based on a version
// someone else has already replaced (CONFLICT): staff then reload rather than overwrite blindly.

export type AdminLadderLoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface AdminLadderSlice {
  adminLadderView: LadderConfigView | null;
  adminLadderStatus: AdminLadderLoadStatus;
  adminLadderError: CloudError | null;

  adminLadderSaving: boolean;
  /** Why the last save was refused (null after a success or a reload). */
  adminLadderSaveError: CloudError | null;
  /** Field path ('thresholds.repeatBuyerOrders') -> the server's message. */
  adminLadderFieldErrors: FieldErrors;
  /** The save was refused because the configuration changed since it was loaded. */
  adminLadderConflict: boolean;

  /** Loads the configuration (forgetting any refusal and conflict). */
  loadAdminLadder: () => Promise<void>;
  /** Saves `config` over the version that was loaded. */
  saveAdminLadder: (config: LadderConfig) => Promise<CloudResult<LadderConfigView>>;
  /** Staff edited a field: its server message no longer applies. */
  clearAdminLadderFieldError: (path: string) => void;
  resetAdminLadder: () => void;
}

const initialAdminLadderState = {
  adminLadderView: null,
  adminLadderStatus: 'idle',
  adminLadderError: null,
  adminLadderSaving: false,
  adminLadderSaveError: null,
  adminLadderFieldErrors: {},
  adminLadderConflict: false,
} satisfies Partial<AdminLadderSlice>;

export const createAdminLadderSlice: StateCreator<AppState, [], [], AdminLadderSlice> = (set, get) => {
  let generation = 0;

  return {
    ...initialAdminLadderState,

    loadAdminLadder: async () => {
      const mine = ++generation;
      set({
        adminLadderStatus: get().adminLadderStatus === 'ready' ? 'ready' : 'loading',
        adminLadderError: null,
        adminLadderSaveError: null,
        adminLadderFieldErrors: {},
        adminLadderConflict: false,
      });
      const result = await callFunction('admin', 'ladderConfig', {});
      if (mine !== generation) return;
      if (result.ok) set({ adminLadderStatus: 'ready', adminLadderView: result.data });
      else set({ adminLadderStatus: 'error', adminLadderError: result.error });
    },

    saveAdminLadder: async (config) => {
      const mine = generation;
      const expectedVersion = get().adminLadderView?.version;
      set({ adminLadderSaving: true, adminLadderSaveError: null, adminLadderFieldErrors: {}, adminLadderConflict: false });
      const result = await callFunction('admin', 'updateLadderConfig', {
        config,
        ...(expectedVersion !== undefined ? { expectedVersion } : {}),
      });
      if (mine !== generation) return result;
      if (result.ok) {
        set({ adminLadderSaving: false, adminLadderView: result.data, adminLadderStatus: 'ready' });
      } else {
        set({
          adminLadderSaving: false,
          adminLadderSaveError: result.error,
          adminLadderFieldErrors: fieldErrorsOf(result.error),
          adminLadderConflict: result.error.code === 'CONFLICT',
        });
      }
      return result;
    },

    clearAdminLadderFieldError: (path) => {
      const errors = get().adminLadderFieldErrors;
      if (!(path in errors)) return;
      const { [path]: _gone, ...rest } = errors;
      set({ adminLadderFieldErrors: rest });
    },

    resetAdminLadder: () => {
      generation += 1;
      set({ ...initialAdminLadderState });
    },
  };
};

export const selectAdminLadderView = (state: AppState) => state.adminLadderView;
export const selectAdminLadderStatus = (state: AppState) => state.adminLadderStatus;
export const selectAdminLadderError = (state: AppState) => state.adminLadderError;
export const selectAdminLadderSaving = (state: AppState) => state.adminLadderSaving;
export const selectAdminLadderSaveError = (state: AppState) => state.adminLadderSaveError;
export const selectAdminLadderFieldErrors = (state: AppState) => state.adminLadderFieldErrors;
export const selectAdminLadderConflict = (state: AppState) => state.adminLadderConflict;
/** Moderators read the ladder's rules; only admins change them (the server checks again). */
export const selectCanEditLadder = (state: AppState) => state.profile?.role === 'admin';
