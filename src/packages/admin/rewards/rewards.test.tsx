import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useAdminToolsStore } from '@/packages/admin/store';
import { adminReward } from '@/test-support/admin-fixtures';
import { sent, serveWith, typeIn, tap, pageTests } from '@/test-support/admin-test-kit';
import RewardsAdminPage from './rewards-page';
import { refusal } from '@/test-support/replies';

// The 积分商城管理 page with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const serveAs = serveWith({
  rewardsList: () => ({
    ok: true,
    data: {
      rewards: [adminReward(), adminReward({ _id: 'rw_2', title: '帆布袋', kind: 'product', coupon: null, status: 'inactive', remaining: 0, minTier: null })],
    },
  }),
});

const openAs = pageTests(<RewardsAdminPage />, serveAs, 'resetAdminRewards');

describe('积分商城管理', () => {
  it('a moderator sees stock and redemptions without edit buttons', async () => {
    openAs('moderator');
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
    openAs('admin', { saveReward: { ok: true, data: { reward: adminReward({ _id: 'rw_new', title: '8.8 元券' }) } } });
    await screen.findByTestId('rewards-admin-list');
    await tap('reward-create');
    await screen.findByTestId('reward-form');
    typeIn('reward-title', '8.8 元券');
    typeIn('reward-value', '8.8');
    typeIn('reward-min-spend', '39.9');
    typeIn('reward-points-cost', '200');
    typeIn('reward-stock', '50');
    fireEvent.click(screen.getByTestId('reward-min-tier-repeat_buyer'));
    await tap('reward-save');

    expect(sent('saveReward')).toEqual([
      {
        title: '8.8 元券',
        description: '',
        kind: 'coupon',
        pointsCost: 200,
        image: null,
        coupon: { valueFen: 880, minSpendFen: 3990, validDays: 30 },
        minTier: 'repeat_buyer',
        stock: 50,
      },
    ]);
    expect(await screen.findByTestId('reward-row-rw_new')).toBeTruthy();
    expect(screen.queryByTestId('reward-form')).toBeNull();
  });

  it('an edit keeps what it does not show changed (image, tier, stock) and shows refusals at the fields', async () => {
    serveAs('admin', {
      saveReward: refusal('VALIDATION_FAILED', '输入有误：coupon.valueFen 券面额须小于使用门槛', [['coupon.valueFen', '券面额须小于使用门槛']]),
    });
    render(<RewardsAdminPage />);
    await screen.findByTestId('rewards-admin-list');
    await tap('reward-edit-rw_1');
    expect((await screen.findByTestId('reward-form')).getAttribute('data-mode')).toBe('edit');
    typeIn('reward-value', '50');
    await tap('reward-save');

    expect(sent('saveReward')).toEqual([
      {
        rewardId: 'rw_1',
        title: '10 元代金券',
        description: '全场通用',
        kind: 'coupon',
        pointsCost: 300,
        image: 'cloud://env/r.png',
        coupon: { valueFen: 5000, minSpendFen: 5000, validDays: 30 },
        minTier: 'buyer',
        sort: 10,
      },
    ]);
    expect((await screen.findByTestId('reward-error-coupon.valueFen')).textContent).toBe('券面额须小于使用门槛');
    expect(screen.getByTestId('reward-form')).toBeTruthy();
  });

  it('an admin takes a reward off offer', async () => {
    openAs('admin', { setRewardStatus: { ok: true, data: { reward: adminReward({ status: 'inactive' }) } } });
    await screen.findByTestId('rewards-admin-list');
    expect(screen.getByTestId('reward-status-rw_1').textContent).toContain('下架');
    await tap('reward-status-rw_1');
    expect(sent('setRewardStatus')).toEqual([{ rewardId: 'rw_1', status: 'inactive' }]);
    await waitFor(() => expect(screen.getByTestId('reward-row-rw_1').getAttribute('data-status')).toBe('inactive'));
  });

  it('shows empty and error states', async () => {
    const { unmount } = openAs('admin', { rewardsList: { ok: true, data: { rewards: [] } } });
    expect(await screen.findByTestId('rewards-admin-empty')).toBeTruthy();
    unmount();
    useAdminToolsStore.getState().resetAdminRewards();
    openAs('admin', { rewardsList: { ok: false, error: { code: 'FORBIDDEN', message: '没有权限执行此操作' } } });
    expect((await screen.findByTestId('rewards-admin-error')).textContent).toContain('没有权限执行此操作');
  });
});
