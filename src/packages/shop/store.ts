import type { StoreApi, UseBoundStore } from 'zustand';
import type { AppState } from '@/store/app-state';
import { useAppStore } from '@/store';
import { extendStore } from '@/store/kit/extend-store';
import { createOrdersSlice, type OrdersSlice } from './orders.slice';

// Orders (checkout, payment, my orders, refunds), added to the one app store by the shop
// subpackage (store/kit/extend-store.ts). The main package keeps the cart alone, which the
// product page needs.

export type ShopState = AppState & OrdersSlice;

/** The store with the orders slice added (once per store); a switch of identity forgets the orders. */
export const withShop = (store: UseBoundStore<StoreApi<AppState>>) => extendStore<OrdersSlice>(store, createOrdersSlice, (state) => state.resetOrders());

/** The app store, as the shop pages use it. */
export const useShopStore = withShop(useAppStore);

export * from './orders.slice';
