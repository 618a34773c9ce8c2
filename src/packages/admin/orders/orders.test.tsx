import { render, screen, within } from '@testing-library/react';
import { clickOn, resetAdminSession, sent, typeInto, serveWith, opens } from '@/test-support/admin-test-kit';
import { adminOrder, adminRefund } from '@/test-support/orders-fixtures';
import OrdersAdminPage from './orders-page';
import RefundsAdminPage from '../refunds';

// 订单管理 and 退款审核 with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const serveAs = serveWith({
  ordersList: () => ({ ok: true, data: { orders: [adminOrder()], nextCursor: null } }),
  refundQueue: () => ({
    ok: true,
    data: { refunds: [adminRefund(), adminRefund({ _id: 'Rord_2', orderId: 'ord_2', memberNickname: '周周', reason: '发错货' })] },
  }),
});

const rowOf = async (refundId: string) => (await screen.findAllByTestId('admin-refund-row')).find((row) => row.getAttribute('data-refund-id') === refundId)!;

const openOrdersAs = opens(<OrdersAdminPage />, serveAs);
const openRefundsAs = opens(<RefundsAdminPage />, serveAs);

beforeEach(() => resetAdminSession('resetAdminOrders'));

describe('订单管理', () => {
  it('shows each order with the member, status, amount, lines and paid time', async () => {
    openOrdersAs('moderator');

    const row = await screen.findByTestId('admin-order-row');
    expect(row.getAttribute('data-order-id')).toBe('ord_1');
    expect(row.getAttribute('data-status')).toBe('paid');
    expect(within(row).getByTestId('admin-order-member').textContent).toContain('林夕');
    expect(within(row).getByTestId('admin-order-status').textContent).toBe('已付款');
    expect(within(row).getByTestId('admin-order-amount').textContent).toBe('¥166.00');
    expect(within(row).getByTestId('admin-order-paid-at').textContent).toContain('wxpay-0001');
    expect(row.textContent).toContain('保山小粒咖啡豆 250g ×2');
    expect(sent('ordersList')).toEqual([{ filter: 'all', limit: 20 }]);
  });

  it('filters by status and searches by order number or openid', async () => {
    openOrdersAs('admin');
    await screen.findByTestId('admin-order-row');

    await clickOn(screen.getByTestId('admin-orders-tab-refund'));
    expect(screen.getByTestId('admin-orders-tab-refund').getAttribute('data-active')).toBe('true');
    typeInto(screen.getByTestId('admin-orders-search'), 'demo-buyer');
    await clickOn(screen.getByTestId('admin-orders-search-submit'));
    expect(sent('ordersList')).toEqual([
      { filter: 'all', limit: 20 },
      { filter: 'refund', limit: 20 },
      { filter: 'refund', search: 'demo-buyer', limit: 20 },
    ]);
    expect(screen.getByTestId('admin-orders-searching').textContent).toContain('demo-buyer');
  });
});

describe('退款审核', () => {
  it('lists requests with their order; approving sends the restock choice and the row shows the result', async () => {
    serveAs('admin', {
      decideRefund: (payload) => ({
        ok: true,
        data: { refund: adminRefund({ status: 'refunded', statusText: '已退款', restock: payload.restock as boolean, decidedAt: '2025-03-05T03:00:00.000Z' }) },
      }),
    });
    render(<RefundsAdminPage />);

    const row = await rowOf('Rord_1');
    expect(row.getAttribute('data-order-id')).toBe('ord_1');
    expect(within(row).getByTestId('admin-refund-reason').textContent).toBe('退款原因：包装破损');
    expect(within(row).getByTestId('admin-refund-amount').textContent).toBe('退 ¥166.00');
    expect(row.textContent).toContain('已发 199 积分');
    const restock = within(row).getByTestId('admin-refund-restock');
    expect(restock.getAttribute('data-checked')).toBe('true');

    await clickOn(restock);
    expect(restock.getAttribute('data-checked')).toBe('false');
    await clickOn(within(row).getByTestId('admin-refund-approve'));

    expect(sent('decideRefund')).toEqual([{ refundId: 'Rord_1', decision: 'approve', restock: false }]);
    const decided = await rowOf('Rord_1');
    expect(decided.getAttribute('data-status')).toBe('refunded');
    expect(within(decided).getByTestId('admin-refund-status').textContent).toBe('已退款');
    expect(within(decided).getByTestId('admin-refund-decision').textContent).toContain('商品不退回库存');
    expect(within(decided).queryByTestId('admin-refund-approve')).toBeNull();
    // The other request is still waiting.
    expect(within(await rowOf('Rord_2')).getByTestId('admin-refund-approve')).toBeTruthy();
  });

  it('rejecting needs a reason; the row shows it once rejected', async () => {
    serveAs('admin', {
      decideRefund: (payload) => ({
        ok: true,
        data: {
          refund: adminRefund({
            status: 'rejected',
            statusText: '已驳回',
            rejectReason: payload.rejectReason as string,
            decidedAt: '2025-03-05T03:00:00.000Z',
          }),
        },
      }),
    });
    render(<RefundsAdminPage />);

    const row = await rowOf('Rord_1');
    await clickOn(within(row).getByTestId('admin-refund-reject'));
    await clickOn(within(row).getByTestId('admin-refund-reject-confirm'));
    expect(within(row).getByTestId('admin-refund-reject-error').textContent).toBe('请填写驳回原因');
    typeInto(within(row).getByTestId('admin-refund-reject-reason'), '拆');
    await clickOn(within(row).getByTestId('admin-refund-reject-confirm'));
    expect(within(row).getByTestId('admin-refund-reject-error').textContent).toBe('驳回原因至少 2 个字');
    expect(sent('decideRefund')).toEqual([]);

    typeInto(within(row).getByTestId('admin-refund-reject-reason'), '  商品已拆封 ');
    await clickOn(within(row).getByTestId('admin-refund-reject-confirm'));
    expect(sent('decideRefund')).toEqual([{ refundId: 'Rord_1', decision: 'reject', rejectReason: '商品已拆封' }]);
    const decided = await rowOf('Rord_1');
    expect(decided.getAttribute('data-status')).toBe('rejected');
    expect(within(decided).getByTestId('admin-refund-reject-note').textContent).toBe('驳回原因：商品已拆封');
  });

  it('shows the server’s refusal on its row', async () => {
    openRefundsAs('admin', { decideRefund: { ok: false, error: { code: 'FORBIDDEN', message: '仅管理员可以审核退款' } } });
    const row = await rowOf('Rord_1');
    await clickOn(within(row).getByTestId('admin-refund-approve'));
    expect(within(await rowOf('Rord_1')).getByTestId('admin-refund-error').textContent).toBe('仅管理员可以审核退款');
    expect(within(await rowOf('Rord_2')).queryByTestId('admin-refund-error')).toBeNull();
  });

  it('the 全部 tab asks for decided ones too', async () => {
    openRefundsAs('admin');
    await rowOf('Rord_1');
    await clickOn(screen.getByTestId('admin-refunds-tab-all'));
    expect(sent('refundQueue')).toEqual([{ status: 'requested' }, { status: 'all' }]);
    expect(screen.getByTestId('admin-refunds-tab-all').getAttribute('data-active')).toBe('true');
  });

  it('moderators read requests and cannot decide', async () => {
    openRefundsAs('moderator');
    const row = await rowOf('Rord_1');
    expect(screen.getByTestId('admin-refunds-readonly')).toBeTruthy();
    expect(within(row).queryByTestId('admin-refund-approve')).toBeNull();
    expect(within(row).queryByTestId('admin-refund-reject')).toBeNull();
    expect(within(row).queryByTestId('admin-refund-restock')).toBeNull();
  });
});
