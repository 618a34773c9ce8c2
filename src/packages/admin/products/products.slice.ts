import type { StateCreator } from 'zustand';
import { callFunction } from '@/services/cloud';
import type { CloudError, CloudResult } from '@/services/cloud-result';
import type { AdminProductView, ProductStatus, ProductViolation, SaveProductPayload } from '@/services/contracts';
import { fieldDetailsOf } from './admin-field-errors';
import type { AdminToolsState as AppState } from './admin-tools';

// 商品与会员价 in the staff area: every product with its prices, stock and status, and the parity
// rules it breaks now. Admins create and edit products and put them on or off the shelf; the
// server refuses a product whose member prices break parity (PRICE_PARITY_VIOLATION) or whose
// fields are invalid (VALIDATION_FAILED), each with per-field details that the form shows inline.

export type AdminProductsLoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface AdminProductsSlice {
  adminProducts: AdminProductView[];
  adminProductsStatus: AdminProductsLoadStatus;
  adminProductsError: CloudError | null;

  productSaving: boolean;
  productSaveError: CloudError | null;
  /**
   * The last refusal's details, every one (several may name the same path: a member price above
   * two channels), e.g. { path: 'memberPrices.koc', message: '品牌KOC价 ¥99.00 高于 天猫价 ¥98.00' }.
   */
  productViolations: ProductViolation[];

  /** The product whose status is being changed, to disable its button meanwhile. */
  productStatusChanging: string | null;
  productStatusError: { productId: string; error: CloudError } | null;

  loadAdminProducts: () => Promise<void>;
  /** Creates or replaces a product; the list shows the saved one. */
  saveProduct: (payload: SaveProductPayload) => Promise<CloudResult<{ product: AdminProductView }>>;
  setProductStatus: (productId: string, status: ProductStatus) => Promise<CloudResult<{ product: AdminProductView }>>;
  /** A new form was opened (or closed): forget the last refusal. */
  clearProductErrors: () => void;
  /** Those fields were changed: the server's messages about them no longer apply. */
  dismissProductViolations: (paths: readonly string[]) => void;
  resetAdminProducts: () => void;
}

const initialAdminProductsState = {
  adminProducts: [],
  adminProductsStatus: 'idle',
  adminProductsError: null,
  productSaving: false,
  productSaveError: null,
  productViolations: [],
  productStatusChanging: null,
  productStatusError: null,
} satisfies Partial<AdminProductsSlice>;

/** Catalog order (sort, then name), like the server's. */
const inCatalogOrder = (products: AdminProductView[]) =>
  [...products].sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name));

const upsert = (products: AdminProductView[], product: AdminProductView) =>
  inCatalogOrder([...products.filter((p) => p._id !== product._id), product]);

export const createAdminProductsSlice: StateCreator<AppState, [], [], AdminProductsSlice> = (set, get) => {
  let generation = 0;

  return {
    ...initialAdminProductsState,

    loadAdminProducts: async () => {
      const mine = ++generation;
      set({ adminProductsStatus: get().adminProductsStatus === 'ready' ? 'ready' : 'loading', adminProductsError: null });
      const result = await callFunction('admin', 'productsList', {});
      if (mine !== generation) return;
      if (result.ok) set({ adminProductsStatus: 'ready', adminProducts: inCatalogOrder(result.data.products) });
      else set({ adminProductsStatus: 'error', adminProductsError: result.error });
    },

    saveProduct: async (payload) => {
      const mine = generation;
      set({ productSaving: true, productSaveError: null, productViolations: [] });
      const result = await callFunction('admin', 'saveProduct', payload);
      if (mine !== generation) return result;
      if (result.ok) {
        set({ productSaving: false, adminProducts: upsert(get().adminProducts, result.data.product) });
      } else {
        set({ productSaving: false, productSaveError: result.error, productViolations: fieldDetailsOf(result.error) });
      }
      return result;
    },

    setProductStatus: async (productId, status) => {
      const mine = generation;
      set({ productStatusChanging: productId, productStatusError: null });
      const result = await callFunction('admin', 'setProductStatus', { productId, status });
      if (mine !== generation) return result;
      if (result.ok) set({ productStatusChanging: null, adminProducts: upsert(get().adminProducts, result.data.product) });
      else set({ productStatusChanging: null, productStatusError: { productId, error: result.error } });
      return result;
    },

    clearProductErrors: () => set({ productSaveError: null, productViolations: [], productStatusError: null }),

    dismissProductViolations: (paths) => {
      const current = get().productViolations;
      const kept = current.filter((violation) => !paths.includes(violation.path));
      if (kept.length !== current.length) set({ productViolations: kept });
    },

    resetAdminProducts: () => {
      generation += 1;
      set({ ...initialAdminProductsState });
    },
  };
};

export const selectAdminProducts = (state: AppState) => state.adminProducts;
export const selectAdminProductsStatus = (state: AppState) => state.adminProductsStatus;
export const selectAdminProductsError = (state: AppState) => state.adminProductsError;
export const selectProductSaving = (state: AppState) => state.productSaving;
export const selectProductSaveError = (state: AppState) => state.productSaveError;
export const selectProductViolations = (state: AppState) => state.productViolations;
export const selectProductStatusChanging = (state: AppState) => state.productStatusChanging;
export const selectProductStatusError = (state: AppState) => state.productStatusError;
/** Moderators see products and prices; only admins change them (the server checks again). */
export const selectCanEditProducts = (state: AppState) => state.profile?.role === 'admin';
