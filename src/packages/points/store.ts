import type { StoreApi, UseBoundStore } from 'zustand';
import type { AppState } from '@/store/app-state';
import { useAppStore } from '@/store';
import { extendStore } from '@/store/kit/extend-store';
import { createPointsAreaSlice, type PointsAreaSlice } from './points.slice';

// The points pages' history, rewards, redemption and coupons, added to the one app store by the
// points subpackage (store/kit/extend-store.ts). The main package keeps the summary, which the
// member centre shows.

export type PointsAreaState = AppState & PointsAreaSlice;

/** The store with the points pages' slice added (once per store); a switch of identity forgets it. */
export const withPoints = (store: UseBoundStore<StoreApi<AppState>>) =>
  extendStore<PointsAreaSlice>(store, createPointsAreaSlice, (state) => state.resetPointsArea());

/** The app store, as the points pages use it. */
export const usePointsStore = withPoints(useAppStore);

export * from './points.slice';
export { expiringByDay, selectPointsBalance } from '@/store';
