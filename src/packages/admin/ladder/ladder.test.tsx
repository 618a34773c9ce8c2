import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { LadderConfigView } from '@/services/contracts';
import { ladderView, LADDER_CONFIG_INVALID_REFUSAL } from '@/test-support/admin-fixtures';
import { sent, serveWith, typeIn, tap, pageTests } from '@/test-support/admin-test-kit';
import LadderConfigPage from './ladder-page';

// The 等级规则 page with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const serveAs = serveWith({
  ladderConfig: () => ({ ok: true, data: ladderView() }),
});

const openAs = pageTests(<LadderConfigPage />, serveAs, 'resetAdminLadder');

describe('等级规则', () => {
  it('a moderator reads it without inputs or a save button', async () => {
    openAs('moderator');
    const form = await screen.findByTestId('ladder-config-form');
    expect(form.getAttribute('data-readonly')).toBe('true');
    expect(screen.getByTestId('ladder-config-readonly')).toBeTruthy();
    expect(screen.getByTestId('ladder-periodDays').textContent).toBe('180');
    expect(screen.getByTestId('ladder-multiplier-buyer').textContent).toBe('1.2 倍');
    expect(form.querySelector('input')).toBeNull();
    expect(screen.queryByTestId('ladder-config-save')).toBeNull();
  });

  it('an admin saves the edited rules over the loaded version', async () => {
    openAs('admin', { updateLadderConfig: { ok: true, data: ladderView({ version: 4, graceDays: 45 }) } });
    await screen.findByTestId('ladder-config-form');
    expect(screen.getByTestId('ladder-config-version').textContent).toContain('版本 3');
    typeIn('ladder-graceDays', '45');
    typeIn('ladder-multiplier-koc', '2.5');
    fireEvent.click(screen.getByTestId('ladder-draws-follower'));
    await tap('ladder-config-save');

    const [payload] = sent('updateLadderConfig');
    expect(payload.expectedVersion).toBe(3);
    const config = payload.config as LadderConfigView['config'];
    expect(config.graceDays).toBe(45);
    expect(config.benefits.koc.pointsMultiplierPermille).toBe(2500);
    expect(config.benefits.follower.drawsEligible).toBe(true);
    await waitFor(() => expect(screen.getByTestId('ladder-config-version').textContent).toContain('版本 4'));
  });

  it("shows the server's per-field errors next to the fields", async () => {
    serveAs('admin', {
      updateLadderConfig: LADDER_CONFIG_INVALID_REFUSAL,
    });
    render(<LadderConfigPage />);
    await screen.findByTestId('ladder-config-form');
    typeIn('ladder-repeatBuyerOrders', '1');
    await tap('ladder-config-save');

    expect((await screen.findByTestId('ladder-error-thresholds.repeatBuyerOrders')).textContent).toBe('复购会员的订单数需大于已购会员的订单数');
    expect(screen.getByTestId('ladder-error-benefits.koc.pointsMultiplierPermille').textContent).toBe('品牌KOC的积分倍数不能低于复购会员');
    expect(screen.getByTestId('ladder-config-error').textContent).toContain('有 2 项需要修改');
    // Editing a field takes its message away.
    typeIn('ladder-repeatBuyerOrders', '3');
    expect(screen.queryByTestId('ladder-error-thresholds.repeatBuyerOrders')).toBeNull();
  });

  it('catches a field that is not a number before sending', async () => {
    openAs('admin');
    await screen.findByTestId('ladder-config-form');
    typeIn('ladder-periodDays', '');
    // H5's digit field drops a second dot ('1.2.3' arrives as 1.23); a lone dot still gets through.
    typeIn('ladder-multiplier-buyer', '.');
    await tap('ladder-config-save');
    expect(screen.getByTestId('ladder-error-periodDays').textContent).toBe('请填写整数');
    expect(screen.getByTestId('ladder-error-benefits.buyer.pointsMultiplierPermille')).toBeTruthy();
    expect(sent('updateLadderConfig')).toEqual([]);
  });

  it('a version conflict asks to reload, which brings the newer rules', async () => {
    openAs('admin', { updateLadderConfig: { ok: false, error: { code: 'CONFLICT', message: '等级配置已被他人修改，请刷新后重试' } } });
    await screen.findByTestId('ladder-config-form');
    typeIn('ladder-graceDays', '60');
    await tap('ladder-config-save');
    expect((await screen.findByTestId('ladder-config-conflict')).textContent).toContain('规则已被其他管理员修改');

    serveAs('admin', { ladderConfig: { ok: true, data: ladderView({ version: 7, config: { ...ladderView().config, graceDays: 20 } }) } });
    await tap('ladder-config-reload');
    await waitFor(() => expect(screen.queryByTestId('ladder-config-conflict')).toBeNull());
    expect(screen.getByTestId('ladder-config-version').textContent).toContain('版本 7');
    const grace = screen.getByTestId('ladder-graceDays');
    expect((grace.tagName === 'INPUT' ? grace : grace.querySelector('input')!) as HTMLInputElement).toHaveProperty('value', '20');
  });

  it('shows an error with a retry when it cannot be loaded', async () => {
    openAs('moderator', { ladderConfig: { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } } });
    expect((await screen.findByTestId('ladder-config-load-error')).textContent).toContain('网络异常');
  });
});
