import type { StoreApi, UseBoundStore } from 'zustand';
import type { AppState } from '@/store/app-state';
import { useAppStore } from '@/store';
import { extendStore } from '@/store/kit/extend-store';
import { createAdminPointsSlice, type AdminPointsSlice } from './adjust/adjust.slice';
import { createAdminDrawsSlice, type AdminDrawsSlice } from './draws/draws.slice';
import { createAdminFeedbackSlice, type AdminFeedbackSlice } from './feedback/feedback.slice';
import { createAdminFeedbackPostSlice, type AdminFeedbackPostSlice } from './feedback/feedback-post.slice';
import { createAdminFlagsSlice, type AdminFlagsSlice } from './flags/flags.slice';
import { createAdminSlice, type AdminSlice } from './home/home.slice';
import { createAdminKocSlice, type AdminKocSlice } from './koc/koc.slice';
import { createAdminOrdersSlice, type AdminOrdersSlice } from './orders/orders.slice';
import { createAdminPerksSlice, type AdminPerksSlice } from './perks/perks.slice';
import { createAdminProductsSlice, type AdminProductsSlice } from './products/products.slice';
import { createAdminRewardsSlice, type AdminRewardsSlice } from './rewards/rewards.slice';
import { createSettingsSlice } from './settings/settings.slice';

// The staff area's state (the home: overview, roles, audit log; and the tools: 积分调整, 等级规则,
// 积分商城管理, 商品与会员价, 订单管理, 退款审核, KOC 榜单, 推荐审核, 推荐规则, 好友助力活动, 限量抽签, 吐槽审核), added to
// the one app store by the admin subpackage (see store/kit/extend-store.ts).

const createAdminLadderSlice = createSettingsSlice('adminLadder', { read: 'ladderConfig', write: 'updateLadderConfig' });
const createAdminReferralSettingsSlice = createSettingsSlice('adminReferralSettings', { read: 'referralConfig', write: 'updateReferralConfig' });
const createAdminFeedbackSettingsSlice = createSettingsSlice('adminFeedbackSettings', { read: 'feedbackConfig', write: 'updateFeedbackConfig' });

export type AdminLadderSlice = ReturnType<typeof createAdminLadderSlice>;
export type AdminReferralSettingsSlice = ReturnType<typeof createAdminReferralSettingsSlice>;
export type AdminFeedbackSettingsSlice = ReturnType<typeof createAdminFeedbackSettingsSlice>;
export type AdminToolsSlices = AdminSlice &
  AdminPointsSlice &
  AdminLadderSlice &
  AdminRewardsSlice &
  AdminProductsSlice &
  AdminOrdersSlice &
  AdminKocSlice &
  AdminFlagsSlice &
  AdminReferralSettingsSlice &
  AdminPerksSlice &
  AdminDrawsSlice &
  AdminFeedbackSlice &
  AdminFeedbackPostSlice &
  AdminFeedbackSettingsSlice;
export type AdminToolsState = AppState & AdminToolsSlices;

/** The store with the staff area's slices added (once per store). */
export const withAdminTools = (store: UseBoundStore<StoreApi<AppState>>) =>
  extendStore<AdminToolsSlices>(store, (set, get, api) => {
    // The generated slices (lists, settings) name their fields from a prefix: typed by their own signatures.
    const [s, g] = [set, get] as [never, never];
    return {
      ...createAdminSlice(set, get),
      ...createAdminPointsSlice(set, get, api),
      ...createAdminLadderSlice(s, g),
      ...createAdminRewardsSlice(s, g),
      ...createAdminProductsSlice(s, g),
      ...createAdminOrdersSlice(set, get, api),
      ...createAdminKocSlice(set, get, api),
      ...createAdminFlagsSlice(set, get, api),
      ...createAdminReferralSettingsSlice(s, g),
      ...createAdminPerksSlice(s, g),
      ...createAdminDrawsSlice(set, get, api),
      ...createAdminFeedbackSlice(set, get, api),
      ...createAdminFeedbackPostSlice(set, get, api),
      ...createAdminFeedbackSettingsSlice(s, g),
    };
  });

/** The app store, as the staff area's pages use it. */
export const useAdminToolsStore = withAdminTools(useAppStore);

export type { FieldErrors } from '@/utils/field-errors';
export { selectIsAdmin, selectIsStaff } from '@/store';
export * from './adjust/adjust.slice';
export * from './draws/draws.slice';
export * from './feedback/feedback.slice';
export * from './feedback/feedback-post.slice';
export * from './flags/flags.slice';
export * from './home/home.slice';
export * from './koc/koc.slice';
export * from './orders/orders.slice';
export * from './perks/perks.slice';
export * from './products/products.slice';
export * from './rewards/rewards.slice';
