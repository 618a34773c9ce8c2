import { act, fireEvent, render, screen, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { callFunction } from '@/services/cloud';
import { useAppStore } from '@/store';
import CartPage from './cart';

// 购物车: the device's cart; the page never prices anything (the transport would throw).
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn(() => Promise.reject(new Error('the cart never calls the server'))) }));

const lineOf = (productId: string) => screen.getAllByTestId('cart-line').find((el) => el.getAttribute('data-product-id') === productId)!;

beforeEach(() => {
  Taro.clearStorageSync();
  useAppStore.getState().resetSession();
  const { addToCart } = useAppStore.getState();
  addToCart({ productId: 'p-mug', name: '山川马克杯', image: null, priceFen: 5900 });
  addToCart({ productId: 'p-beans', name: '保山小粒咖啡豆 250g', image: null, priceFen: 8800 }, 2);
});

afterEach(() => jest.restoreAllMocks());

describe('购物车', () => {
  it('lists the lines with their quantities and no total of its own', () => {
    render(<CartPage />);
    expect(screen.getAllByTestId('cart-line').map((el) => el.getAttribute('data-product-id'))).toEqual(['p-beans', 'p-mug']);
    expect(within(lineOf('p-beans')).getByTestId('cart-qty-value').textContent).toBe('2');
    expect(within(lineOf('p-beans')).getByTestId('cart-line-price').textContent).toBe('¥88.00');
    expect(screen.getByTestId('cart-count').textContent).toBe('共 3 件');
    // What to pay is the server's, on the checkout page: ¥235.00 must appear nowhere here.
    expect(screen.getByTestId('cart').textContent).not.toContain('¥235.00');
    expect(callFunction).not.toHaveBeenCalled();
  });

  it('changes quantities within 1..20 and removes lines', () => {
    render(<CartPage />);
    fireEvent.click(within(lineOf('p-beans')).getByTestId('cart-qty-plus'));
    expect(within(lineOf('p-beans')).getByTestId('cart-qty-value').textContent).toBe('3');
    fireEvent.click(within(lineOf('p-mug')).getByTestId('cart-qty-minus'));
    expect(within(lineOf('p-mug')).getByTestId('cart-qty-value').textContent).toBe('1');
    expect(screen.getByTestId('cart-count').textContent).toBe('共 4 件');

    fireEvent.click(within(lineOf('p-mug')).getByTestId('cart-remove'));
    expect(screen.getAllByTestId('cart-line')).toHaveLength(1);
    expect(useAppStore.getState().cartLines.map((l) => [l.productId, l.qty])).toEqual([['p-beans', 3]]);

    fireEvent.click(within(lineOf('p-beans')).getByTestId('cart-remove'));
    expect(screen.getByTestId('cart-empty')).toBeTruthy();
  });

  it('去结算 opens the checkout of the cart', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    render(<CartPage />);
    await act(async () => {
      fireEvent.click(screen.getByTestId('cart-checkout'));
    });
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/shop/checkout?from=cart' });
  });
});
