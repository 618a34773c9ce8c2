import { callFunctionMock, createAdminStore, sent, staffProfile, type Reply } from '@/test-support/admin-test-kit';
import { adminOrder, adminRefund } from '@/test-support/orders-fixtures';
import { ADMIN_ORDERS_PAGE_SIZE, selectIsAdmin } from '../store';

// The admin orders slice with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const ordersPage = (ids: string[], nextCursor: string | null): Reply => ({
  ok: true,
  data: { orders: ids.map((id) => adminOrder({ _id: id })), nextCursor },
});

beforeEach(() => callFunctionMock.mockReset());

describe('admin orders slice', () => {
  it('lists orders by filter and search, page after page', async () => {
    const store = createAdminStore();
    callFunctionMock.mockResolvedValueOnce(ordersPage(['o3', 'o2'], 'c1')).mockResolvedValueOnce(ordersPage(['o1'], null));
    await store.getState().loadAdminOrders('paid', '  demo-buyer ');
    expect(sent('ordersList')[0]).toEqual({ filter: 'paid', search: 'demo-buyer', limit: ADMIN_ORDERS_PAGE_SIZE });
    await store.getState().loadMoreAdminOrders();
    expect(sent('ordersList')[1]).toEqual({ filter: 'paid', search: 'demo-buyer', cursor: 'c1', limit: ADMIN_ORDERS_PAGE_SIZE });
    expect(store.getState().adminOrders.map((o) => o._id)).toEqual(['o3', 'o2', 'o1']);
    expect(store.getState().adminOrdersNextCursor).toBeNull();
  });

  it('sends no search when there is none, and a new query replaces the rows', async () => {
    const store = createAdminStore();
    callFunctionMock.mockResolvedValueOnce(ordersPage(['o1'], null));
    await store.getState().loadAdminOrders('all', '');
    expect(sent('ordersList')[0]).toEqual({ filter: 'all', limit: ADMIN_ORDERS_PAGE_SIZE });

    let answer!: (reply: Reply) => void;
    callFunctionMock.mockReturnValueOnce(new Promise<Reply>((r) => (answer = r)));
    const loading = store.getState().loadAdminOrders('closed', '');
    expect(store.getState().adminOrdersStatus).toBe('loading');
    expect(store.getState().adminOrders).toEqual([]);
    answer(ordersPage([], null));
    await loading;
    expect(store.getState().adminOrdersStatus).toBe('ready');
  });

  it('loads the refund queue, decided ones on 全部', async () => {
    const store = createAdminStore();
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { refunds: [adminRefund()] } });
    await store.getState().loadRefundQueue('all');
    expect(sent('refundQueue')).toEqual([{ status: 'all' }]);
    expect(store.getState().adminRefunds).toHaveLength(1);
  });

  it('approving updates the row with the server’s refund, and sends restock', async () => {
    const store = createAdminStore();
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { refunds: [adminRefund(), adminRefund({ _id: 'Rord_2', orderId: 'ord_2' })] } });
    await store.getState().loadRefundQueue('requested');

    callFunctionMock.mockResolvedValueOnce({
      ok: true,
      data: { refund: adminRefund({ status: 'refunded', statusText: '已退款', restock: false, decidedAt: '2025-03-05T03:00:00.000Z' }) },
    });
    const deciding = store.getState().decideRefund({ refundId: 'Rord_1', decision: 'approve', restock: false });
    expect(store.getState().refundDeciding).toBe('Rord_1');
    await deciding;

    expect(sent('decideRefund')).toEqual([{ refundId: 'Rord_1', decision: 'approve', restock: false }]);
    const rows = store.getState().adminRefunds;
    expect(rows.map((r) => [r._id, r.status])).toEqual([
      ['Rord_1', 'refunded'],
      ['Rord_2', 'requested'],
    ]);
    expect(rows[0].statusText).toBe('已退款');
    expect(store.getState().refundDeciding).toBeNull();
  });

  it('a refusal stays with its row; one decided meanwhile reloads the queue', async () => {
    const store = createAdminStore();
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { refunds: [adminRefund()] } });
    await store.getState().loadRefundQueue('requested');

    callFunctionMock
      .mockResolvedValueOnce({ ok: false, error: { code: 'REFUND_ALREADY_DECIDED', message: '该退款申请已处理' } })
      .mockResolvedValueOnce({ ok: true, data: { refunds: [adminRefund({ status: 'rejected', statusText: '已驳回', rejectReason: '已超过退款期限' })] } });
    await store.getState().decideRefund({ refundId: 'Rord_1', decision: 'reject', rejectReason: '已超过期限' });
    await new Promise((r) => setTimeout(r, 0));

    expect(store.getState().refundDecideError).toEqual({ refundId: 'Rord_1', error: { code: 'REFUND_ALREADY_DECIDED', message: '该退款申请已处理' } });
    expect(sent('refundQueue')).toHaveLength(2);
    expect(store.getState().adminRefunds[0].status).toBe('rejected');
  });

  it('only admins decide refunds', () => {
    const store = createAdminStore();
    store.setState({ profile: staffProfile('moderator') });
    expect(selectIsAdmin(store.getState())).toBe(false);
    store.setState({ profile: staffProfile('admin') });
    expect(selectIsAdmin(store.getState())).toBe(true);
  });
});
