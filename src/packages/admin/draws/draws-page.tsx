import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { PageState } from '@/components/page-state/page-state';
import type { AdminDrawView, TierKey } from '@/services/contracts';
import { selectIsAdmin, useAdminToolsStore } from '@/packages/admin/store';
import { formatLocalDateTime } from '@/utils/date';
import { staffErrorText } from '../shared/admin-text';
import { FieldInput } from '../shared/form-field';
import { StaffGate } from '../shared/staff-gate';
import { DrawCreateForm } from './draw-form';
import { drawTierLabel } from './draw-form-model';
import '../shared/admin.scss';
import '../shared/tools.scss';
import './draws.scss';

/** 限量抽签管理: admins create, cancel and draw; moderators read (the server checks and audits every call). */
export default function DrawsAdminPage() {
  return <StaffGate>{() => <DrawsArea />}</StaffGate>;
}

type View_ = { kind: 'list' } | { kind: 'create' } | { kind: 'detail'; drawId: string };

function scrollToTop() {
  try {
    Promise.resolve(Taro.pageScrollTo({ scrollTop: 0, duration: 0 })).catch(() => undefined);
  } catch {
    // Not available (tests): nothing to scroll.
  }
}

function DrawsArea() {
  const canEdit = useAdminToolsStore(selectIsAdmin);
  const clearErrors = useAdminToolsStore((state) => state.clearDrawErrors);
  const [view, setView] = useState<View_>({ kind: 'list' });
  const open = (next: View_) => {
    clearErrors();
    setView(next);
    scrollToTop();
  };

  if (view.kind === 'create' && canEdit) {
    return (
      <View className="page admin-page">
        <DrawCreateForm onDone={() => open({ kind: 'list' })} />
      </View>
    );
  }
  if (view.kind === 'detail') return <DrawDetailArea drawId={view.drawId} canEdit={canEdit} onBack={() => open({ kind: 'list' })} />;
  return <DrawList canEdit={canEdit} onCreate={() => open({ kind: 'create' })} onOpen={(drawId) => open({ kind: 'detail', drawId })} />;
}

/** The status staff read: the server's status, and for a scheduled draw where it stands in time. */
export function statusLabel(draw: Pick<AdminDrawView, 'status' | 'phase'>): { text: string; tone: 'ok' | 'denied' | 'failed' | 'plain' } {
  switch (draw.status) {
    case 'scheduled':
      return draw.phase === 'upcoming'
        ? { text: '未开始', tone: 'plain' }
        : draw.phase === 'open'
          ? { text: '报名中', tone: 'ok' }
          : { text: '待开奖', tone: 'denied' };
    case 'drawing':
      return { text: '开奖中', tone: 'denied' };
    case 'drawn':
      return { text: '已开奖 · 付款中', tone: 'ok' };
    case 'finished':
      return { text: '已结束', tone: 'plain' };
    case 'cancelled':
      return { text: '已取消', tone: 'failed' };
  }
}

function DrawList({ canEdit, onCreate, onOpen }: { canEdit: boolean; onCreate: () => void; onOpen: (drawId: string) => void }) {
  const draws = useAdminToolsStore.use.adminDraws();
  const status = useAdminToolsStore.use.adminDrawsStatus();
  const error = useAdminToolsStore.use.adminDrawsError();
  const load = useAdminToolsStore((state) => state.loadAdminDraws);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <View className="page admin-page" data-testid="admin-draws-page">
      <View className="card admin-section">
        <View className="admin-section__head">
          <Text className="admin-section__title">限量抽签</Text>
          <Text className="admin-section__hint">每位会员限报名一次；开奖结果由创建时承诺的随机种子和报名名单决定，任何人可复算</Text>
        </View>
        {canEdit ? (
          <Button type="primary" block onClick={onCreate} data-testid="admin-draw-new">
            新建抽签
          </Button>
        ) : (
          <Text className="admin-note" data-testid="admin-draws-readonly">
            你是审核员：可以查看抽签、报名与结果，创建、取消和开奖需由管理员操作。
          </Text>
        )}
      </View>
      {status === 'error' ? (
        <PageState
          kind="error"
          testId="admin-draws-error"
          title="抽签加载失败"
          description={staffErrorText(error)}
          actionText="重试"
          onAction={() => void load()}
        />
      ) : status !== 'ready' ? (
        <PageState kind="loading" testId="admin-draws-loading" />
      ) : draws.length === 0 ? (
        <PageState
          kind="empty"
          testId="admin-draws-empty"
          title="还没有抽签"
          description={canEdit ? '点「新建抽签」发布第一场限量抽签。' : '管理员创建抽签后会显示在这里。'}
        />
      ) : (
        <View data-testid="admin-draws-list">
          {draws.map((draw) => {
            const label = statusLabel(draw);
            return (
              <View
                key={draw.id}
                className="card reward-admin admin-draw-row"
                onClick={() => onOpen(draw.id)}
                data-testid="admin-draw-row"
                data-draw-id={draw.id}
                data-status={draw.status}
              >
                <View className="reward-admin__line">
                  <Text className="reward-admin__title">{draw.title}</Text>
                  <Text className={`admin-chip admin-chip--${label.tone}`} data-testid="admin-draw-status">
                    {label.text}
                  </Text>
                </View>
                <Text className="reward-admin__meta">
                  {draw.productName} · 名额 {draw.units} · 候补 {draw.waitlistLength}
                </Text>
                <Text className="reward-admin__meta">开奖 {formatLocalDateTime(draw.drawAt)}</Text>
                <View className="reward-admin__numbers">
                  <View className="reward-admin__number">
                    <Text className="reward-admin__value" data-testid="admin-draw-entries">
                      {draw.entryCount}
                    </Text>
                    <Text className="reward-admin__label">报名（人）</Text>
                  </View>
                  <View className="reward-admin__number">
                    <Text className="reward-admin__value">{draw.units}</Text>
                    <Text className="reward-admin__label">名额</Text>
                  </View>
                  <View className="reward-admin__number">
                    <Text className="reward-admin__value">{draw.purchaseHours}</Text>
                    <Text className="reward-admin__label">付款时限（时）</Text>
                  </View>
                </View>
              </View>
            );
          })}
        </View>
      )}
    </View>
  );
}

const TIER_ROWS: ReadonlyArray<{ tier: TierKey; name: string }> = [
  { tier: 'member', name: '未购会员' },
  { tier: 'buyer', name: '已购会员' },
  { tier: 'repeat_buyer', name: '复购会员' },
  { tier: 'koc', name: '品牌KOC' },
];

const RESULT_ROWS = [
  { key: 'won', name: '中签待付/已付' },
  { key: 'paid', name: '已付款' },
  { key: 'waitlist', name: '候补中' },
  { key: 'forfeited', name: '逾期未付' },
  { key: 'promoted', name: '候补转正' },
] as const;

function DrawDetailArea({ drawId, canEdit, onBack }: { drawId: string; canEdit: boolean; onBack: () => void }) {
  const draw = useAdminToolsStore.use.adminDraw();
  const status = useAdminToolsStore.use.adminDrawStatus();
  const error = useAdminToolsStore.use.adminDrawError();
  const load = useAdminToolsStore((state) => state.loadAdminDraw);

  useEffect(() => {
    void load(drawId);
  }, [drawId, load]);

  const back = (
    <Text className="admin-draw__back" onClick={onBack} data-testid="admin-draw-back">
      ‹ 全部抽签
    </Text>
  );
  if (status === 'error' && (!draw || draw.id !== drawId)) {
    return (
      <View className="page admin-page">
        {back}
        <PageState
          kind="error"
          testId="admin-draw-error"
          title="抽签加载失败"
          description={staffErrorText(error)}
          actionText="重试"
          onAction={() => void load(drawId)}
        />
      </View>
    );
  }
  if (!draw || draw.id !== drawId) {
    return (
      <View className="page admin-page">
        {back}
        <PageState kind="loading" testId="admin-draw-loading" />
      </View>
    );
  }
  const label = statusLabel(draw);
  return (
    <View className="page admin-page" data-testid="admin-draw-detail" data-status={draw.status} data-draw-id={draw.id}>
      {back}
      <View className="card admin-section">
        <View className="reward-admin__line">
          <Text className="admin-section__title">{draw.title}</Text>
          <Text className={`admin-chip admin-chip--${label.tone}`} data-testid="admin-draw-status">
            {label.text}
          </Text>
        </View>
        <Text className="reward-admin__meta">
          {draw.productName} · 名额 {draw.units} · 候补 {draw.waitlistLength} · {drawTierLabel(draw.minTier)}
          {draw.minMemberDays > 0 ? ` · 入会满 ${draw.minMemberDays} 天` : ''}
        </Text>
        <Text className="reward-admin__meta">
          报名 {formatLocalDateTime(draw.opensAt)} 至 {formatLocalDateTime(draw.closesAt)}
        </Text>
        <Text className="reward-admin__meta">
          开奖 {formatLocalDateTime(draw.drawAt)} · 付款时限 {draw.purchaseHours} 小时
        </Text>
        {draw.cancelReason ? (
          <Text className="reward-admin__meta" data-testid="admin-draw-cancel-reason-shown">
            取消原因：{draw.cancelReason}
          </Text>
        ) : null}
        <Text className="admin-draw__label">种子哈希（创建时公布）</Text>
        <Text className="admin-draw__hash" selectable data-testid="admin-draw-commitment">
          {draw.commitment}
        </Text>
      </View>

      <View className="card admin-section" data-testid="admin-draw-entries-by-tier">
        <Text className="admin-section__title">报名（共 {draw.entryCount} 人）</Text>
        {TIER_ROWS.map((row) => (
          <View key={row.tier} className="admin-draw__row">
            <Text>{row.name}</Text>
            <Text className="admin-draw__count" data-testid={`admin-draw-tier-${row.tier}`}>
              {draw.entriesByTier?.[row.tier] ?? 0}
            </Text>
          </View>
        ))}
      </View>

      {draw.results ? (
        <View className="card admin-section" data-testid="admin-draw-results">
          <Text className="admin-section__title">开奖结果与付款</Text>
          {RESULT_ROWS.map((row) => (
            <View key={row.key} className="admin-draw__row">
              <Text>{row.name}</Text>
              <Text className="admin-draw__count" data-testid={`admin-draw-result-${row.key}`}>
                {draw.results![row.key]}
              </Text>
            </View>
          ))}
          <Text className="admin-note">逾期未付的名额依次递补给候补；候补用完后，剩余名额退回商品库存。</Text>
        </View>
      ) : null}

      {canEdit ? <DrawActions draw={draw} /> : null}
    </View>
  );
}

/** Draw now (entries closed) and cancel with a reason (before the draw): admins only; the server checks again. */
function DrawActions({ draw }: { draw: AdminDrawView }) {
  const acting = useAdminToolsStore.use.drawActing();
  const actionError = useAdminToolsStore.use.drawActionError();
  const cancelDraw = useAdminToolsStore((state) => state.cancelDraw);
  const drawNow = useAdminToolsStore((state) => state.drawNow);
  const [reason, setReason] = useState('');
  const canCancel = draw.status === 'scheduled';
  const canDraw = (draw.status === 'scheduled' && draw.phase === 'closed') || draw.status === 'drawing';
  if (!canCancel && !canDraw) return null;

  const onDraw = async () => {
    const result = await drawNow(draw.id);
    if (result.ok) void Taro.showToast({ title: result.data.draw.status === 'drawing' ? '开奖中，稍后刷新' : '已开奖', icon: 'success' });
  };
  const onCancel = async () => {
    const result = await cancelDraw(draw.id, reason);
    if (result.ok) void Taro.showToast({ title: '抽签已取消', icon: 'success' });
  };

  return (
    <View className="card admin-section" data-testid="admin-draw-actions">
      {canDraw ? (
        <>
          <Text className="admin-section__title">立即开奖</Text>
          <Text className="admin-note">报名已截止：可以不等开奖时间，现在就开奖。</Text>
          <Button type="primary" block loading={acting === 'drawNow'} disabled={acting !== null} onClick={() => void onDraw()} data-testid="admin-draw-now">
            立即开奖
          </Button>
        </>
      ) : null}
      {canCancel ? (
        <View className="admin-draw__cancel">
          <Text className="admin-section__title">取消抽签</Text>
          <Text className="admin-note">取消后名额退回库存，报名者会收到取消通知（原因会告知他们）。</Text>
          <View className="form-field">
            <FieldInput value={reason} onChange={setReason} testId="admin-draw-cancel-reason" placeholder="取消原因，例如 到货延迟" maxLength={60} />
          </View>
          <Button
            type="danger"
            fill="outline"
            block
            loading={acting === 'cancel'}
            disabled={acting !== null || reason.trim().length < 2}
            onClick={() => void onCancel()}
            data-testid="admin-draw-cancel"
          >
            取消抽签
          </Button>
        </View>
      ) : null}
      {actionError ? (
        <Text className="admin-section__error" data-testid="admin-draw-action-error">
          {staffErrorText(actionError)}
        </Text>
      ) : null}
    </View>
  );
}
