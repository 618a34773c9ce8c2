import type { StoreApi, UseBoundStore } from 'zustand';

// zustand's createSelectors pattern: `useAppStore.use.profile()` instead of a hand-written
// `selectProfile` per field. Only what is computed (roles, balances, an entry by id) keeps a
// named selector beside its slice.

export type Selectors<T> = { [K in keyof T]: () => T[K] };
export type WithSelectors<T> = UseBoundStore<StoreApi<T>> & { use: Selectors<T> };

/**
 * Adds `store.use.<field>()` for every field of the state now. A subpackage that adds slices to
 * the store later calls it again for its own fields (the store object, and so `use`, is shared).
 */
export function createSelectors<T extends object>(store: UseBoundStore<StoreApi<T>>): WithSelectors<T> {
  const bound = store as WithSelectors<T>;
  const use = (bound.use ??= {} as Selectors<T>) as Record<string, () => unknown>;
  for (const key of Object.keys(store.getState())) {
    use[key] ??= () => store((state) => state[key as keyof T]);
  }
  return bound;
}
