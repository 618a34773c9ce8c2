import { callFunctionMock, createAdminStore, sent } from '@/test-support/admin-test-kit';
import { adminDraw } from '@/test-support/draws-fixtures';
import type { CreateDrawPayload } from '@/services/contracts';

// The admin draws slice with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const payload: CreateDrawPayload = {
  productId: 'p-kettle',
  title: '秋季限定手冲壶',
  description: '',
  units: 3,
  waitlistLength: 2,
  opensAt: '2025-04-01T00:00:00.000Z',
  closesAt: '2025-04-02T00:00:00.000Z',
  drawAt: '2025-04-02T00:10:00.000Z',
  minTier: 'member',
  minMemberDays: 0,
  purchaseHours: 24,
};

beforeEach(() => callFunctionMock.mockReset());

describe('admin draws slice', () => {
  it('lists draws, and a created one joins the list by draw time', async () => {
    const store = createAdminStore();
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { draws: [adminDraw({ id: 'draw_old000000000', drawAt: '2025-03-01T00:00:00.000Z' })] } });
    await store.getState().loadAdminDraws();
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { draw: adminDraw() } });
    const result = await store.getState().createDraw(payload);
    expect(result.ok).toBe(true);
    expect(sent('createDraw')).toEqual([payload]);
    expect(store.getState().adminDraws.map((d) => d.id)).toEqual(['draw_0123456789ab', 'draw_old000000000']);
  });

  it('shows the server’s refusal next to its field, and forgets it when the field changes', async () => {
    const store = createAdminStore();
    callFunctionMock.mockResolvedValueOnce({
      ok: false,
      error: { code: 'DRAW_STOCK_SHORT', message: '商品库存不足：抽签需 3 件，现有 1 件', details: [{ path: 'units', message: '现有库存 1 件' }] },
    });
    await store.getState().createDraw(payload);
    expect(store.getState().drawFieldErrors).toEqual({ units: '现有库存 1 件' });
    expect(store.getState().drawCreateError?.code).toBe('DRAW_STOCK_SHORT');
    store.getState().clearDrawFieldError('units');
    expect(store.getState().drawFieldErrors).toEqual({});
  });

  it('cancels with a reason and draws now: the detail and the list show the server’s answer', async () => {
    const store = createAdminStore();
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { draws: [adminDraw()] } });
    await store.getState().loadAdminDraws();
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { draw: adminDraw({ status: 'cancelled', cancelReason: '到货延迟' }) } });
    await store.getState().cancelDraw('draw_0123456789ab', '到货延迟');
    expect(sent('cancelDraw')).toEqual([{ drawId: 'draw_0123456789ab', reason: '到货延迟' }]);
    expect(store.getState().adminDraw?.status).toBe('cancelled');
    expect(store.getState().adminDraws[0].status).toBe('cancelled');

    callFunctionMock.mockResolvedValueOnce({ ok: false, error: { code: 'DRAW_WRONG_STATE', message: '该抽签已取消' } });
    await store.getState().drawNow('draw_0123456789ab');
    expect(store.getState().drawActionError?.message).toBe('该抽签已取消');
    expect(store.getState().drawActing).toBeNull();
  });
});
