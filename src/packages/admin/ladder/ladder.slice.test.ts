import type { Role } from '@/services/contracts';
import { ladderView, LADDER_CONFIG_INVALID_REFUSAL } from '@/test-support/admin-fixtures';
import { type Answers, serve as serveAs, callFunctionMock, createAdminStore, sent, type Reply } from '@/test-support/admin-test-kit';

// The 等级规则 slice (the settings factory) with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const serve = (answers: Answers, role: Role = 'admin') => serveAs(role, answers);

const network: Reply = { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } };

beforeEach(() => callFunctionMock.mockReset());

describe('admin ladder slice (等级规则)', () => {
  it('loads the configuration and saves over the loaded version', async () => {
    const saved = ladderView({ version: 4 });
    serve({ ladderConfig: { ok: true, data: ladderView() }, updateLadderConfig: { ok: true, data: saved } });
    const store = createAdminStore();
    await store.getState().loadAdminLadder();
    expect(store.getState().adminLadderStatus).toBe('ready');

    const config = { ...ladderView().config, graceDays: 45 };
    const result = await store.getState().saveAdminLadder(config);

    expect(result.ok).toBe(true);
    expect(sent('updateLadderConfig')).toEqual([{ config, expectedVersion: 3 }]);
    expect(store.getState().adminLadderView).toEqual(saved);
  });

  it('maps LADDER_CONFIG_INVALID details to field paths, and clears one when it is edited', async () => {
    serve({
      ladderConfig: { ok: true, data: ladderView() },
      updateLadderConfig: LADDER_CONFIG_INVALID_REFUSAL,
    });
    const store = createAdminStore();
    await store.getState().loadAdminLadder();
    await store.getState().saveAdminLadder(ladderView().config);

    expect(store.getState().adminLadderFieldErrors).toEqual({
      'thresholds.repeatBuyerOrders': '复购会员的订单数需大于已购会员的订单数',
      'benefits.koc.pointsMultiplierPermille': '品牌KOC的积分倍数不能低于复购会员',
    });
    expect(store.getState().adminLadderConflict).toBe(false);
    store.getState().clearAdminLadderFieldError('thresholds.repeatBuyerOrders');
    expect(Object.keys(store.getState().adminLadderFieldErrors)).toEqual(['benefits.koc.pointsMultiplierPermille']);
  });

  it('a CONFLICT asks for a reload, and the reload forgets it', async () => {
    serve({
      ladderConfig: { ok: true, data: ladderView() },
      updateLadderConfig: { ok: false, error: { code: 'CONFLICT', message: '配置已被修改，请刷新后重试' } },
    });
    const store = createAdminStore();
    await store.getState().loadAdminLadder();
    await store.getState().saveAdminLadder(ladderView().config);
    expect(store.getState().adminLadderConflict).toBe(true);

    serve({ ladderConfig: { ok: true, data: ladderView({ version: 5 }) } });
    await store.getState().loadAdminLadder();
    expect(store.getState().adminLadderConflict).toBe(false);
    expect(store.getState().adminLadderSaveError).toBeNull();
    expect(store.getState().adminLadderView?.version).toBe(5);
  });

  it('a failed load is an error state', async () => {
    serve({ ladderConfig: network });
    const store = createAdminStore();
    await store.getState().loadAdminLadder();
    expect(store.getState().adminLadderStatus).toBe('error');
  });
});
