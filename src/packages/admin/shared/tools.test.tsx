import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { AdjustPointsResult, LadderConfigView, Role } from '@/services/contracts';
import { useAdminToolsStore } from '@/packages/admin/store';
import { adminReward, ladderView } from '@/test-support/admin-fixtures';
import { EMPTY_ADMIN_HOME, clickOn, resetAdminSession, sent, serve, typeInto, type Answers } from '@/test-support/admin-test-kit';
import AdjustPage from '../adjust';
import AdminPage from '../index';
import LadderConfigPage from '../ladder';
import RewardsAdminPage from '../rewards';

// The staff tools' pages with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const adjusted: AdjustPointsResult = {
  entry: {
    _id: 'adjust:x', memberId: 'demo-member', kind: 'adjust', delta: -200, debtDelta: 0, balanceAfter: 1300, debtAfter: 0,
    reason: '客服调整：误发积分收回', lots: [], createdAt: '2025-03-04T05:06:00.000Z',
  },
  replayed: false,
};

const serveAs = (role: Role, answers: Answers = {}) =>
  serve(role, {
    ...EMPTY_ADMIN_HOME,
    ladderConfig: () => ({ ok: true, data: ladderView() }),
    rewardsList: () => ({ ok: true, data: { rewards: [adminReward(), adminReward({ _id: 'rw_2', title: '帆布袋', kind: 'product', coupon: null, status: 'inactive', remaining: 0, minTier: null })] } }),
    ...answers,
  });

const type = (testId: string, value: string) => typeInto(screen.getByTestId(testId), value);
const click = (testId: string) => clickOn(screen.getByTestId(testId));

beforeEach(() => {
  resetAdminSession();
  useAdminToolsStore.getState().resetAdminPoints();
  useAdminToolsStore.getState().resetAdminLadder();
  useAdminToolsStore.getState().resetAdminRewards();
});

describe('the tools on the admin home', () => {
  it('an admin gets all three', async () => {
    serveAs('admin');
    render(<AdminPage />);
    const tools = await screen.findByTestId('admin-tools');
    expect(within(tools).getByTestId('admin-tool-adjust').textContent).toContain('积分调整');
    expect(within(tools).getByTestId('admin-tool-ladder').textContent).not.toContain('只读');
    expect(within(tools).getByTestId('admin-tool-rewards')).toBeTruthy();
  });

  it('a moderator gets the read-only ones and no points adjustment', async () => {
    serveAs('moderator');
    render(<AdminPage />);
    const tools = await screen.findByTestId('admin-tools');
    expect(within(tools).queryByTestId('admin-tool-adjust')).toBeNull();
    expect(within(tools).getByTestId('admin-tool-ladder').textContent).toContain('等级规则（只读）');
    expect(within(tools).getByTestId('admin-tool-rewards').textContent).toContain('积分商城管理（只读）');
  });
});

describe('积分调整', () => {
  async function fillAndConfirm() {
    await screen.findByTestId('adjust-form');
    type('adjust-openid', ' demo-member ');
    fireEvent.click(screen.getByTestId('adjust-sign-minus'));
    type('adjust-amount', '200');
    type('adjust-reason', '误发积分收回');
    await click('adjust-submit');
    expect((await screen.findByTestId('adjust-confirm-dialog')).textContent).toContain('扣减 200 积分');
    expect(sent('adjustPoints')).toEqual([]);
    await click('adjust-confirm');
  }

  it('is refused to a moderator', async () => {
    serveAs('moderator');
    render(<AdjustPage />);
    expect(await screen.findByTestId('adjust-forbidden')).toBeTruthy();
    expect(screen.queryByTestId('adjust-submit')).toBeNull();
  });

  it('checks the form before the confirmation', async () => {
    serveAs('admin');
    render(<AdjustPage />);
    await screen.findByTestId('adjust-form');
    type('adjust-amount', '0');
    type('adjust-reason', '补');
    await click('adjust-submit');

    expect(screen.getByTestId('adjust-openid-error').textContent).toBe('请填写会员的 openid');
    expect(screen.getByTestId('adjust-amount-error').textContent).toBe('调整数量不能为 0');
    expect(screen.getByTestId('adjust-reason-error').textContent).toContain('请写明调整原因');
    expect(screen.queryByTestId('adjust-confirm-dialog')).toBeNull();
  });

  it('debits after the confirmation and shows the new balance', async () => {
    serveAs('admin', { adjustPoints: { ok: true, data: adjusted } });
    render(<AdjustPage />);
    await fillAndConfirm();

    expect(sent('adjustPoints')).toEqual([{ openid: 'demo-member', amount: -200, reason: '误发积分收回', requestId: expect.any(String) }]);
    const result = await screen.findByTestId('adjust-result');
    expect(result.getAttribute('data-balance')).toBe('1300');
    expect(result.textContent).toContain('调整成功');
    expect(screen.getByTestId('adjust-result-balance').textContent).toBe('1300');
  });

  it("shows the server's refusal", async () => {
    serveAs('admin', { adjustPoints: { ok: false, error: { code: 'POINTS_INSUFFICIENT', message: '积分不足：需要 200，可用 50' } } });
    render(<AdjustPage />);
    await fillAndConfirm();
    expect((await screen.findByTestId('adjust-error')).textContent).toBe('积分不足：需要 200，可用 50');
    expect(screen.queryByTestId('adjust-result')).toBeNull();
  });

  it('after a network failure offers a retry with the same request id', async () => {
    serveAs('admin', { adjustPoints: { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } } });
    render(<AdjustPage />);
    await fillAndConfirm();

    expect((await screen.findByTestId('adjust-unknown')).textContent).toContain('结果未知，重试不会重复调整');
    expect(screen.queryByTestId('adjust-submit')).toBeNull();
    serveAs('admin', { adjustPoints: { ok: true, data: adjusted } });
    await click('adjust-retry');

    const ids = sent('adjustPoints').map((p) => p.requestId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    expect(await screen.findByTestId('adjust-result')).toBeTruthy();
  });
});

describe('等级规则', () => {
  it('a moderator reads it without inputs or a save button', async () => {
    serveAs('moderator');
    render(<LadderConfigPage />);
    const form = await screen.findByTestId('ladder-config-form');
    expect(form.getAttribute('data-readonly')).toBe('true');
    expect(screen.getByTestId('ladder-config-readonly')).toBeTruthy();
    expect(screen.getByTestId('ladder-periodDays').textContent).toBe('180');
    expect(screen.getByTestId('ladder-multiplier-buyer').textContent).toBe('1.2 倍');
    expect(form.querySelector('input')).toBeNull();
    expect(screen.queryByTestId('ladder-config-save')).toBeNull();
  });

  it('an admin saves the edited rules over the loaded version', async () => {
    serveAs('admin', { updateLadderConfig: { ok: true, data: ladderView({ version: 4, graceDays: 45 }) } });
    render(<LadderConfigPage />);
    await screen.findByTestId('ladder-config-form');
    expect(screen.getByTestId('ladder-config-version').textContent).toContain('版本 3');
    type('ladder-graceDays', '45');
    type('ladder-multiplier-koc', '2.5');
    fireEvent.click(screen.getByTestId('ladder-draws-follower'));
    await click('ladder-config-save');

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
    render(<LadderConfigPage />);
    await screen.findByTestId('ladder-config-form');
    type('ladder-repeatBuyerOrders', '1');
    await click('ladder-config-save');

    expect((await screen.findByTestId('ladder-error-thresholds.repeatBuyerOrders')).textContent).toBe('复购会员的订单数需大于已购会员的订单数');
    expect(screen.getByTestId('ladder-error-benefits.koc.pointsMultiplierPermille').textContent).toBe('品牌KOC的积分倍数不能低于复购会员');
    expect(screen.getByTestId('ladder-config-error').textContent).toContain('有 2 项需要修改');
    // Editing a field takes its message away.
    type('ladder-repeatBuyerOrders', '3');
    expect(screen.queryByTestId('ladder-error-thresholds.repeatBuyerOrders')).toBeNull();
  });

  it('catches a field that is not a number before sending', async () => {
    serveAs('admin');
    render(<LadderConfigPage />);
    await screen.findByTestId('ladder-config-form');
    type('ladder-periodDays', '');
    type('ladder-multiplier-buyer', '1.2.3');
    await click('ladder-config-save');
    expect(screen.getByTestId('ladder-error-periodDays').textContent).toBe('请填写整数');
    expect(screen.getByTestId('ladder-error-benefits.buyer.pointsMultiplierPermille')).toBeTruthy();
    expect(sent('updateLadderConfig')).toEqual([]);
  });

  it('a version conflict asks to reload, which brings the newer rules', async () => {
    serveAs('admin', { updateLadderConfig: { ok: false, error: { code: 'CONFLICT', message: '等级配置已被他人修改，请刷新后重试' } } });
    render(<LadderConfigPage />);
    await screen.findByTestId('ladder-config-form');
    type('ladder-graceDays', '60');
    await click('ladder-config-save');
    expect((await screen.findByTestId('ladder-config-conflict')).textContent).toContain('规则已被其他管理员修改');

    serveAs('admin', { ladderConfig: { ok: true, data: ladderView({ version: 7, config: { ...ladderView().config, graceDays: 20 } }) } });
    await click('ladder-config-reload');
    await waitFor(() => expect(screen.queryByTestId('ladder-config-conflict')).toBeNull());
    expect(screen.getByTestId('ladder-config-version').textContent).toContain('版本 7');
    const grace = screen.getByTestId('ladder-graceDays');
    expect((grace.tagName === 'INPUT' ? grace : grace.querySelector('input')!) as HTMLInputElement).toHaveProperty('value', '20');
  });

  it('shows an error with a retry when it cannot be loaded', async () => {
    serveAs('moderator', { ladderConfig: { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } } });
    render(<LadderConfigPage />);
    expect((await screen.findByTestId('ladder-config-load-error')).textContent).toContain('网络异常');
  });
});

describe('积分商城管理', () => {
  it('a moderator sees stock and redemptions without edit buttons', async () => {
    serveAs('moderator');
    render(<RewardsAdminPage />);
    const list = await screen.findByTestId('rewards-admin-list');
    expect(screen.getByTestId('reward-remaining-rw_1').textContent).toBe('12');
    expect(screen.getByTestId('reward-redeemed-rw_1').textContent).toBe('3');
    expect(within(list).getByTestId('reward-row-rw_1').textContent).toContain('满 ¥50.00 减 ¥10.00');
    expect(screen.getByTestId('reward-status-label-rw_2').textContent).toBe('已下架');
    expect(screen.getByTestId('rewards-admin-readonly')).toBeTruthy();
    expect(screen.queryByTestId('reward-edit-rw_1')).toBeNull();
    expect(screen.queryByTestId('reward-create')).toBeNull();
  });

  it('an admin creates a coupon reward typed in yuan, sent in fen', async () => {
    serveAs('admin', { saveReward: { ok: true, data: { reward: adminReward({ _id: 'rw_new', title: '8.8 元券' }) } } });
    render(<RewardsAdminPage />);
    await screen.findByTestId('rewards-admin-list');
    await click('reward-create');
    await screen.findByTestId('reward-form');
    type('reward-title', '8.8 元券');
    type('reward-value', '8.8');
    type('reward-min-spend', '39.9');
    type('reward-points-cost', '200');
    type('reward-stock', '50');
    fireEvent.click(screen.getByTestId('reward-min-tier-repeat_buyer'));
    await click('reward-save');

    expect(sent('saveReward')).toEqual([{
      title: '8.8 元券', description: '', kind: 'coupon', pointsCost: 200, image: null,
      coupon: { valueFen: 880, minSpendFen: 3990, validDays: 30 }, minTier: 'repeat_buyer', stock: 50,
    }]);
    expect(await screen.findByTestId('reward-row-rw_new')).toBeTruthy();
    expect(screen.queryByTestId('reward-form')).toBeNull();
  });

  it('an edit keeps what it does not show changed (image, tier, stock) and shows refusals at the fields', async () => {
    serveAs('admin', {
      saveReward: {
        ok: false,
        error: { code: 'VALIDATION_FAILED', message: '输入有误：coupon.valueFen 券面额须小于使用门槛', details: [{ path: 'coupon.valueFen', message: '券面额须小于使用门槛' }] } as never,
      },
    });
    render(<RewardsAdminPage />);
    await screen.findByTestId('rewards-admin-list');
    await click('reward-edit-rw_1');
    expect((await screen.findByTestId('reward-form')).getAttribute('data-mode')).toBe('edit');
    type('reward-value', '50');
    await click('reward-save');

    expect(sent('saveReward')).toEqual([{
      rewardId: 'rw_1', title: '10 元代金券', description: '全场通用', kind: 'coupon', pointsCost: 300, image: 'cloud://env/r.png',
      coupon: { valueFen: 5000, minSpendFen: 5000, validDays: 30 }, minTier: 'buyer', sort: 10,
    }]);
    expect((await screen.findByTestId('reward-error-coupon.valueFen')).textContent).toBe('券面额须小于使用门槛');
    expect(screen.getByTestId('reward-form')).toBeTruthy();
  });

  it('an admin takes a reward off offer', async () => {
    serveAs('admin', { setRewardStatus: { ok: true, data: { reward: adminReward({ status: 'inactive' }) } } });
    render(<RewardsAdminPage />);
    await screen.findByTestId('rewards-admin-list');
    expect(screen.getByTestId('reward-status-rw_1').textContent).toContain('下架');
    await click('reward-status-rw_1');
    expect(sent('setRewardStatus')).toEqual([{ rewardId: 'rw_1', status: 'inactive' }]);
    await waitFor(() => expect(screen.getByTestId('reward-row-rw_1').getAttribute('data-status')).toBe('inactive'));
  });

  it('shows empty and error states', async () => {
    serveAs('admin', { rewardsList: { ok: true, data: { rewards: [] } } });
    const { unmount } = render(<RewardsAdminPage />);
    expect(await screen.findByTestId('rewards-admin-empty')).toBeTruthy();
    unmount();
    useAdminToolsStore.getState().resetAdminRewards();
    serveAs('admin', { rewardsList: { ok: false, error: { code: 'FORBIDDEN', message: '没有权限执行此操作' } } });
    render(<RewardsAdminPage />);
    expect((await screen.findByTestId('rewards-admin-error')).textContent).toContain('没有权限执行此操作');
  });
});
