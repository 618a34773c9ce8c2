import type { StoreApi, UseBoundStore } from 'zustand';
import { createAdminFlagsSlice, type AdminFlagsSlice } from './admin-flags.slice';
import { createAdminKocSlice, type AdminKocSlice } from './admin-koc.slice';
import { createAdminLadderSlice, type AdminLadderSlice } from './admin-ladder.slice';
import { createAdminOrdersSlice, type AdminOrdersSlice } from './admin-orders.slice';
import { createAdminPerksSlice, type AdminPerksSlice } from './admin-perks.slice';
import { createAdminPointsSlice, type AdminPointsSlice } from './admin-points.slice';
import { createAdminProductsSlice, type AdminProductsSlice } from './admin-products.slice';
import { createAdminReferralSettingsSlice, type AdminReferralSettingsSlice } from './admin-referral-settings.slice';
import { createAdminRewardsSlice, type AdminRewardsSlice } from './admin-rewards.slice';
import type { AppState } from './app-state';
import { useAppStore } from './index';

// The staff tools' state (积分调整, 等级规则, 积分商城管理, 商品与会员价, 订单管理, 退款审核, KOC 榜单,
// 推荐审核, 推荐规则, 好友助力活动) lives in the one app store, but its code ships in the admin subpackage only:
// the pages there import this module, which adds their slices to the store the first time. Nothing
// in the main package imports it, so the main package (which every customer downloads) carries none of it.

export type AdminToolsState = AppState & AdminPointsSlice & AdminLadderSlice & AdminRewardsSlice & AdminProductsSlice & AdminOrdersSlice &
  AdminKocSlice & AdminFlagsSlice & AdminReferralSettingsSlice & AdminPerksSlice;
export type AdminToolsStore = UseBoundStore<StoreApi<AdminToolsState>>;

const installed = new WeakSet<object>();

/** The store with the staff tools' slices added (once per store). */
export function withAdminTools(store: UseBoundStore<StoreApi<AppState>>): AdminToolsStore {
  const api = store as unknown as AdminToolsStore;
  if (!installed.has(store)) {
    installed.add(store);
    store.setState({
      ...createAdminPointsSlice(api.setState, api.getState, api),
      ...createAdminLadderSlice(api.setState, api.getState, api),
      ...createAdminRewardsSlice(api.setState, api.getState, api),
      ...createAdminProductsSlice(api.setState, api.getState, api),
      ...createAdminOrdersSlice(api.setState, api.getState, api),
      ...createAdminKocSlice(api.setState, api.getState, api),
      ...createAdminFlagsSlice(api.setState, api.getState, api),
      ...createAdminReferralSettingsSlice(api.setState, api.getState, api),
      ...createAdminPerksSlice(api.setState, api.getState, api),
    } as Partial<AppState>);
  }
  return api;
}

/** The app store, as the staff tools' pages use it. */
export const useAdminToolsStore = withAdminTools(useAppStore);

export * from './admin-points.slice';
export * from './admin-ladder.slice';
export * from './admin-rewards.slice';
export * from './admin-products.slice';
export * from './admin-orders.slice';
export * from './admin-koc.slice';
export * from './admin-flags.slice';
export * from './admin-referral-settings.slice';
export * from './admin-perks.slice';
export type { FieldErrors } from './admin-field-errors';
