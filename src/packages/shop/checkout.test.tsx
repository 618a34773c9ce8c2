import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { callFunction } from '@/services/cloud';
import { requestWeChatPayment } from '@/services/wechat-pay';
import { useAppStore } from '@/store';
import { useShopStore } from '@/packages/shop/store';
import { checkoutCoupon, orderLine, orderView, payStart, quote } from '@/test-support/orders-fixtures';
import CheckoutPage from './checkout';

// 确认订单 with the real store; only the transport is replaced. Lines come from the route (buy
// now) or the cart.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
// WeChat's payment sheet (weapp).
jest.mock('@/services/wechat-pay', () => ({ requestWeChatPayment: jest.fn() }));
const requestPayment = requestWeChatPayment as jest.MockedFunction<typeof requestWeChatPayment>;
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;
type Reply = Awaited<ReturnType<typeof callFunction>>;

const env = { ...process.env };

function serve(answers: Partial<Record<string, Reply | ((payload: Record<string, unknown>) => Reply | Promise<Reply>)>>) {
  callFunctionMock.mockImplementation(async (name, action, payload) => {
    const answer = answers[action];
    if (name === 'shop' && answer) return typeof answer === 'function' ? answer(payload as Record<string, unknown>) : answer;
    throw new Error(`unexpected ${name}.${action}`);
  });
}

const sent = (action: string) =>
  callFunctionMock.mock.calls.filter(([name, a]) => name === 'shop' && a === action).map(([, , payload]) => payload as Record<string, unknown>);

const openWith = (params: Record<string, string>) => {
  (Current as { router: unknown }).router = { params, path: '/packages/shop/checkout' };
  return render(<CheckoutPage />);
};

async function click(testId: string) {
  await act(async () => {
    fireEvent.click(screen.getByTestId(testId));
  });
}

let redirect: jest.SpyInstance;

beforeEach(() => {
  callFunctionMock.mockReset();
  Taro.clearStorageSync();
  useAppStore.getState().resetSession();
  useShopStore.getState().resetOrders();
  process.env.TARO_ENV = 'h5';
  redirect = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' } as never);
});

afterEach(() => {
  (Current as { router: unknown }).router = null;
  process.env = { ...env };
  jest.restoreAllMocks();
});

describe('确认订单', () => {
  it('shows the server’s quote as it is: unit prices, subtotal, discount, 实付 and points', async () => {
    // Deliberately not the sum of the lines: the page must show the server's numbers, not its own.
    serve({ quote: { ok: true, data: { quote: quote({ subtotalFen: 17600, discountFen: 1000, payFen: 16599, pointsPreview: 166 }) } } });
    openWith({ buy: 'p-beans', qty: '2' });

    const page = await screen.findByTestId('checkout');
    expect(sent('quote')).toEqual([{ lines: [{ productId: 'p-beans', qty: 2 }] }]);
    const line = within(page).getByTestId('checkout-line');
    expect(line.getAttribute('data-product-id')).toBe('p-beans');
    expect(within(line).getByTestId('checkout-line-price').textContent).toBe('¥88.00');
    expect(within(line).getByTestId('checkout-line-total').textContent).toBe('¥176.00');
    expect(screen.getByTestId('checkout-tier').textContent).toBe('按已购会员价结算');
    expect(screen.getByTestId('checkout-total').textContent).toBe('¥176.00');
    expect(screen.getByTestId('checkout-discount').textContent).toBe('-¥10.00');
    expect(screen.getByTestId('checkout-pay-amount').textContent).toBe('¥165.99');
    expect(screen.getByTestId('checkout-points').textContent).toBe('预计获得 166 积分');
  });

  it('lists usable coupons to pick and unusable ones greyed with the reason; picking one prices again', async () => {
    serve({
      quote: (payload) =>
        payload.couponId === null
          ? { ok: true, data: { quote: quote({ couponId: null, discountFen: 0, payFen: 17600 }) } }
          : payload.couponId === 'c-5'
            ? {
                ok: true,
                data: {
                  quote: quote({
                    couponId: 'c-5',
                    discountFen: 500,
                    payFen: 17100,
                    coupons: [checkoutCoupon(), checkoutCoupon({ id: 'c-5', title: '5 元券', valueFen: 500 })],
                  }),
                },
              }
            : {
                ok: true,
                data: {
                  quote: quote({
                    coupons: [
                      checkoutCoupon(),
                      checkoutCoupon({ id: 'c-5', title: '5 元券', valueFen: 500 }),
                      checkoutCoupon({ id: 'c-50', usable: false, reason: '满¥300.00可用' }),
                    ],
                  }),
                },
              },
    });
    openWith({ buy: 'p-beans', qty: '2' });

    const applied = await screen.findByTestId('checkout-coupon-c-10');
    expect(applied.getAttribute('data-chosen')).toBe('true');
    const unusable = screen.getByTestId('checkout-coupon-c-50');
    expect(unusable.getAttribute('data-usable')).toBe('false');
    expect(unusable.className).toContain('coupon-option--unusable');
    expect(screen.getByTestId('checkout-coupon-reason-c-50').textContent).toBe('满¥300.00可用');

    // An unusable coupon cannot be picked.
    await click('checkout-coupon-c-50');
    expect(sent('quote')).toHaveLength(1);

    await click('checkout-coupon-c-5');
    expect(sent('quote')[1]).toEqual({ lines: [{ productId: 'p-beans', qty: 2 }], couponId: 'c-5' });
    expect(screen.getByTestId('checkout-pay-amount').textContent).toBe('¥171.00');
    expect(screen.getByTestId('checkout-coupon-c-5').getAttribute('data-chosen')).toBe('true');

    await click('checkout-coupon-none');
    expect(sent('quote')[2]).toEqual({ lines: [{ productId: 'p-beans', qty: 2 }], couponId: null });
    expect(screen.getByTestId('checkout-pay-amount').textContent).toBe('¥176.00');
  });

  it('submits the cart: one order, the bought lines leave the cart, then the cashier (h5)', async () => {
    const store = useAppStore.getState();
    store.addToCart({ productId: 'p-mug', name: '山川马克杯', image: null, priceFen: 5900 });
    store.addToCart({ productId: 'p-beans', name: '保山小粒咖啡豆 250g', image: null, priceFen: 8800 }, 2);
    const cartQuote = quote({
      lines: [orderLine(), orderLine({ productId: 'p-mug', name: '山川马克杯', qty: 1, unitPriceFen: 5900, listPriceFen: 5900, lineFen: 5900 })],
    });
    serve({
      quote: { ok: true, data: { quote: cartQuote } },
      createOrder: { ok: true, data: { order: orderView({ lines: cartQuote.lines }), replayed: false } },
      pay: { ok: true, data: payStart('ord_1') },
    });
    openWith({ from: 'cart' });

    await screen.findByTestId('checkout');
    expect(sent('quote')[0]).toEqual({
      lines: [
        { productId: 'p-beans', qty: 2 },
        { productId: 'p-mug', qty: 1 },
      ],
    });
    await click('checkout-submit');

    const [order] = sent('createOrder');
    expect(order).toEqual({
      requestId: expect.any(String),
      lines: [
        { productId: 'p-beans', qty: 2 },
        { productId: 'p-mug', qty: 1 },
      ],
      couponId: 'c-10',
    });
    expect(sent('pay')).toEqual([{ orderId: 'ord_1' }]);
    expect(useAppStore.getState().cartLines).toEqual([]);
    expect(redirect).toHaveBeenCalledWith({ url: '/packages/shop/cashier?id=ord_1&trade=ord_1' });
  });

  it('on weapp, pays with WeChat, waits for the order to say paid, then shows it', async () => {
    process.env.TARO_ENV = 'weapp';
    requestPayment.mockResolvedValue('paid');
    serve({
      quote: { ok: true, data: { quote: quote() } },
      createOrder: { ok: true, data: { order: orderView(), replayed: false } },
      pay: { ok: true, data: payStart('ord_1') },
      order: { ok: true, data: { order: orderView({ status: 'paid', statusText: '已付款', canPay: false }) } },
    });
    openWith({ buy: 'p-beans', qty: '2' });

    await screen.findByTestId('checkout');
    await click('checkout-submit');
    expect(requestPayment).toHaveBeenCalledWith(payStart('ord_1').payment);
    expect(sent('order')).toEqual([{ orderId: 'ord_1' }]);
    expect(redirect).toHaveBeenCalledWith({ url: '/packages/shop/order?id=ord_1' });
  });

  it('on weapp, a closed payment sheet leaves the order to pay later, from its page', async () => {
    process.env.TARO_ENV = 'weapp';
    requestPayment.mockResolvedValue('cancelled');
    serve({
      quote: { ok: true, data: { quote: quote() } },
      createOrder: { ok: true, data: { order: orderView(), replayed: false } },
      pay: { ok: true, data: payStart('ord_1') },
    });
    openWith({ buy: 'p-beans', qty: '2' });

    await screen.findByTestId('checkout');
    await click('checkout-submit');
    expect(sent('order')).toEqual([]);
    expect(await screen.findByText('已取消支付')).toBeTruthy();
    expect(redirect).toHaveBeenCalledWith({ url: '/packages/shop/order?id=ord_1' });
  });

  it('after no answer, says the order may exist and resubmits with the same request id', async () => {
    let attempts = 0;
    serve({
      quote: { ok: true, data: { quote: quote() } },
      createOrder: () =>
        (attempts += 1) === 1
          ? { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } }
          : { ok: true, data: { order: orderView(), replayed: true } },
      pay: { ok: true, data: payStart('ord_1') },
    });
    openWith({ buy: 'p-beans', qty: '2' });

    await screen.findByTestId('checkout');
    await click('checkout-submit');
    expect(screen.getByTestId('checkout-submit-error').textContent).toContain('不会重复下单');
    expect(screen.getByTestId('checkout-submit').textContent).toBe('重新提交');

    await click('checkout-submit');
    const [first, second] = sent('createOrder');
    expect(second.requestId).toBe(first.requestId);
    expect(redirect).toHaveBeenCalledWith({ url: '/packages/shop/cashier?id=ord_1&trade=ord_1' });
  });

  it('says why an order was refused, in the server’s words, and prices again', async () => {
    serve({
      quote: { ok: true, data: { quote: quote() } },
      createOrder: { ok: false, error: { code: 'ORDER_OUT_OF_STOCK', message: '「保山小粒咖啡豆 250g」库存不足，仅剩 1 件' } },
    });
    openWith({ buy: 'p-beans', qty: '2' });

    await screen.findByTestId('checkout');
    await click('checkout-submit');
    const error = screen.getByTestId('checkout-submit-error');
    expect(error.textContent).toBe('「保山小粒咖啡豆 250g」库存不足，仅剩 1 件');
    expect(error.getAttribute('data-code')).toBe('ORDER_OUT_OF_STOCK');
    expect(sent('quote')).toHaveLength(2);
    expect(sent('pay')).toEqual([]);
  });

  it('offers to join when the shop is for members', async () => {
    serve({ quote: { ok: false, error: { code: 'NOT_A_MEMBER', message: '加入会员后才能下单' } } });
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' } as never);
    openWith({ buy: 'p-beans', qty: '1' });

    const error = await screen.findByTestId('checkout-error');
    expect(error.textContent).toContain('加入会员后才能下单');
    await click('checkout-error-action');
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/member/index' });
  });

  it('has nothing to check out with an empty cart', async () => {
    openWith({ from: 'cart' });
    expect(await screen.findByTestId('checkout-empty')).toBeTruthy();
    expect(callFunctionMock).not.toHaveBeenCalled();
  });
});
