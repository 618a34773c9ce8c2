import { callFunctionMock, createAdminStore, sent, staffProfile, type Reply, storeLoaded } from '@/test-support/admin-test-kit';
import { referralSettingsView, REFERRAL_SETTINGS_REFUSAL } from '@/test-support/referral-settings-fixtures';
import { selectIsAdmin } from '../store';

// The 推荐规则 slice with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const loaded = () => storeLoaded({ ok: true, data: referralSettingsView() }, (state) => state.loadAdminReferralSettings());

beforeEach(() => callFunctionMock.mockReset());

describe('admin referral settings slice', () => {
  it('loads the rules as the server holds them', async () => {
    const store = await loaded();
    expect(sent('referralConfig')).toEqual([{}]);
    expect(store.getState().adminReferralSettingsStatus).toBe('ready');
    expect(store.getState().adminReferralSettingsView?.config.holdDays).toBe(7);
  });

  it('saves over the loaded version and keeps the saved view', async () => {
    const store = await loaded();
    const config = { ...referralSettingsView().config, holdDays: 10, rewardPoints: 50 };
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: referralSettingsView({ version: 3, config }) });
    const saving = store.getState().saveAdminReferralSettings(config);
    expect(store.getState().adminReferralSettingsSaving).toBe(true);
    await saving;
    expect(sent('updateReferralConfig')).toEqual([{ config, expectedVersion: 2 }]);
    expect(store.getState()).toMatchObject({ adminReferralSettingsSaving: false, adminReferralSettingsSaveError: null, adminReferralSettingsConflict: false });
    expect(store.getState().adminReferralSettingsView).toMatchObject({ version: 3, config: { holdDays: 10, rewardPoints: 50 } });
  });

  it('keeps per-field refusals by path; editing a field forgets its message', async () => {
    const store = await loaded();
    callFunctionMock.mockResolvedValueOnce(REFERRAL_SETTINGS_REFUSAL);
    const result = await store.getState().saveAdminReferralSettings(referralSettingsView().config);
    expect(result.ok).toBe(false);
    expect(store.getState().adminReferralSettingsFieldErrors).toEqual({
      holdDays: '冻结期不能短于退款期（7 天）：退款期内的退款会撤销转化，奖励须在退款期结束后才发放',
      'burst.maxReferrals': '集中加入人数至少 1 位',
    });
    expect(store.getState().adminReferralSettingsView?.version).toBe(2);
    store.getState().clearAdminReferralSettingsFieldError('holdDays');
    expect(Object.keys(store.getState().adminReferralSettingsFieldErrors)).toEqual(['burst.maxReferrals']);
  });

  it('a CONFLICT is flagged until a reload, which forgets it', async () => {
    const store = await loaded();
    callFunctionMock.mockResolvedValueOnce({ ok: false, error: { code: 'CONFLICT', message: '推荐规则已被他人修改（当前版本 3），请刷新后重试' } });
    await store.getState().saveAdminReferralSettings(referralSettingsView().config);
    expect(store.getState().adminReferralSettingsConflict).toBe(true);
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: referralSettingsView({ version: 3 }) });
    await store.getState().loadAdminReferralSettings();
    expect(store.getState()).toMatchObject({ adminReferralSettingsConflict: false, adminReferralSettingsSaveError: null });
    expect(store.getState().adminReferralSettingsView?.version).toBe(3);
  });

  it('a load failure is an error state; a late answer after a reset is dropped', async () => {
    const store = createAdminStore();
    callFunctionMock.mockResolvedValueOnce({ ok: false, error: { code: 'FORBIDDEN', message: '没有权限执行此操作' } });
    await store.getState().loadAdminReferralSettings();
    expect(store.getState()).toMatchObject({ adminReferralSettingsStatus: 'error', adminReferralSettingsError: { code: 'FORBIDDEN' } });

    let answer: (value: Reply) => void = () => undefined;
    callFunctionMock.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    const late = store.getState().loadAdminReferralSettings();
    store.getState().resetAdminReferralSettings();
    answer({ ok: true, data: referralSettingsView() });
    await late;
    expect(store.getState()).toMatchObject({ adminReferralSettingsStatus: 'idle', adminReferralSettingsView: null });
  });

  it('only admins edit', () => {
    const store = createAdminStore();
    store.setState({ profile: staffProfile('moderator') });
    expect(selectIsAdmin(store.getState())).toBe(false);
    store.setState({ profile: staffProfile('admin') });
    expect(selectIsAdmin(store.getState())).toBe(true);
  });
});
