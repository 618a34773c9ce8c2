import type { StoreApi, UseBoundStore } from 'zustand';
import type { AppState } from '@/store/app-state';
import { useAppStore } from '@/store';
import { extendStore } from '@/store/kit/extend-store';
import { createInviteSlice, type InviteSlice } from './invite.slice';

// Perks, influence and posters, added to the one app store by the invite subpackage
// (store/kit/extend-store.ts). The main package keeps only what a product page needs to share a
// card and report a visit (store/shares.slice.ts).

export type InviteState = AppState & InviteSlice;

/** The store with the invite slice added (once per store); a switch of identity forgets progress and influence. */
export const withInvite = (store: UseBoundStore<StoreApi<AppState>>) => extendStore<InviteSlice>(store, createInviteSlice, (state) => state.resetInvite());

/** The app store, as the invite pages use it. */
export const useInviteStore = withInvite(useAppStore);

export * from './invite.slice';
