import type { StateCreator } from 'zustand';
import { callFunction } from '@/services/cloud';
import type { CloudError } from '@/services/cloud-result';
import type { ProductCard, ProductDetail } from '@/services/contracts';
import type { AppState } from './app-state';
import { idleLoad, sectionLoader, type LoadState, type LoadStatus } from './kit/load-state';

// Products at the caller's own prices (the shop function). Prices depend on who is asking (their
// tier), so everything here is forgotten when the person changes; the server prices every order,
// these prices are for display only.

export interface ProductDetailEntry {
  product: ProductDetail | null;
  status: LoadStatus;
  error: CloudError | null;
}

export type CatalogSlice = LoadState<'catalog'> & {
  catalog: ProductCard[];
  /** Product id -> its detail page's answer. */
  productDetails: Record<string, ProductDetailEntry>;

  /** The catalog (replaces what was loaded; what is shown stays on screen while it reloads). */
  loadCatalog: () => Promise<void>;
  loadProduct: (productId: string) => Promise<void>;
  /** Forgets everything, e.g. when the person switches identity (their prices change). */
  resetCatalog: () => void;
};

const initialCatalogState = () =>
  ({
    ...idleLoad('catalog'),
    catalog: [],
    productDetails: {},
  }) satisfies Partial<CatalogSlice>;

const EMPTY_DETAIL: ProductDetailEntry = { product: null, status: 'idle', error: null };

export const createCatalogSlice: StateCreator<AppState, [], [], CatalogSlice> = (set, get) => {
  // Answers to requests sent before a reset or a newer reload are dropped.
  const catalog = sectionLoader(set, get, 'catalog', {
    request: () => callFunction('shop', 'catalog', {}),
    done: (data) => ({ catalog: data.products }),
  });
  let resets = 0;
  const productGeneration: Record<string, number> = {};

  const setDetail = (productId: string, entry: Partial<ProductDetailEntry>) =>
    set({ productDetails: { ...get().productDetails, [productId]: { ...(get().productDetails[productId] ?? EMPTY_DETAIL), ...entry } } });

  return {
    ...initialCatalogState(),

    loadCatalog: catalog.load,

    loadProduct: async (productId) => {
      const mine = (productGeneration[productId] = (productGeneration[productId] ?? 0) + 1);
      const epoch = resets;
      const shown = get().productDetails[productId]?.status === 'ready';
      setDetail(productId, { status: shown ? 'ready' : 'loading', error: null });
      const result = await callFunction('shop', 'product', { productId });
      if (epoch !== resets || mine !== productGeneration[productId]) return;
      // A hidden or removed product is not shown from an older answer either.
      if (result.ok) setDetail(productId, { status: 'ready', product: result.data.product });
      else setDetail(productId, { status: 'error', error: result.error, product: null });
    },

    resetCatalog: () => {
      catalog.invalidate();
      resets += 1;
      set(initialCatalogState());
    },
  };
};

export const selectProductDetail =
  (productId: string) =>
  (state: AppState): ProductDetailEntry =>
    state.productDetails[productId] ?? EMPTY_DETAIL;
/** How many of the catalog's first products the home page's 精选好物 shows. */
export const FEATURED_COUNT = 4;
