import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { type AdminPerkView, useAdminToolsStore } from '@/packages/admin/store';
import { formatLocalDateTime } from '@/utils/date';
import { couponTermsText } from '@/utils/points-text';
import { PerkEditForm } from './perk-form';
import { engagementLabel, kindLabel, perkTierLabel } from './perk-form-model';
import { CataloguePage, type CatalogueSpec } from '../shared/catalogue-page';
import '../shared/admin.scss';
import '../shared/tools.scss';
import './perks.scss';

/** 好友助力活动: perks unlocked by friends who genuinely join (and buy). Admins create, edit and switch; moderators read. */
export default function PerksAdminPage() {
  return <CataloguePage spec={PERKS} />;
}

const PERKS: CatalogueSpec<AdminPerkView> = {
  list: 'Perks',
  item: 'perk',
  words: {
    title: '好友助力活动',
    hint: '会员邀请的好友真实加入会员（或并下单）才计入；仅分享或打开不计入',
    create: '新建活动',
    readonly: '你是审核员：可以查看活动与解锁人数，修改需由管理员操作。',
    loadFailed: '活动',
    emptyTitle: '还没有好友助力活动',
    emptyForAdmins: '点「新建活动」添加第一个活动。',
    emptyForModerators: '管理员添加活动后会显示在这里。',
    ids: {
      page: 'admin-perks-page',
      create: 'admin-perk-new',
      readonly: 'admin-perks-readonly',
      statusError: 'admin-perk-status-error',
      error: 'admin-perks-error',
      loading: 'admin-perks-loading',
      empty: 'admin-perks-empty',
      list: 'admin-perks-list',
    },
    listClass: 'admin-perks-list',
  },
  form: (perk, onDone) => <PerkEditForm key={perk?._id ?? 'new'} perk={perk} onDone={onDone} />,
  row: (perk, canEdit, onEdit) => <PerkRow key={perk._id} perk={perk} canEdit={canEdit} onEdit={onEdit} />,
};

function PerkRow({ perk, canEdit, onEdit }: { perk: AdminPerkView; canEdit: boolean; onEdit: () => void }) {
  const changing = useAdminToolsStore.use.perkStatusChanging();
  const setPerkStatus = useAdminToolsStore((state) => state.setPerkStatus);
  const active = perk.status === 'active';
  const busy = changing !== null;

  const toggle = async () => {
    if (busy) return;
    const result = await setPerkStatus(perk._id, active ? 'inactive' : 'active');
    if (result.ok) void Taro.showToast({ title: active ? '已关闭' : '已开启', icon: 'success' });
  };

  const period = `${formatLocalDateTime(perk.startsAt)} 起${perk.endsAt ? `，至 ${formatLocalDateTime(perk.endsAt)}` : '，长期有效'}`;

  return (
    <View
      className={`card reward-admin${active ? '' : ' reward-admin--inactive'}`}
      data-testid="admin-perk-row"
      data-perk-id={perk._id}
      data-status={perk.status}
    >
      <View className="reward-admin__line">
        <Text className="reward-admin__title">{perk.title}</Text>
        <View className="perk-admin__head-right">
          <Text className={`admin-chip admin-chip--${active ? 'ok' : 'failed'}`} data-testid="admin-perk-status-label">
            {active ? '已开启' : '已关闭'}
          </Text>
          {canEdit ? (
            <View
              className={`perk-switch${active ? ' perk-switch--on' : ''}${changing === perk._id ? ' perk-switch--busy' : ''}`}
              onClick={() => void toggle()}
              data-testid="admin-perk-status"
              data-checked={active ? 'true' : 'false'}
              data-busy={busy ? 'true' : 'false'}
            >
              <View className="perk-switch__knob" />
            </View>
          ) : null}
        </View>
      </View>
      <Text className="perk-admin__rule" data-testid="admin-perk-rule">
        {perk.rule}
      </Text>
      {perk.description ? <Text className="reward-admin__meta">{perk.description}</Text> : null}
      <Text className="reward-admin__meta" data-testid="admin-perk-reward">
        奖励：{kindLabel(perk.kind)}
        {perk.coupon ? `，${couponTermsText(perk.coupon)}，领取后 ${perk.coupon.validDays} 天有效` : ''}
      </Text>
      <Text className="reward-admin__meta" data-testid="admin-perk-terms">
        {perk.requiredFriends} 位好友 · {engagementLabel(perk.engagement)} · {perkTierLabel(perk.minTier)}
      </Text>
      <Text className="reward-admin__meta" data-testid="admin-perk-period">
        {period}
      </Text>
      <View className="reward-admin__numbers">
        <View className="reward-admin__number">
          <Text className="reward-admin__value" data-testid="admin-perk-unlocks">
            {perk.unlocks}
          </Text>
          <Text className="reward-admin__label">已解锁（人）</Text>
        </View>
        <View className="reward-admin__number">
          <Text className="reward-admin__value">{perk.requiredFriends}</Text>
          <Text className="reward-admin__label">需要好友（位）</Text>
        </View>
        <View className="reward-admin__number">
          <Text className="reward-admin__value">{perk.sort}</Text>
          <Text className="reward-admin__label">排序</Text>
        </View>
      </View>
      {canEdit ? (
        <View className="reward-admin__actions">
          <Button size="small" fill="outline" onClick={onEdit} disabled={busy} data-testid="admin-perk-edit">
            编辑
          </Button>
        </View>
      ) : null}
    </View>
  );
}
