import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { AdminRewardView } from '@/services/contracts';
import { useAdminToolsStore } from '@/packages/admin/store';
import { couponTermsText } from '@/utils/points-text';
import { RewardEditForm } from './reward-form';
import { minTierLabel } from './reward-form-model';
import { CataloguePage, type CatalogueSpec } from '../shared/catalogue-page';
import '../shared/admin.scss';
import '../shared/tools.scss';

/** 积分商城管理: every reward with stock and redemptions. Admins create, edit and list/unlist; moderators read. */
export default function RewardsAdminPage() {
  return <CataloguePage spec={REWARDS} />;
}

const REWARDS: CatalogueSpec<AdminRewardView> = {
  list: 'Rewards',
  item: 'reward',
  words: {
    title: '积分商城管理',
    hint: '会员只能看到上架中的奖品；库存为剩余可兑换数量',
    create: '新建奖品',
    readonly: '你是审核员：可以查看奖品与库存，修改需由管理员操作。',
    loadFailed: '奖品',
    emptyTitle: '还没有奖品',
    emptyForAdmins: '点「新建奖品」上架第一件奖品。',
    emptyForModerators: '管理员上架奖品后会显示在这里。',
    ids: {
      page: 'rewards-admin-page',
      create: 'reward-create',
      readonly: 'rewards-admin-readonly',
      statusError: 'reward-status-error',
      error: 'rewards-admin-error',
      loading: 'rewards-admin-loading',
      empty: 'rewards-admin-empty',
      list: 'rewards-admin-list',
    },
    listClass: 'rewards-admin-list',
  },
  form: (reward, onDone) => <RewardEditForm key={reward?._id ?? 'new'} reward={reward} onDone={onDone} />,
  row: (reward, canEdit, onEdit) => <RewardRow key={reward._id} reward={reward} canEdit={canEdit} onEdit={onEdit} />,
};

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
