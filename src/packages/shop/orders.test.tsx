import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { callFunction } from '@/services/cloud';
import { useAppStore } from '@/store';
import { useShopStore } from '@/packages/shop/store';
import { orderView, paidOrder } from '@/test-support/orders-fixtures';
import OrdersPage from './orders';

// 我的订单 with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;

const sent = () => callFunctionMock.mock.calls.filter(([, a]) => a === 'myOrders').map(([, , payload]) => payload as Record<string, unknown>);

const open = (params: Record<string, string> = {}) => {
  (Current as { router: unknown }).router = { params, path: '/packages/shop/orders' };
  return render(<OrdersPage />);
};

beforeEach(() => {
  callFunctionMock.mockReset();
  useAppStore.getState().resetSession();
  useShopStore.getState().resetOrders();
});

afterEach(() => {
  (Current as { router: unknown }).router = null;
  jest.restoreAllMocks();
});

describe('我的订单', () => {
  it('shows every order with its status, lines, 实付 and time; tabs ask the server by status', async () => {
    callFunctionMock.mockImplementation(async (_name, _action, payload) => {
      const { filter } = payload as { filter: string };
      return filter === 'paid'
        ? { ok: true, data: { orders: [paidOrder({ _id: 'ord_2' })], nextCursor: null } }
        : { ok: true, data: { orders: [orderView(), paidOrder({ _id: 'ord_2' })], nextCursor: null } };
    });
    open();

    const cards = await screen.findAllByTestId('order-card');
    expect(cards.map((c) => [c.getAttribute('data-order-id'), c.getAttribute('data-status')])).toEqual([
      ['ord_1', 'pending_payment'],
      ['ord_2', 'paid'],
    ]);
    expect(within(cards[0]).getByTestId('order-card-status').textContent).toBe('待付款');
    expect(within(cards[0]).getByTestId('order-card-pay').textContent).toBe('¥166.00');
    expect(cards[0].textContent).toContain('保山小粒咖啡豆 250g');
    expect(cards[0].textContent).toContain('×2');
    expect(screen.getByTestId('orders-tab-all').getAttribute('data-active')).toBe('true');
    expect(screen.getByTestId('orders-end')).toBeTruthy();

    await act(async () => {
      fireEvent.click(screen.getByTestId('orders-tab-paid'));
    });
    expect(screen.getByTestId('orders-tab-paid').getAttribute('data-active')).toBe('true');
    expect(screen.getAllByTestId('order-card').map((c) => c.getAttribute('data-order-id'))).toEqual(['ord_2']);
    expect(sent().map((p) => p.filter)).toEqual(['all', 'paid']);
  });

  it('opens on the tab the link asked for, and loads more', async () => {
    callFunctionMock
      .mockResolvedValueOnce({ ok: true, data: { orders: [orderView()], nextCursor: '2025-03-04T06:00:00.000Z~ord_1' } })
      .mockResolvedValueOnce({ ok: true, data: { orders: [orderView({ _id: 'ord_0' })], nextCursor: null } });
    open({ filter: 'pending_payment' });

    await screen.findByTestId('order-card');
    expect(screen.getByTestId('orders-tab-pending_payment').getAttribute('data-active')).toBe('true');
    await act(async () => {
      fireEvent.click(screen.getByTestId('orders-more'));
    });
    expect(sent()[1]).toEqual({ filter: 'pending_payment', cursor: '2025-03-04T06:00:00.000Z~ord_1', limit: 20 });
    expect(screen.getAllByTestId('order-card')).toHaveLength(2);
  });

  it('opens an order’s page when tapped', async () => {
    callFunctionMock.mockResolvedValue({ ok: true, data: { orders: [orderView()], nextCursor: null } });
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    open();
    const card = await screen.findByTestId('order-card');
    await act(async () => {
      fireEvent.click(card);
    });
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/shop/order?id=ord_1' });
  });

  it('has an empty state and an error state with a retry', async () => {
    callFunctionMock.mockResolvedValueOnce({ ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } });
    open();
    expect((await screen.findByTestId('orders-error')).textContent).toContain('网络异常');
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { orders: [], nextCursor: null } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('orders-error-action'));
    });
    expect((await screen.findByTestId('orders-empty')).textContent).toContain('还没有订单');
  });
});
