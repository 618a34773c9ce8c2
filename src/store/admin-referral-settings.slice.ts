import type { StateCreator } from 'zustand';
import { callFunction } from '@/services/cloud';
import type { CloudError, CloudResult } from '@/services/cloud-result';
import type { ReferralConfig, ReferralConfigView } from '@/services/contracts';
import { fieldErrorsOf, type FieldErrors } from './admin-field-errors';
import type { AdminToolsState as AppState } from './admin-tools';

// 推荐规则 in the staff area: the referral programme's rules as the server holds them, and saving
// an edited set. The server validates them (per-field details) and refuses a save based on a
// version someone else has already replaced (CONFLICT): staff then reload rather than overwrite.

export type AdminReferralSettingsLoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface AdminReferralSettingsSlice {
  adminReferralSettingsView: ReferralConfigView | null;
  adminReferralSettingsStatus: AdminReferralSettingsLoadStatus;
  adminReferralSettingsError: CloudError | null;

  adminReferralSettingsSaving: boolean;
  /** Why the last save was refused (null after a success or a reload). */
  adminReferralSettingsSaveError: CloudError | null;
  /** Field path ('burst.maxReferrals') -> the server's message. */
  adminReferralSettingsFieldErrors: FieldErrors;
  /** The save was refused because the configuration changed since it was loaded. */
  adminReferralSettingsConflict: boolean;

  /** Loads the configuration (forgetting any refusal and conflict). */
  loadAdminReferralSettings: () => Promise<void>;
  /** Saves `config` over the version that was loaded. */
  saveAdminReferralSettings: (config: ReferralConfig) => Promise<CloudResult<ReferralConfigView>>;
  /** Staff edited a field: its server message no longer applies. */
  clearAdminReferralSettingsFieldError: (path: string) => void;
  resetAdminReferralSettings: () => void;
}

const initialAdminReferralSettingsState = {
  adminReferralSettingsView: null,
  adminReferralSettingsStatus: 'idle',
  adminReferralSettingsError: null,
  adminReferralSettingsSaving: false,
  adminReferralSettingsSaveError: null,
  adminReferralSettingsFieldErrors: {},
  adminReferralSettingsConflict: false,
} satisfies Partial<AdminReferralSettingsSlice>;

export const createAdminReferralSettingsSlice: StateCreator<AppState, [], [], AdminReferralSettingsSlice> = (set, get) => {
  let generation = 0;

  return {
    ...initialAdminReferralSettingsState,

    loadAdminReferralSettings: async () => {
      const mine = ++generation;
      set({
        adminReferralSettingsStatus: get().adminReferralSettingsStatus === 'ready' ? 'ready' : 'loading',
        adminReferralSettingsError: null,
        adminReferralSettingsSaveError: null,
        adminReferralSettingsFieldErrors: {},
        adminReferralSettingsConflict: false,
      });
      const result = await callFunction('admin', 'referralConfig', {});
      if (mine !== generation) return;
      if (result.ok) set({ adminReferralSettingsStatus: 'ready', adminReferralSettingsView: result.data });
      else set({ adminReferralSettingsStatus: 'error', adminReferralSettingsError: result.error });
    },

    saveAdminReferralSettings: async (config) => {
      const mine = generation;
      const expectedVersion = get().adminReferralSettingsView?.version;
      set({ adminReferralSettingsSaving: true, adminReferralSettingsSaveError: null, adminReferralSettingsFieldErrors: {}, adminReferralSettingsConflict: false });
      const result = await callFunction('admin', 'updateReferralConfig', {
        config,
        ...(expectedVersion !== undefined ? { expectedVersion } : {}),
      });
      if (mine !== generation) return result;
      if (result.ok) {
        set({ adminReferralSettingsSaving: false, adminReferralSettingsView: result.data, adminReferralSettingsStatus: 'ready' });
      } else {
        set({
          adminReferralSettingsSaving: false,
          adminReferralSettingsSaveError: result.error,
          adminReferralSettingsFieldErrors: fieldErrorsOf(result.error),
          adminReferralSettingsConflict: result.error.code === 'CONFLICT',
        });
      }
      return result;
    },

    clearAdminReferralSettingsFieldError: (path) => {
      const errors = get().adminReferralSettingsFieldErrors;
      if (!(path in errors)) return;
      const { [path]: _gone, ...rest } = errors;
      set({ adminReferralSettingsFieldErrors: rest });
    },

    resetAdminReferralSettings: () => {
      generation += 1;
      set({ ...initialAdminReferralSettingsState });
    },
  };
};

export const selectAdminReferralSettingsView = (state: AppState) => state.adminReferralSettingsView;
export const selectAdminReferralSettingsStatus = (state: AppState) => state.adminReferralSettingsStatus;
export const selectAdminReferralSettingsError = (state: AppState) => state.adminReferralSettingsError;
export const selectAdminReferralSettingsSaving = (state: AppState) => state.adminReferralSettingsSaving;
export const selectAdminReferralSettingsSaveError = (state: AppState) => state.adminReferralSettingsSaveError;
export const selectAdminReferralSettingsFieldErrors = (state: AppState) => state.adminReferralSettingsFieldErrors;
export const selectAdminReferralSettingsConflict = (state: AppState) => state.adminReferralSettingsConflict;
/** Moderators read the referral rules; only admins change them (the server checks again). */
export const selectCanEditReferralSettings = (state: AppState) => state.profile?.role === 'admin';
