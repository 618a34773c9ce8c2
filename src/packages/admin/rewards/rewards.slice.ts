import type { StateCreator } from 'zustand';
import { callFunction } from '@/services/cloud';
import type { CloudError, CloudResult } from '@/services/cloud-result';
import type { AdminRewardView, RewardStatus, SaveRewardPayload } from '@/services/contracts';
import { fieldErrorsOf, type FieldErrors } from './admin-field-errors';
import type { AdminToolsState as AppState } from './admin-tools';

// 积分商城管理 in the staff area: every reward with its stock and redemptions; admins create and
// edit rewards and put them on or off offer. The server validates (per-field details) and audits.

export type AdminRewardsLoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface AdminRewardsSlice {
  adminRewards: AdminRewardView[];
  adminRewardsStatus: AdminRewardsLoadStatus;
  adminRewardsError: CloudError | null;

  rewardSaving: boolean;
  rewardSaveError: CloudError | null;
  /** Field path ('coupon.valueFen') -> the server's message. */
  rewardFieldErrors: FieldErrors;

  /** The reward whose status is being changed, to disable its button meanwhile. */
  rewardStatusChanging: string | null;
  rewardStatusError: { rewardId: string; error: CloudError } | null;

  loadAdminRewards: () => Promise<void>;
  /** Creates or replaces a reward; the list shows the saved one. */
  saveReward: (payload: SaveRewardPayload) => Promise<CloudResult<{ reward: AdminRewardView }>>;
  setRewardStatus: (rewardId: string, status: RewardStatus) => Promise<CloudResult<{ reward: AdminRewardView }>>;
  /** A new form was opened (or closed): forget the last refusal. */
  clearRewardErrors: () => void;
  clearRewardFieldError: (path: string) => void;
  resetAdminRewards: () => void;
}

const initialAdminRewardsState = {
  adminRewards: [],
  adminRewardsStatus: 'idle',
  adminRewardsError: null,
  rewardSaving: false,
  rewardSaveError: null,
  rewardFieldErrors: {},
  rewardStatusChanging: null,
  rewardStatusError: null,
} satisfies Partial<AdminRewardsSlice>;

/** The list in catalog order (sort, then cost), like the server's. */
const inCatalogOrder = (rewards: AdminRewardView[]) =>
  [...rewards].sort((a, b) => a.sort - b.sort || a.pointsCost - b.pointsCost);

const upsert = (rewards: AdminRewardView[], reward: AdminRewardView) =>
  inCatalogOrder([...rewards.filter((r) => r._id !== reward._id), reward]);

export const createAdminRewardsSlice: StateCreator<AppState, [], [], AdminRewardsSlice> = (set, get) => {
  let generation = 0;

  return {
    ...initialAdminRewardsState,

    loadAdminRewards: async () => {
      const mine = ++generation;
      set({ adminRewardsStatus: get().adminRewardsStatus === 'ready' ? 'ready' : 'loading', adminRewardsError: null });
      const result = await callFunction('admin', 'rewardsList', {});
      if (mine !== generation) return;
      if (result.ok) set({ adminRewardsStatus: 'ready', adminRewards: result.data.rewards });
      else set({ adminRewardsStatus: 'error', adminRewardsError: result.error });
    },

    saveReward: async (payload) => {
      const mine = generation;
      set({ rewardSaving: true, rewardSaveError: null, rewardFieldErrors: {} });
      const result = await callFunction('admin', 'saveReward', payload);
      if (mine !== generation) return result;
      if (result.ok) {
        set({ rewardSaving: false, adminRewards: upsert(get().adminRewards, result.data.reward) });
      } else {
        set({ rewardSaving: false, rewardSaveError: result.error, rewardFieldErrors: fieldErrorsOf(result.error) });
      }
      return result;
    },

    setRewardStatus: async (rewardId, status) => {
      const mine = generation;
      set({ rewardStatusChanging: rewardId, rewardStatusError: null });
      const result = await callFunction('admin', 'setRewardStatus', { rewardId, status });
      if (mine !== generation) return result;
      if (result.ok) set({ rewardStatusChanging: null, adminRewards: upsert(get().adminRewards, result.data.reward) });
      else set({ rewardStatusChanging: null, rewardStatusError: { rewardId, error: result.error } });
      return result;
    },

    clearRewardErrors: () => set({ rewardSaveError: null, rewardFieldErrors: {} }),

    clearRewardFieldError: (path) => {
      const errors = get().rewardFieldErrors;
      if (!(path in errors)) return;
      const { [path]: _gone, ...rest } = errors;
      set({ rewardFieldErrors: rest });
    },

    resetAdminRewards: () => {
      generation += 1;
      set({ ...initialAdminRewardsState });
    },
  };
};

export const selectAdminRewards = (state: AppState) => state.adminRewards;
export const selectAdminRewardsStatus = (state: AppState) => state.adminRewardsStatus;
export const selectAdminRewardsError = (state: AppState) => state.adminRewardsError;
export const selectRewardSaving = (state: AppState) => state.rewardSaving;
export const selectRewardSaveError = (state: AppState) => state.rewardSaveError;
export const selectRewardFieldErrors = (state: AppState) => state.rewardFieldErrors;
export const selectRewardStatusChanging = (state: AppState) => state.rewardStatusChanging;
export const selectRewardStatusError = (state: AppState) => state.rewardStatusError;
/** Moderators see the catalog; only admins change it (the server checks again). */
export const selectCanEditRewards = (state: AppState) => state.profile?.role === 'admin';
