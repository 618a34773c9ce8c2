import type { StoreApi, UseBoundStore } from 'zustand';
import type { AppState } from './app-state';
import { useAppStore } from './index';
import { createOrdersSlice, type OrdersSlice } from './orders.slice';

// Orders (checkout, payment, my orders, refunds) live in the one app store, but their code ships
// in the shop subpackage only: its pages import this module, which adds the orders slice to the
// store the first time (like admin-tools.ts for the staff area). The main package keeps the cart
// alone, which the product page needs.

export type ShopState = AppState & OrdersSlice;
export type ShopStore = UseBoundStore<StoreApi<ShopState>>;

const installed = new WeakSet<object>();

/** The store with the orders slice added (once per store). */
export function withShop(store: UseBoundStore<StoreApi<AppState>>): ShopStore {
  const api = store as unknown as ShopStore;
  if (!installed.has(store)) {
    installed.add(store);
    store.setState(createOrdersSlice(api.setState, api.getState, api) as Partial<AppState>);
    // Orders belong to a person: a switch of identity (the session reset or replaced) forgets them.
    store.subscribe((state, previous) => {
      if (previous.profile && state.profile?.memberId !== previous.profile.memberId) api.getState().resetOrders();
    });
  }
  return api;
}

/** The app store, as the shop pages use it. */
export const useShopStore = withShop(useAppStore);

export * from './orders.slice';
