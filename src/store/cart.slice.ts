import type { StateCreator } from 'zustand';
import Taro from '@tarojs/taro';
import type { MAX_LINES as SERVER_MAX_LINES, MAX_QTY_PER_LINE as SERVER_MAX_QTY } from '@core/orders/orders.inputs';
import type { CartLineInput } from '@/services/contracts';
import type { AppState } from './app-state';

// 购物车: kept on the device (Taro storage), like any shop's cart before checkout. A line is a
// product and a quantity; the name, image and price are a snapshot for display only. What the
// person pays is never computed here: checkout asks the server (shop.quote) for every price.

// The server's limits, restated as values (importing core's zod module would ship zod to every
// customer); typed against core's constants so the build fails if they ever differ.
/** Most units of one product in one order. */
export const MAX_QTY_PER_LINE: typeof SERVER_MAX_QTY = 20;
/** Most different products in one order. */
export const MAX_CART_LINES: typeof SERVER_MAX_LINES = 20;

/** Taro storage key of the cart (localStorage on h5). */
export const CART_STORAGE_KEY = 'flywheel.cart';

export interface CartLine {
  productId: string;
  qty: number;
  /** Display only: the product as it looked when added (the server prices it again at checkout). */
  name: string;
  image: string | null;
  priceFen: number;
}

/** What a product page knows about the product it adds. */
export type CartProduct = Omit<CartLine, 'qty'>;

export type CartAddResult = { ok: true; qty: number } | { ok: false; reason: string };

export interface CartSlice {
  cartLines: CartLine[];
  /** Adds `qty` units (merged into the product's line, at most MAX_QTY_PER_LINE). */
  addToCart: (product: CartProduct, qty?: number) => CartAddResult;
  /** Sets a line's quantity, kept within 1..MAX_QTY_PER_LINE. */
  setCartQty: (productId: string, qty: number) => void;
  removeFromCart: (productId: string) => void;
  /** Removes the lines of an order just placed. */
  removeCartLines: (productIds: readonly string[]) => void;
  /** Forgets the cart, e.g. when the person switches identity (the cart is theirs). */
  resetCart: () => void;
}

/** A whole number within 1..MAX_QTY_PER_LINE (anything unreadable counts as 1). */
export const clampQty = (qty: number): number => (Number.isFinite(qty) ? Math.min(MAX_QTY_PER_LINE, Math.max(1, Math.floor(qty))) : 1);

const isCartLine = (value: unknown): value is CartLine => {
  const line = value as CartLine | null;
  return (
    typeof line === 'object' &&
    line !== null &&
    typeof line.productId === 'string' &&
    line.productId !== '' &&
    typeof line.qty === 'number' &&
    typeof line.name === 'string' &&
    (line.image === null || typeof line.image === 'string') &&
    Number.isSafeInteger(line.priceFen)
  );
};

/** The stored cart; anything unreadable (another version, hand-edited storage) is dropped. */
function readStoredCart(): CartLine[] {
  try {
    const stored: unknown = Taro.getStorageSync(CART_STORAGE_KEY);
    if (!Array.isArray(stored)) return [];
    const seen = new Set<string>();
    const lines: CartLine[] = [];
    for (const line of stored) {
      if (!isCartLine(line) || seen.has(line.productId) || lines.length >= MAX_CART_LINES) continue;
      seen.add(line.productId);
      lines.push({ productId: line.productId, qty: clampQty(line.qty), name: line.name, image: line.image, priceFen: line.priceFen });
    }
    return lines;
  } catch {
    return [];
  }
}

function storeCart(lines: CartLine[]): void {
  try {
    if (lines.length === 0) Taro.removeStorageSync(CART_STORAGE_KEY);
    else Taro.setStorageSync(CART_STORAGE_KEY, lines);
  } catch (error) {
    // Storage full or unavailable: the cart still works for this visit.
    console.warn('[cart] could not save the cart', error);
  }
}

export const createCartSlice: StateCreator<AppState, [], [], CartSlice> = (set, get) => {
  const save = (cartLines: CartLine[]) => {
    set({ cartLines });
    storeCart(cartLines);
  };

  return {
    cartLines: readStoredCart(),

    addToCart: (product, qty = 1) => {
      const lines = get().cartLines;
      const existing = lines.find((line) => line.productId === product.productId);
      if (existing && existing.qty >= MAX_QTY_PER_LINE) {
        return { ok: false, reason: `每件商品一次最多购买 ${MAX_QTY_PER_LINE} 件` };
      }
      if (!existing && lines.length >= MAX_CART_LINES) {
        return { ok: false, reason: `购物车最多放 ${MAX_CART_LINES} 种商品，请先结算或删除一些` };
      }
      const next = clampQty((existing?.qty ?? 0) + clampQty(qty));
      const line: CartLine = { ...product, qty: next };
      // Newest first, like the product the person just looked at.
      save([line, ...lines.filter((l) => l.productId !== product.productId)]);
      return { ok: true, qty: next };
    },

    setCartQty: (productId, qty) => {
      const lines = get().cartLines;
      if (!lines.some((line) => line.productId === productId)) return;
      save(lines.map((line) => (line.productId === productId ? { ...line, qty: clampQty(qty) } : line)));
    },

    removeFromCart: (productId) => save(get().cartLines.filter((line) => line.productId !== productId)),

    removeCartLines: (productIds) => save(get().cartLines.filter((line) => !productIds.includes(line.productId))),

    resetCart: () => save([]),
  };
};

/** Units in the cart (the badge on the cart entries). */
export const selectCartCount = (state: AppState) => state.cartLines.reduce((sum, line) => sum + line.qty, 0);

/** The cart as the server takes it: products and quantities only. */
export const cartLinesInput = (lines: readonly CartLine[]): CartLineInput[] => lines.map(({ productId, qty }) => ({ productId, qty }));
