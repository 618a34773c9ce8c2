import type { StoreApi, UseBoundStore } from 'zustand';
import type { AppState } from '@/store/app-state';
import { useAppStore } from '@/store';
import { extendStore } from '@/store/kit/extend-store';
import { createDrawsSlice, type DrawsSlice } from './draws.slice';

// 限量抽签's state, added to the one app store by the draws subpackage (store/kit/extend-store.ts):
// neither it nor the hash library the verify page uses is in the main package.

export type DrawsState = AppState & DrawsSlice;

/** The store with the draws slice added (once per store); a switch of identity forgets entries and pages. */
export const withDraws = (store: UseBoundStore<StoreApi<AppState>>) => extendStore<DrawsSlice>(store, createDrawsSlice, (state) => state.resetDraws());

/** The app store, as the draws pages use it. */
export const useDrawsStore = withDraws(useAppStore);

export * from './draws.slice';
