import { create } from 'zustand';
import { createAdminSlice } from './admin.slice';
import type { AppState } from './app-state';
import { createCartSlice } from './cart.slice';
import { createCatalogSlice } from './catalog.slice';
import { createLoginSlice } from './login.slice';
import { createPointsSlice } from './points.slice';
import { createSessionSlice } from './session.slice';
import { createSharesSlice } from './shares.slice';

// One store for the whole mini-program, assembled from slices. Pages read it through the
// exported selectors so a slice can change shape without touching every page.

export const createAppStore = () =>
  create<AppState>()((...args) => ({
    ...createSessionSlice(...args),
    ...createLoginSlice(...args),
    ...createAdminSlice(...args),
    ...createPointsSlice(...args),
    ...createCatalogSlice(...args),
    ...createCartSlice(...args),
    ...createSharesSlice(...args),
  }));

export const useAppStore = createAppStore();

export type { AppState } from './app-state';
export * from './session.slice';
export * from './login.slice';
export * from './admin.slice';
export * from './points.slice';
export * from './catalog.slice';
export * from './cart.slice';
export * from './shares.slice';
