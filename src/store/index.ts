import { create } from 'zustand';
import type { AppState } from './app-state';
import { createCartSlice } from './cart.slice';
import { createCatalogSlice } from './catalog.slice';
import { createSelectors } from './kit/selectors';
import { createLoginSlice } from './login.slice';
import { createPointsSlice } from './points.slice';
import { createSessionSlice } from './session.slice';
import { createSharesSlice } from './shares.slice';

// One store for the whole mini-program, assembled from the slices the main package's pages need.
// Pages read a field through its generated hook (`useAppStore.use.profile()`); what is computed
// (roles, balances, an entry by id) has a named selector beside its slice. Subpackages add their
// own slices to this same store (store/kit/extend-store.ts), so their code stays in the subpackage.

export const createAppStore = () =>
  createSelectors(
    create<AppState>()((...args) => ({
      ...createSessionSlice(...args),
      ...createLoginSlice(...args),
      ...createPointsSlice(args[0], args[1]),
      ...createCatalogSlice(...args),
      ...createCartSlice(...args),
      ...createSharesSlice(...args),
    })),
  );

export const useAppStore = createAppStore();

export type { AppState } from './app-state';
export type { LoadStatus } from './kit/load-state';
export * from './session.slice';
export * from './login.slice';
export * from './points.slice';
export * from './catalog.slice';
export * from './cart.slice';
export * from './shares.slice';
