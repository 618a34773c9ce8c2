import { callFunctionMock, createAdminStore, sent, staffProfile, storeLoaded } from '@/test-support/admin-test-kit';
import { adminPerk, contentPerk } from '@/test-support/referral-fixtures';
import { selectIsAdmin, type SavePerkPayload } from '../store';
import { refusal } from '@/test-support/replies';

// The perks slice with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const payload: SavePerkPayload = {
  title: '邀请 2 位好友得 20 元券',
  description: '',
  kind: 'coupon',
  requiredFriends: 2,
  engagement: 'join',
  coupon: { valueFen: 2000, minSpendFen: 9900, validDays: 30 },
  content: null,
  minTier: 'member',
  endsAt: null,
  sort: 15,
};

const loaded = () => storeLoaded({ ok: true, data: { perks: [adminPerk(), contentPerk()] } }, (state) => state.loadAdminPerks());

beforeEach(() => callFunctionMock.mockReset());

describe('admin perks slice', () => {
  it('loads every perk, any status', async () => {
    const store = await loaded();
    expect(sent('perksList')).toEqual([{}]);
    expect(store.getState().adminPerksStatus).toBe('ready');
    expect(store.getState().adminPerks.map((perk) => [perk._id, perk.status])).toEqual([
      ['perk_coupon', 'active'],
      ['perk_notes', 'inactive'],
    ]);
  });

  it('a new perk joins the list in sort order', async () => {
    const store = await loaded();
    callFunctionMock.mockResolvedValueOnce({
      ok: true,
      data: { perk: adminPerk({ _id: 'perk_new', title: payload.title, sort: 15, status: 'inactive', unlocks: 0 }) },
    });
    const result = await store.getState().savePerk(payload);
    expect(result.ok).toBe(true);
    expect(sent('savePerk')).toEqual([payload]);
    expect(store.getState().adminPerks.map((perk) => perk._id)).toEqual(['perk_coupon', 'perk_new', 'perk_notes']);
    expect(store.getState().perkSaving).toBe(false);
  });

  it('a refusal keeps each field’s message by path, and changing a field forgets its message', async () => {
    const store = await loaded();
    callFunctionMock.mockResolvedValueOnce(
      refusal('VALIDATION_FAILED', '输入有误：requiredFriends 最多 20 位好友；coupon.valueFen 券面额须小于使用门槛', [
        ['requiredFriends', '最多 20 位好友'],
        ['coupon.valueFen', '券面额须小于使用门槛'],
      ]),
    );
    const result = await store.getState().savePerk({ ...payload, requiredFriends: 25 });
    expect(result.ok).toBe(false);
    expect(store.getState().perkSaveError?.code).toBe('VALIDATION_FAILED');
    expect(store.getState().perkFieldErrors).toEqual({ requiredFriends: '最多 20 位好友', 'coupon.valueFen': '券面额须小于使用门槛' });
    expect(store.getState().adminPerks).toHaveLength(2);

    store.getState().clearPerkFieldError('requiredFriends');
    expect(store.getState().perkFieldErrors).toEqual({ 'coupon.valueFen': '券面额须小于使用门槛' });
    store.getState().clearPerkErrors();
    expect(store.getState().perkFieldErrors).toEqual({});
    expect(store.getState().perkSaveError).toBeNull();
  });

  it('switching a perk on replaces its row with the server’s; a refusal stays with that perk', async () => {
    const store = await loaded();
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { perk: contentPerk({ status: 'active' }) } });
    const switching = store.getState().setPerkStatus('perk_notes', 'active');
    expect(store.getState().perkStatusChanging).toBe('perk_notes');
    await switching;
    expect(sent('setPerkStatus')).toEqual([{ perkId: 'perk_notes', status: 'active' }]);
    expect(store.getState().perkStatusChanging).toBeNull();
    expect(store.getState().adminPerks.find((perk) => perk._id === 'perk_notes')?.status).toBe('active');

    callFunctionMock.mockResolvedValueOnce({ ok: false, error: { code: 'NOT_FOUND', message: '活动不存在或已被删除' } });
    await store.getState().setPerkStatus('perk_coupon', 'inactive');
    expect(store.getState().perkStatusError).toEqual({ perkId: 'perk_coupon', error: { code: 'NOT_FOUND', message: '活动不存在或已被删除' } });
    expect(store.getState().adminPerks.find((perk) => perk._id === 'perk_coupon')?.status).toBe('active');
  });

  it('only admins edit perks', () => {
    const store = createAdminStore();
    store.setState({ profile: staffProfile('moderator') });
    expect(selectIsAdmin(store.getState())).toBe(false);
    store.setState({ profile: staffProfile('admin') });
    expect(selectIsAdmin(store.getState())).toBe(true);
  });
});
