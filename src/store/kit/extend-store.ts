import type { StoreApi, UseBoundStore } from 'zustand';
import type { AppState } from '../app-state';
import { createSelectors, type WithSelectors } from './selectors';

// A subpackage's state lives in the one app store, but its code ships in that subpackage only:
// its pages import the subpackage's store module, which adds its slices here the first time (and
// their generated selectors). Nothing in the main package imports those modules, so the main
// package (which every customer downloads) carries none of their code.

type Creator<E> = (set: StoreApi<AppState & E>['setState'], get: () => AppState & E, api: StoreApi<AppState & E>) => E;

const installed = new WeakMap<object, Set<unknown>>();

/**
 * The store with the slices `create` makes added (once per store and creator). `forget` runs when
 * the person changes (the session reset, or another profile loaded): what they loaded was theirs.
 */
export function extendStore<E>(store: UseBoundStore<StoreApi<AppState>>, create: Creator<E>, forget?: (state: AppState & E) => void) {
  const api = store as unknown as UseBoundStore<StoreApi<AppState & E>>;
  const done = installed.get(store) ?? new Set<unknown>();
  installed.set(store, done);
  if (!done.has(create)) {
    done.add(create);
    store.setState(create(api.setState, api.getState, api) as Partial<AppState>);
    if (forget) {
      api.getState().forgetWithSession(() => forget(api.getState()));
      store.subscribe((state, previous) => {
        if (previous.profile && state.profile?.memberId !== previous.profile.memberId) forget(api.getState());
      });
    }
  }
  return createSelectors(api) as WithSelectors<AppState & E>;
}
