import { callFunction } from '@/services/cloud';
import type { AdminProductView, ProductStatus, ProductViolation, SaveProductPayload } from '@/services/contracts';
import { fieldDetailsOf } from '@/utils/field-errors';
import { createListSlice, type ListSlice } from '../shared/list-slice';

// 商品与会员价 in the staff area: every product with its prices, stock and status, and the parity
// rules it breaks now. Admins create and edit products and put them on or off the shelf; the
// server refuses a product whose member prices break parity (PRICE_PARITY_VIOLATION) or whose
// fields are invalid (VALIDATION_FAILED), each with per-field details that the form shows inline.

export type AdminProductsSlice = ListSlice<'Products', 'product', AdminProductView, SaveProductPayload, ProductStatus> & {
  /**
   * The last refusal's details, every one (several may name the same path: a member price above
   * two channels), e.g. { path: 'memberPrices.koc', message: '品牌KOC价 ¥99.00 高于 天猫价 ¥98.00' }.
   */
  productViolations: ProductViolation[];
  /** Those fields were changed: the server's messages about them no longer apply. */
  dismissProductViolations: (paths: readonly string[]) => void;
};

const productList = createListSlice('Products', {
  item: 'product',
  list: async () => {
    const result = await callFunction('admin', 'productsList', {});
    return result.ok ? { ok: true, data: result.data.products } : result;
  },
  save: (payload: SaveProductPayload) => callFunction('admin', 'saveProduct', payload),
  setStatus: (productId, status: ProductStatus) => callFunction('admin', 'setProductStatus', { productId, status }),
  // Catalog order (sort, then name), like the server's.
  order: (a: AdminProductView, b: AdminProductView) => a.sort - b.sort || a.name.localeCompare(b.name),
  refusal: (error) => ({ productViolations: fieldDetailsOf(error) }),
});

export const createAdminProductsSlice = (set: (partial: Partial<AdminProductsSlice>) => void, get: () => AdminProductsSlice): AdminProductsSlice => ({
  ...(productList(set as never, get as never) as Omit<AdminProductsSlice, 'productViolations' | 'dismissProductViolations'>),
  productViolations: [],
  dismissProductViolations: (paths) => {
    const current = get().productViolations;
    const kept = current.filter((violation) => !paths.includes(violation.path));
    if (kept.length !== current.length) set({ productViolations: kept });
  },
});
