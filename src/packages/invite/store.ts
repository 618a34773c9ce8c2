import type { StoreApi, UseBoundStore } from 'zustand';
import type { AppState } from './app-state';
import { useAppStore } from './index';
import { createInviteSlice, type InviteSlice } from './invite.slice';

// Perks, influence and posters live in the one app store, but their code ships in the invite
// subpackage only: its pages import this module, which adds the invite slice to the store the
// first time (like shop-store.ts). The main package keeps only what a product page needs to share
// a card and report a visit (shares.slice.ts).

export type InviteState = AppState & InviteSlice;
export type InviteStore = UseBoundStore<StoreApi<InviteState>>;

const installed = new WeakSet<object>();

/** The store with the invite slice added (once per store). */
export function withInvite(store: UseBoundStore<StoreApi<AppState>>): InviteStore {
  const api = store as unknown as InviteStore;
  if (!installed.has(store)) {
    installed.add(store);
    store.setState(createInviteSlice(api.setState, api.getState, api) as Partial<AppState>);
    // Progress and influence belong to a person: a switch of identity forgets them.
    store.subscribe((state, previous) => {
      if (previous.profile && state.profile?.memberId !== previous.profile.memberId) api.getState().resetInvite();
    });
  }
  return api;
}

/** The app store, as the invite pages use it. */
export const useInviteStore = withInvite(useAppStore);

export * from './invite.slice';
