import type { Role } from '@/services/contracts';
import { adminReward } from '@/test-support/admin-fixtures';
import { type Answers, serve as serveAs, callFunctionMock, createAdminStore, sent } from '@/test-support/admin-test-kit';
import { refusal } from '@/test-support/replies';

// The 积分商城管理 slice (the list factory) with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const serve = (answers: Answers, role: Role = 'admin') => serveAs(role, answers);

beforeEach(() => callFunctionMock.mockReset());

describe('admin rewards slice (积分商城管理)', () => {
  it('loads the catalog, and shows a saved reward in catalog order', async () => {
    const first = adminReward({ _id: 'rw_1', sort: 10 });
    const created = adminReward({ _id: 'rw_2', title: '新券', sort: 5 });
    serve({ rewardsList: { ok: true, data: { rewards: [first] } }, saveReward: { ok: true, data: { reward: created } } });
    const store = createAdminStore();
    await store.getState().loadAdminRewards();

    const payload = {
      title: '新券',
      description: '',
      kind: 'coupon' as const,
      pointsCost: 300,
      image: null,
      coupon: { valueFen: 1000, minSpendFen: 0, validDays: 30 },
      minTier: null,
      stock: 10,
    };
    await store.getState().saveReward(payload);

    expect(sent('saveReward')).toEqual([payload]);
    expect(store.getState().adminRewards.map((r) => r._id)).toEqual(['rw_2', 'rw_1']);
  });

  it('maps validation details to fields', async () => {
    serve({
      saveReward: refusal('VALIDATION_FAILED', '输入有误', [['coupon.valueFen', '券面额须小于使用门槛']]),
    });
    const store = createAdminStore();
    const result = await store.getState().saveReward({
      title: 'x',
      description: '',
      kind: 'coupon',
      pointsCost: 1,
      image: null,
      coupon: { valueFen: 5000, minSpendFen: 5000, validDays: 1 },
      minTier: null,
      stock: 1,
    });
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
