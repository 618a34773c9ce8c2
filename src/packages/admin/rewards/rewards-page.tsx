import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { PageState } from '@/components/page-state/page-state';
import type { AdminRewardView } from '@/services/contracts';
import { selectIsAdmin, useAdminToolsStore } from '@/packages/admin/store';
import { couponTermsText } from '@/utils/points-text';
import { staffErrorText } from '../shared/admin-text';
import { RewardEditForm } from './reward-form';
import { minTierLabel } from './reward-form-model';
import { StaffGate } from '../shared/staff-gate';
import '../shared/admin.scss';
import '../shared/tools.scss';

/** 积分商城管理: every reward with stock and redemptions. Admins create, edit and list/unlist; moderators read. */
export default function RewardsAdminPage() {
  return <StaffGate>{() => <RewardsArea />}</StaffGate>;
}

/** The form replaces the list: start reading it from its top. */
function scrollToTop() {
  try {
    Promise.resolve(Taro.pageScrollTo({ scrollTop: 0, duration: 0 })).catch(() => undefined);
  } catch {
    // Not available (tests): nothing to scroll.
  }
}

/** What the form is open for: a new reward (null) or an existing one. */
type Editing = { reward: AdminRewardView | null } | null;

function RewardsArea() {
  const rewards = useAdminToolsStore.use.adminRewards();
  const status = useAdminToolsStore.use.adminRewardsStatus();
  const error = useAdminToolsStore.use.adminRewardsError();
  const canEdit = useAdminToolsStore(selectIsAdmin);
  const statusError = useAdminToolsStore.use.rewardStatusError();
  const load = useAdminToolsStore((state) => state.loadAdminRewards);
  const clearRewardErrors = useAdminToolsStore((state) => state.clearRewardErrors);
  const [editing, setEditing] = useState<Editing>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const open = (next: Editing) => {
    clearRewardErrors();
    setEditing(next);
    scrollToTop();
  };

  if (editing && canEdit) {
    return (
      <View className="page admin-page">
        <RewardEditForm key={editing.reward?._id ?? 'new'} reward={editing.reward} onDone={() => open(null)} />
      </View>
    );
  }

  return (
    <View className="page admin-page" data-testid="rewards-admin-page">
      <View className="card admin-section">
        <View className="admin-section__head">
          <Text className="admin-section__title">积分商城管理</Text>
          <Text className="admin-section__hint">会员只能看到上架中的奖品；库存为剩余可兑换数量</Text>
        </View>
        {canEdit ? (
          <Button type="primary" block onClick={() => open({ reward: null })} data-testid="reward-create">
            新建奖品
          </Button>
        ) : (
          <Text className="admin-note" data-testid="rewards-admin-readonly">
            你是审核员：可以查看奖品与库存，修改需由管理员操作。
          </Text>
        )}
      </View>
      {statusError ? (
        <Text className="admin-section__error" data-testid="reward-status-error">
          {staffErrorText(statusError.error)}
        </Text>
      ) : null}
      {status === 'error' ? (
        <PageState kind="error" testId="rewards-admin-error" title="奖品加载失败" description={staffErrorText(error)} actionText="重试" onAction={load} />
      ) : status !== 'ready' ? (
        <PageState kind="loading" testId="rewards-admin-loading" />
      ) : rewards.length === 0 ? (
        <PageState kind="empty" testId="rewards-admin-empty" title="还没有奖品" description={canEdit ? '点「新建奖品」上架第一件奖品。' : '管理员上架奖品后会显示在这里。'} />
      ) : (
        <View className="rewards-admin-list" data-testid="rewards-admin-list">
          {rewards.map((reward) => (
            <RewardRow key={reward._id} reward={reward} canEdit={canEdit} onEdit={() => open({ reward })} />
          ))}
        </View>
      )}
    </View>
  );
}

function RewardRow({ reward, canEdit, onEdit }: { reward: AdminRewardView; canEdit: boolean; onEdit: () => void }) {
  const changing = useAdminToolsStore.use.rewardStatusChanging();
  const setRewardStatus = useAdminToolsStore((state) => state.setRewardStatus);
  const active = reward.status === 'active';

  const toggle = async () => {
    const result = await setRewardStatus(reward._id, active ? 'inactive' : 'active');
    if (result.ok) void Taro.showToast({ title: active ? '已下架' : '已上架', icon: 'success' });
  };

  return (
    <View className={`card reward-admin${active ? '' : ' reward-admin--inactive'}`} data-testid={`reward-row-${reward._id}`} data-status={reward.status}>
      <View className="reward-admin__line">
        <Text className="reward-admin__title">{reward.title}</Text>
        <Text className={`admin-chip reward-admin__status admin-chip--${active ? 'ok' : 'failed'}`} data-testid={`reward-status-label-${reward._id}`}>
          {active ? '上架中' : '已下架'}
        </Text>
      </View>
      <Text className="reward-admin__meta">
        {reward.kind === 'coupon' ? '优惠券' : '实物'} · {reward.pointsCost} 积分 · {minTierLabel(reward.minTier)}
      </Text>
      {reward.coupon ? (
        <Text className="reward-admin__meta">
          {couponTermsText(reward.coupon)} · 领取后 {reward.coupon.validDays} 天有效
        </Text>
      ) : null}
      <View className="reward-admin__numbers">
        <View className="reward-admin__number">
          <Text className={`reward-admin__value${reward.remaining === 0 ? ' reward-admin__value--out' : ''}`} data-testid={`reward-remaining-${reward._id}`}>
            {reward.remaining}
          </Text>
          <Text className="reward-admin__label">剩余库存</Text>
        </View>
        <View className="reward-admin__number">
          <Text className="reward-admin__value" data-testid={`reward-redeemed-${reward._id}`}>
            {reward.redeemed}
          </Text>
          <Text className="reward-admin__label">已兑换</Text>
        </View>
        <View className="reward-admin__number">
          <Text className="reward-admin__value">{reward.sort}</Text>
          <Text className="reward-admin__label">排序</Text>
        </View>
      </View>
      {canEdit ? (
        <View className="reward-admin__actions">
          <Button size="small" fill="outline" onClick={onEdit} disabled={changing !== null} data-testid={`reward-edit-${reward._id}`}>
            编辑
          </Button>
          <Button
            size="small"
            fill="outline"
            type={active ? 'danger' : 'primary'}
            loading={changing === reward._id}
            disabled={changing !== null}
            onClick={() => void toggle()}
            data-testid={`reward-status-${reward._id}`}
          >
            {active ? '下架' : '上架'}
          </Button>
        </View>
      ) : null}
    </View>
  );
}
