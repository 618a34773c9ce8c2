import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { PageState } from '@/components/page-state/page-state';
import { type AdminPerkView, selectIsAdmin, useAdminToolsStore } from '@/packages/admin/store';
import { formatLocalDateTime } from '@/utils/date';
import { couponTermsText } from '@/utils/points-text';
import { staffErrorText } from '../shared/admin-text';
import { PerkEditForm } from './perk-form';
import { engagementLabel, kindLabel, perkTierLabel } from './perk-form-model';
import { StaffGate } from '../shared/staff-gate';
import '../shared/admin.scss';
import '../shared/tools.scss';
import './perks.scss';

/** 好友助力活动: perks unlocked by friends who genuinely join (and buy). Admins create, edit and switch; moderators read. */
export default function PerksAdminPage() {
  return <StaffGate>{() => <PerksArea />}</StaffGate>;
}

/** The form replaces the list: start reading it from its top. */
function scrollToTop() {
  try {
    Promise.resolve(Taro.pageScrollTo({ scrollTop: 0, duration: 0 })).catch(() => undefined);
  } catch {
    // Not available (tests): nothing to scroll.
  }
}

/** What the form is open for: a new perk (null) or an existing one. */
type Editing = { perk: AdminPerkView | null } | null;

function PerksArea() {
  const perks = useAdminToolsStore.use.adminPerks();
  const status = useAdminToolsStore.use.adminPerksStatus();
  const error = useAdminToolsStore.use.adminPerksError();
  const canEdit = useAdminToolsStore(selectIsAdmin);
  const statusError = useAdminToolsStore.use.perkStatusError();
  const load = useAdminToolsStore((state) => state.loadAdminPerks);
  const clearPerkErrors = useAdminToolsStore((state) => state.clearPerkErrors);
  const [editing, setEditing] = useState<Editing>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const open = (next: Editing) => {
    clearPerkErrors();
    setEditing(next);
    scrollToTop();
  };

  if (editing && canEdit) {
    return (
      <View className="page admin-page">
        <PerkEditForm key={editing.perk?._id ?? 'new'} perk={editing.perk} onDone={() => open(null)} />
      </View>
    );
  }

  return (
    <View className="page admin-page" data-testid="admin-perks-page">
      <View className="card admin-section">
        <View className="admin-section__head">
          <Text className="admin-section__title">好友助力活动</Text>
          <Text className="admin-section__hint">会员邀请的好友真实加入会员（或并下单）才计入；仅分享或打开不计入</Text>
        </View>
        {canEdit ? (
          <Button type="primary" block onClick={() => open({ perk: null })} data-testid="admin-perk-new">
            新建活动
          </Button>
        ) : (
          <Text className="admin-note" data-testid="admin-perks-readonly">
            你是审核员：可以查看活动与解锁人数，修改需由管理员操作。
          </Text>
        )}
      </View>
      {statusError ? (
        <Text className="admin-section__error" data-testid="admin-perk-status-error">
          {staffErrorText(statusError.error)}
        </Text>
      ) : null}
      {status === 'error' ? (
        <PageState kind="error" testId="admin-perks-error" title="活动加载失败" description={staffErrorText(error)} actionText="重试" onAction={() => void load()} />
      ) : status !== 'ready' ? (
        <PageState kind="loading" testId="admin-perks-loading" />
      ) : perks.length === 0 ? (
        <PageState kind="empty" testId="admin-perks-empty" title="还没有好友助力活动" description={canEdit ? '点「新建活动」添加第一个活动。' : '管理员添加活动后会显示在这里。'} />
      ) : (
        <View className="admin-perks-list" data-testid="admin-perks-list">
          {perks.map((perk) => (
            <PerkRow key={perk._id} perk={perk} canEdit={canEdit} onEdit={() => open({ perk })} />
          ))}
        </View>
      )}
    </View>
  );
}

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
    <View className={`card reward-admin${active ? '' : ' reward-admin--inactive'}`} data-testid="admin-perk-row" data-perk-id={perk._id} data-status={perk.status}>
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
      <Text className="reward-admin__meta" data-testid="admin-perk-period">{period}</Text>
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
