import { render, screen, waitFor } from '@testing-library/react';
import type { ReferralConfigView } from '@/services/contracts';
import { sent, serveWith, typeIn, tap, pageTests } from '@/test-support/admin-test-kit';
import { referralSettingsView, REFERRAL_SETTINGS_REFUSAL } from '@/test-support/referral-settings-fixtures';
import ReferralSettingsPage from './referral-settings-page';
import { percentToPermille, permilleToPercent, readReferralSettingsForm, referralSettingsFormOf } from './referral-settings-form-model';

// 推荐规则 with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const serveAs = serveWith({ referralConfig: () => ({ ok: true, data: referralSettingsView() }) });

const inputValue = (testId: string) => {
  const field = screen.getByTestId(testId);
  return ((field.tagName === 'INPUT' ? field : field.querySelector('input')!) as HTMLInputElement).value;
};

const openAs = pageTests(<ReferralSettingsPage />, serveAs, 'resetAdminReferralSettings');

describe('推荐规则', () => {
  it('a moderator reads every number with its unit and explanation, without inputs or a save button', async () => {
    openAs('moderator');
    const form = await screen.findByTestId('referral-settings-form');
    expect(form.getAttribute('data-readonly')).toBe('true');
    expect(screen.getByTestId('referral-settings-readonly')).toBeTruthy();
    expect(screen.getByTestId('referral-settings-holdDays').textContent).toBe('7');
    expect(screen.getByTestId('referral-settings-minOrderPayYuan').textContent).toBe('0.01');
    expect(screen.getByTestId('referral-settings-inactiveMinActivePercent').textContent).toBe('20');
    expect(form.textContent).toContain('归因窗口（天）');
    expect(form.textContent).toContain('好友打开卡片后多少天内加入/下单算你的');
    expect(form.textContent).toContain('退款期结束后才确认并发放奖励');
    expect(form.querySelector('input')).toBeNull();
    expect(screen.queryByTestId('referral-settings-save')).toBeNull();
  });

  it('an admin sees the ranges and saves the edited rules over the loaded version', async () => {
    const saved = referralSettingsView({ version: 3, config: { ...referralSettingsView().config, holdDays: 10, rewardPoints: 50 } });
    openAs('admin', { updateReferralConfig: { ok: true, data: saved } });
    const form = await screen.findByTestId('referral-settings-form');
    expect(screen.getByTestId('referral-settings-version').textContent).toContain('版本 2');
    expect(form.textContent).toContain('不能短于退款期 7 天（7～30 天）');
    typeIn('referral-settings-holdDays', '10');
    typeIn('referral-settings-rewardPoints', '50');
    typeIn('referral-settings-minOrderPayYuan', '9.9');
    typeIn('referral-settings-inactiveMinActivePercent', '12.5');
    await tap('referral-settings-save');

    const [payload] = sent('updateReferralConfig');
    expect(payload.expectedVersion).toBe(2);
    expect(payload.config).toEqual({
      attributionWindowDays: 7,
      holdDays: 10,
      rewardPoints: 50,
      minOrderPayFen: 990,
      dailyRewardCap: 20,
      burst: { windowMinutes: 60, maxReferrals: 10 },
      inactive: { minReferrals: 5, afterDays: 7, minActivePermille: 125 },
    });
    await waitFor(() => expect(screen.getByTestId('referral-settings-version').textContent).toContain('版本 3'));
    expect(inputValue('referral-settings-holdDays')).toBe('10');
  });

  it("shows the server's per-field errors next to the fields", async () => {
    serveAs('admin', {
      updateReferralConfig: REFERRAL_SETTINGS_REFUSAL,
    });
    render(<ReferralSettingsPage />);
    await screen.findByTestId('referral-settings-form');
    typeIn('referral-settings-holdDays', '3');
    typeIn('referral-settings-burstMaxReferrals', '0');
    await tap('referral-settings-save');

    expect((await screen.findByTestId('referral-settings-error-holdDays')).textContent).toContain('退款期内的退款会撤销转化');
    expect(screen.getByTestId('referral-settings-error-burst.maxReferrals').textContent).toBe('集中加入人数至少 1 位');
    expect(screen.getByTestId('referral-settings-error').textContent).toContain('有 2 项需要修改');
    // Editing a field takes its message away.
    typeIn('referral-settings-holdDays', '7');
    expect(screen.queryByTestId('referral-settings-error-holdDays')).toBeNull();
  });

  it('catches a field that is not a number before sending', async () => {
    openAs('admin');
    await screen.findByTestId('referral-settings-form');
    typeIn('referral-settings-attributionWindowDays', '');
    typeIn('referral-settings-minOrderPayYuan', '1.234');
    await tap('referral-settings-save');
    expect(screen.getByTestId('referral-settings-error-attributionWindowDays').textContent).toBe('请填写整数');
    expect(screen.getByTestId('referral-settings-error-minOrderPayFen').textContent).toContain('请填写金额');
    expect(screen.getByTestId('referral-settings-error').textContent).toBe('请按提示修改标红的项目。');
    expect(sent('updateReferralConfig')).toEqual([]);
  });

  it('a version conflict asks to reload, which brings the newer rules', async () => {
    openAs('admin', { updateReferralConfig: { ok: false, error: { code: 'CONFLICT', message: '推荐规则已被他人修改（当前版本 5），请刷新后重试' } } });
    await screen.findByTestId('referral-settings-form');
    typeIn('referral-settings-dailyRewardCap', '30');
    await tap('referral-settings-save');
    expect((await screen.findByTestId('referral-settings-conflict')).textContent).toContain('规则已被其他管理员修改');

    serveAs('admin', {
      referralConfig: { ok: true, data: referralSettingsView({ version: 5, config: { ...referralSettingsView().config, dailyRewardCap: 40 } }) },
    });
    await tap('referral-settings-reload');
    await waitFor(() => expect(screen.queryByTestId('referral-settings-conflict')).toBeNull());
    expect(screen.getByTestId('referral-settings-version').textContent).toContain('版本 5');
    expect(inputValue('referral-settings-dailyRewardCap')).toBe('40');
  });

  it('shows an error with a retry when it cannot be loaded', async () => {
    openAs('moderator', { referralConfig: { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } } });
    expect((await screen.findByTestId('referral-settings-load-error')).textContent).toContain('网络异常');
  });
});

describe('the form model', () => {
  it('percent <-> per-mille and yuan <-> fen round-trip the stored numbers', () => {
    expect(permilleToPercent(200)).toBe('20');
    expect(permilleToPercent(125)).toBe('12.5');
    expect(percentToPermille('12.5')).toBe(125);
    expect(percentToPermille('12.55')).toBeNull();
    const config: ReferralConfigView['config'] = {
      ...referralSettingsView().config,
      minOrderPayFen: 990,
      inactive: { minReferrals: 3, afterDays: 14, minActivePermille: 333 },
    };
    expect(readReferralSettingsForm(referralSettingsFormOf(config))).toEqual({ ok: true, config });
  });
});
