import { act, fireEvent, render, screen } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { callFunction } from '@/services/cloud';
import { confirmEmulatorPayment } from '@/services/emulator-pay';
import { useAppStore } from '@/store';
import { useShopStore } from '@/packages/shop/store';
import { orderView, paidOrder } from '@/test-support/orders-fixtures';
import CashierPage from './cashier';

// 收银台 (h5): the emulator's simulated WeChat Pay is replaced at its service, the transport too.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
jest.mock('@/services/emulator-pay', () => ({ confirmEmulatorPayment: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;
const confirmMock = confirmEmulatorPayment as jest.MockedFunction<typeof confirmEmulatorPayment>;

const open = () => {
  (Current as { router: unknown }).router = { params: { id: 'ord_1', trade: 'ord_1' }, path: '/packages/shop/cashier' };
  return render(<CashierPage />);
};

let redirect: jest.SpyInstance;

beforeEach(() => {
  callFunctionMock.mockReset();
  confirmMock.mockReset();
  useAppStore.getState().resetSession();
  useShopStore.getState().resetOrders();
  redirect = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' } as never);
});

afterEach(() => {
  (Current as { router: unknown }).router = null;
  jest.restoreAllMocks();
});

describe('收银台', () => {
  it('shows the amount and the order number; 确认支付 pays on the emulator, waits for paid, then shows the order', async () => {
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { order: orderView() } }).mockResolvedValueOnce({ ok: true, data: { order: paidOrder() } });
    confirmMock.mockResolvedValue({ ok: true, data: { confirmed: true } });
    open();

    expect((await screen.findByTestId('cashier-amount')).textContent).toBe('¥166.00');
    expect(screen.getByTestId('cashier-order-number').textContent).toBe('订单号 ord_1');
    await act(async () => {
      fireEvent.click(screen.getByTestId('cashier-confirm'));
    });

    expect(confirmMock).toHaveBeenCalledWith('ord_1');
    expect(callFunctionMock.mock.calls.map(([n, a, p]) => [n, a, p])).toEqual([
      ['shop', 'order', { orderId: 'ord_1' }],
      ['shop', 'order', { orderId: 'ord_1' }],
    ]);
    expect(redirect).toHaveBeenCalledWith({ url: '/packages/shop/order?id=ord_1' });
  });

  it('stays with a message when the emulator refuses', async () => {
    callFunctionMock.mockResolvedValue({ ok: true, data: { order: orderView() } });
    confirmMock.mockResolvedValue({ ok: false, error: { code: 'ORDER_NOT_PAYABLE', message: '模拟支付失败，请返回订单重新发起支付' } });
    open();
    await screen.findByTestId('cashier-amount');
    await act(async () => {
      fireEvent.click(screen.getByTestId('cashier-confirm'));
    });
    expect(screen.getByTestId('cashier-pay-error').textContent).toBe('模拟支付失败，请返回订单重新发起支付');
    expect(redirect).not.toHaveBeenCalled();
  });

  it('取消支付 goes back to the order, unpaid', async () => {
    callFunctionMock.mockResolvedValue({ ok: true, data: { order: orderView() } });
    open();
    await screen.findByTestId('cashier-amount');
    await act(async () => {
      fireEvent.click(screen.getByTestId('cashier-cancel'));
    });
    expect(confirmMock).not.toHaveBeenCalled();
    expect(redirect).toHaveBeenCalledWith({ url: '/packages/shop/order?id=ord_1' });
  });

  it('does not offer to pay an order that is no longer unpaid', async () => {
    callFunctionMock.mockResolvedValue({ ok: true, data: { order: orderView({ status: 'closed', statusText: '已关闭', canPay: false }) } });
    open();
    expect((await screen.findByTestId('cashier-not-payable')).textContent).toContain('已关闭');
    expect(screen.getByTestId('cashier-confirm').className).toContain('nut-button-disabled');
  });
});
