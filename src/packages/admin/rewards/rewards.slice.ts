import { callFunction } from '@/services/cloud';
import type { AdminRewardView, RewardStatus, SaveRewardPayload } from '@/services/contracts';
import { createListSlice, type FieldErrorsSlice, type ListSlice } from '../shared/list-slice';

// 积分商城管理 in the staff area: every reward with its stock and redemptions; admins create and
// edit rewards and put them on or off offer. The server validates (per-field details) and audits.

export type AdminRewardsSlice = ListSlice<'Rewards', 'reward', AdminRewardView, SaveRewardPayload, RewardStatus> & FieldErrorsSlice<'reward'>;

export const createAdminRewardsSlice = createListSlice('Rewards', {
  item: 'reward',
  list: async () => {
    const result = await callFunction('admin', 'rewardsList', {});
    return result.ok ? { ok: true, data: result.data.rewards } : result;
  },
  save: (payload: SaveRewardPayload) => callFunction('admin', 'saveReward', payload),
  setStatus: (rewardId, status: RewardStatus) => callFunction('admin', 'setRewardStatus', { rewardId, status }),
  // Catalog order (sort, then cost), like the server's.
  order: (a: AdminRewardView, b: AdminRewardView) => a.sort - b.sort || a.pointsCost - b.pointsCost,
}) as unknown as (set: never, get: never) => AdminRewardsSlice;
