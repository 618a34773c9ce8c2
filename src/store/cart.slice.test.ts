import Taro from '@tarojs/taro';
import { callFunction } from '@/services/cloud';
import { CART_STORAGE_KEY, MAX_CART_LINES, MAX_QTY_PER_LINE, type CartProduct, cartLinesInput, createAppStore, selectCartCount } from './index';

// The cart is the device's: nothing here talks to the server (the transport would throw).
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn(() => Promise.reject(new Error('the cart never calls the server'))) }));

const beans: CartProduct = { productId: 'p-beans', name: '保山小粒咖啡豆 250g', image: 'cloud://env/beans.png', priceFen: 8800 };
const mug: CartProduct = { productId: 'p-mug', name: '山川马克杯', image: null, priceFen: 5900 };

beforeEach(() => {
  Taro.clearStorageSync();
  (callFunction as jest.Mock).mockClear();
});

describe('cart slice', () => {
  it('adds a product, merges a second add into its line, newest line first', () => {
    const store = createAppStore();
    expect(store.getState().addToCart(beans, 2)).toEqual({ ok: true, qty: 2 });
    expect(store.getState().addToCart(mug)).toEqual({ ok: true, qty: 1 });
    expect(store.getState().addToCart(beans, 3)).toEqual({ ok: true, qty: 5 });

    expect(store.getState().cartLines.map((l) => [l.productId, l.qty])).toEqual([
      ['p-beans', 5],
      ['p-mug', 1],
    ]);
    expect(selectCartCount(store.getState())).toBe(6);
    expect(cartLinesInput(store.getState().cartLines)).toEqual([
      { productId: 'p-beans', qty: 5 },
      { productId: 'p-mug', qty: 1 },
    ]);
    expect(callFunction).not.toHaveBeenCalled();
  });

  it('keeps each line within 1..20: adds are capped, a full line says so', () => {
    const store = createAppStore();
    expect(store.getState().addToCart(beans, 15)).toEqual({ ok: true, qty: 15 });
    expect(store.getState().addToCart(beans, 10)).toEqual({ ok: true, qty: MAX_QTY_PER_LINE });
    expect(store.getState().addToCart(beans)).toEqual({ ok: false, reason: '每件商品一次最多购买 20 件' });
    expect(store.getState().cartLines[0].qty).toBe(20);

    store.getState().setCartQty('p-beans', 0);
    expect(store.getState().cartLines[0].qty).toBe(1);
    store.getState().setCartQty('p-beans', 99);
    expect(store.getState().cartLines[0].qty).toBe(20);
    store.getState().setCartQty('p-beans', 2.7);
    expect(store.getState().cartLines[0].qty).toBe(2);
    store.getState().setCartQty('p-unknown', 3);
    expect(store.getState().cartLines).toHaveLength(1);
  });

  it('refuses a new product once the cart holds the most an order may', () => {
    const store = createAppStore();
    for (let i = 0; i < MAX_CART_LINES; i += 1) store.getState().addToCart({ ...mug, productId: `p-${i}` });
    expect(store.getState().addToCart(beans).ok).toBe(false);
    // An existing line still grows.
    expect(store.getState().addToCart({ ...mug, productId: 'p-0' })).toEqual({ ok: true, qty: 2 });
  });

  it('persists the cart on the device: a new store (the app opened again) finds it', () => {
    const store = createAppStore();
    store.getState().addToCart(beans, 2);
    store.getState().addToCart(mug);
    store.getState().removeFromCart('p-mug');

    expect(Taro.getStorageSync(CART_STORAGE_KEY)).toEqual([{ ...beans, qty: 2 }]);
    expect(createAppStore().getState().cartLines).toEqual([{ ...beans, qty: 2 }]);
  });

  it('drops what it cannot read from storage', () => {
    Taro.setStorageSync(CART_STORAGE_KEY, [
      { ...beans, qty: 50 },
      { ...beans, qty: 1 },
      { productId: '', qty: 1, name: 'x', image: null, priceFen: 1 },
      { productId: 'p-bad', qty: 1, name: 'x', image: null, priceFen: 1.5 },
      'garbage',
    ]);
    expect(createAppStore().getState().cartLines).toEqual([{ ...beans, qty: 20 }]);

    Taro.setStorageSync(CART_STORAGE_KEY, { not: 'a list' });
    expect(createAppStore().getState().cartLines).toEqual([]);
  });

  it('removes the lines of a placed order and keeps the rest', () => {
    const store = createAppStore();
    store.getState().addToCart(beans);
    store.getState().addToCart(mug);
    store.getState().removeCartLines(['p-beans']);
    expect(store.getState().cartLines.map((l) => l.productId)).toEqual(['p-mug']);
    expect(
      createAppStore()
        .getState()
        .cartLines.map((l) => l.productId),
    ).toEqual(['p-mug']);
  });

  it('is forgotten, on the device too, when the person switches identity', () => {
    const store = createAppStore();
    store.getState().addToCart(beans);
    store.getState().resetSession();
    expect(store.getState().cartLines).toEqual([]);
    expect(createAppStore().getState().cartLines).toEqual([]);
  });
});
