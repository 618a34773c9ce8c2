import type { AdjustPointsResult, Role } from '@/services/contracts';
import { adminReward, ladderView } from '@/test-support/admin-fixtures';
import { callFunctionMock, createAdminStore, sent, staffProfile, type Reply } from '@/test-support/admin-test-kit';
import { fieldErrorsOf } from '@/services/field-errors';
import { selectIsAdmin } from '../store';

// The staff tools' slices with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const adjusted = (over: Partial<AdjustPointsResult['entry']> = {}): AdjustPointsResult => ({
  entry: {
    _id: 'adjust:x', memberId: 'o-member', kind: 'adjust', delta: 100, debtDelta: 0, balanceAfter: 1600, debtAfter: 0,
    reason: '客服调整：活动补发', lots: [], createdAt: '2025-03-04T05:06:00.000Z', ...over,
  },
  replayed: false,
});

function serve(answers: Partial<Record<string, Reply | ((payload: unknown) => Reply | Promise<Reply>)>>, role: Role = 'admin') {
  callFunctionMock.mockImplementation(async (name, action, payload) => {
    if (name === 'member' && action === 'open') return { ok: true, data: { profile: staffProfile(role) } };
    const answer = answers[action];
    if (!answer) throw new Error(`unexpected call ${name}.${action}`);
    return typeof answer === 'function' ? answer(payload) : answer;
  });
}

const network: Reply = { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } };

beforeEach(() => callFunctionMock.mockReset());

describe('fieldErrorsOf', () => {
  it('keys the first message of each path, and ignores what is not a detail', () => {
    const error = {
      code: 'LADDER_CONFIG_INVALID', message: '等级配置有误',
      details: [
        { path: 'thresholds.repeatBuyerOrders', message: '复购会员的订单数需大于已购会员的订单数' },
        { path: 'thresholds.repeatBuyerOrders', message: 'second' },
        { path: '', message: '整体' },
        { nope: true },
      ],
    };
    expect(fieldErrorsOf(error as Parameters<typeof fieldErrorsOf>[0])).toEqual({ 'thresholds.repeatBuyerOrders': '复购会员的订单数需大于已购会员的订单数', '': '整体' });
    expect(fieldErrorsOf({ code: 'NETWORK_ERROR', message: 'x' })).toEqual({});
    expect(fieldErrorsOf(null)).toEqual({});
  });
});

describe('roles', () => {
  it.each([['moderator', false], ['admin', true]] as const)('a %s may edit the tools: %p', async (role, expected) => {
    serve({}, role);
    const store = createAdminStore();
    await store.getState().bootstrap();
    expect(selectIsAdmin(store.getState())).toBe(expected);
    expect(selectIsAdmin(store.getState())).toBe(expected);
    expect(selectIsAdmin(store.getState())).toBe(expected);
  });
});

describe('admin points slice (积分调整)', () => {
  const input = { openid: 'o-member', amount: 100, reason: '活动补发' };

  it('sends one adjustment with a fresh request id and keeps the outcome', async () => {
    serve({ adjustPoints: { ok: true, data: adjusted() } });
    const store = createAdminStore();

    const result = await store.getState().submitAdjustment(input);

    expect(result.ok).toBe(true);
    const [request] = sent('adjustPoints');
    expect(request).toEqual({ ...input, requestId: expect.stringMatching(/^adj-/) });
    expect((request.requestId as string).length).toBeGreaterThanOrEqual(8);
    expect((request.requestId as string).length).toBeLessThanOrEqual(64);
    const state = store.getState();
    expect(state.adjustResult).toEqual({ input, outcome: adjusted() });
    expect(state.adjustDraft).toBeNull();
    expect(state.adjustStatus).toBe('idle');
  });

  it('reuses the request id after a failure without an answer, for a retry and for the same submission', async () => {
    serve({ adjustPoints: network });
    const store = createAdminStore();

    await store.getState().submitAdjustment(input);
    expect(store.getState().adjustStatus).toBe('unknown');
    expect(store.getState().adjustError?.code).toBe('NETWORK_ERROR');
    await store.getState().retryAdjustment();
    await store.getState().submitAdjustment({ ...input });
    serve({ adjustPoints: { ok: true, data: adjusted() } });
    await store.getState().retryAdjustment();

    const ids = sent('adjustPoints').map((p) => p.requestId);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(1);
    expect(store.getState().adjustStatus).toBe('idle');
    expect(store.getState().adjustResult?.outcome.entry.balanceAfter).toBe(1600);
  });

  it('a new submission after a success, a refusal or a discarded draft gets a new request id', async () => {
    serve({ adjustPoints: { ok: true, data: adjusted() } });
    const store = createAdminStore();
    await store.getState().submitAdjustment(input);
    await store.getState().submitAdjustment(input);
    serve({ adjustPoints: { ok: false, error: { code: 'NOT_FOUND', message: '会员不存在' } } });
    await store.getState().submitAdjustment(input);
    expect(store.getState().adjustDraft).toBeNull();
    expect(store.getState().adjustError?.message).toBe('会员不存在');
    serve({ adjustPoints: network });
    await store.getState().submitAdjustment(input);
    store.getState().discardAdjustment();
    await store.getState().submitAdjustment(input);
    // A changed submission is a different adjustment, even after an unknown outcome.
    await store.getState().submitAdjustment({ ...input, amount: -100 });

    const ids = sent('adjustPoints').map((p) => p.requestId);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });

  it('sends a double tap once', async () => {
    let answer!: (reply: Reply) => void;
    serve({ adjustPoints: () => new Promise<Reply>((resolve) => { answer = resolve; }) });
    const store = createAdminStore();

    const first = store.getState().submitAdjustment(input);
    const second = store.getState().submitAdjustment(input);
    expect(store.getState().adjustStatus).toBe('sending');
    answer({ ok: true, data: adjusted() });

    expect(await second).toEqual(await first);
    expect(sent('adjustPoints')).toHaveLength(1);
  });

  it('maps validation details to fields', async () => {
    serve({
      adjustPoints: {
        ok: false,
        error: { code: 'VALIDATION_FAILED', message: '输入有误：reason 请写明调整原因', details: [{ path: 'reason', message: '请写明调整原因' }] } as never,
      },
    });
    const store = createAdminStore();
    await store.getState().submitAdjustment(input);
    expect(store.getState().adjustFieldErrors).toEqual({ reason: '请写明调整原因' });
  });
});

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
      updateLadderConfig: {
        ok: false,
        error: {
          code: 'LADDER_CONFIG_INVALID', message: '等级配置有误：…',
          details: [
            { path: 'thresholds.repeatBuyerOrders', message: '复购会员的订单数需大于已购会员的订单数' },
            { path: 'benefits.koc.pointsMultiplierPermille', message: '品牌KOC的积分倍数不能低于复购会员' },
          ],
        } as never,
      },
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

describe('admin rewards slice (积分商城管理)', () => {
  it('loads the catalog, and shows a saved reward in catalog order', async () => {
    const first = adminReward({ _id: 'rw_1', sort: 10 });
    const created = adminReward({ _id: 'rw_2', title: '新券', sort: 5 });
    serve({ rewardsList: { ok: true, data: { rewards: [first] } }, saveReward: { ok: true, data: { reward: created } } });
    const store = createAdminStore();
    await store.getState().loadAdminRewards();

    const payload = { title: '新券', description: '', kind: 'coupon' as const, pointsCost: 300, image: null, coupon: { valueFen: 1000, minSpendFen: 0, validDays: 30 }, minTier: null, stock: 10 };
    await store.getState().saveReward(payload);

    expect(sent('saveReward')).toEqual([payload]);
    expect(store.getState().adminRewards.map((r) => r._id)).toEqual(['rw_2', 'rw_1']);
  });

  it('maps validation details to fields', async () => {
    serve({
      saveReward: {
        ok: false,
        error: { code: 'VALIDATION_FAILED', message: '输入有误', details: [{ path: 'coupon.valueFen', message: '券面额须小于使用门槛' }] } as never,
      },
    });
    const store = createAdminStore();
    const result = await store.getState().saveReward({ title: 'x', description: '', kind: 'coupon', pointsCost: 1, image: null, coupon: { valueFen: 5000, minSpendFen: 5000, validDays: 1 }, minTier: null, stock: 1 });
    expect(result.ok).toBe(false);
    expect(store.getState().rewardFieldErrors).toEqual({ 'coupon.valueFen': '券面额须小于使用门槛' });
    store.getState().clearRewardErrors();
    expect(store.getState().rewardFieldErrors).toEqual({});
    expect(store.getState().rewardSaveError).toBeNull();
  });

  it('changes a status in place, and keeps a refusal for the row', async () => {
    serve({
      rewardsList: { ok: true, data: { rewards: [adminReward()] } },
      setRewardStatus: { ok: true, data: { reward: adminReward({ status: 'inactive' }) } },
    });
    const store = createAdminStore();
    await store.getState().loadAdminRewards();
    await store.getState().setRewardStatus('rw_1', 'inactive');
    expect(sent('setRewardStatus')).toEqual([{ rewardId: 'rw_1', status: 'inactive' }]);
    expect(store.getState().adminRewards[0].status).toBe('inactive');
    expect(store.getState().rewardStatusChanging).toBeNull();

    serve({ setRewardStatus: { ok: false, error: { code: 'NOT_FOUND', message: '奖品不存在或已被删除' } } });
    await store.getState().setRewardStatus('rw_1', 'active');
    expect(store.getState().rewardStatusError).toEqual({ rewardId: 'rw_1', error: { code: 'NOT_FOUND', message: '奖品不存在或已被删除' } });
  });
});
