import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Dialog } from '@nutui/nutui-react-taro';
import { PageState } from '@/components/page-state/page-state';
import { type FlagDecision, type FlagDecisionChoice, type FlagView, selectIsAdmin, useAdminToolsStore } from '@/packages/admin/store';
import { formatFen } from '@/utils/money';
import { formatDateTime, shortOpenid, staffErrorText } from '../shared/admin-text';
import { StaffGate } from '../shared/staff-gate';
import '../shared/admin.scss';
import '../shared/tools.scss';
import './flags.scss';

/** 推荐审核: referrals and friends' orders held back by the server's abuse checks. Admins approve or reject; moderators read. */
export default function FlagsAdminPage() {
  return <StaffGate>{() => <FlagsArea />}</StaffGate>;
}

const nameOf = (nickname: string, id: string) => nickname || shortOpenid(id);

/** What the admin is about to do, in words, before confirming (what it does is the server's). */
function effectText(flag: FlagView, decision: FlagDecisionChoice): string {
  if (decision === 'reject') return '驳回：作废。不计入邀请，也不发放任何奖励。';
  const sharer = nameOf(flag.sharerNickname, flag.sharerId);
  return flag.kind === 'referral'
    ? `通过：计入 ${sharer} 邀请的好友（计入好友助力进度）。`
    : `通过：这笔订单计入 ${sharer} 的推广成绩并发放奖励积分；退款期未过的，期满后发放。`;
}

/** The server's answer, in words. */
function decisionText(decision: FlagDecision): string {
  if (decision.status === 'rejected') return '已驳回：已作废';
  switch (decision.subjectStatus) {
    case 'counted':
      return '已通过：已计入邀请';
    case 'confirmed':
      return '已通过：已计入并发放奖励';
    case 'pending':
      return '已通过：已计入，退款期结束后发放奖励';
    default:
      return '已通过';
  }
}

interface Confirming {
  flag: FlagView;
  decision: FlagDecisionChoice;
}

function FlagsArea() {
  const flags = useAdminToolsStore.use.adminFlags();
  const status = useAdminToolsStore.use.adminFlagsStatus();
  const error = useAdminToolsStore.use.adminFlagsError();
  const decideError = useAdminToolsStore.use.flagDecideError();
  const deciding = useAdminToolsStore.use.flagDeciding();
  const canDecide = useAdminToolsStore(selectIsAdmin);
  const load = useAdminToolsStore((state) => state.loadFlaggedReferrals);
  const decideFlag = useAdminToolsStore((state) => state.decideFlag);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const sending = confirming !== null && deciding === confirming.flag.id;

  useEffect(() => {
    void load();
  }, [load]);

  const send = async () => {
    if (!confirming) return;
    const result = await decideFlag(confirming.flag.id, confirming.decision);
    const approved = confirming.decision === 'approve';
    setConfirming(null);
    if (result.ok) void Taro.showToast({ title: approved ? '已通过' : '已驳回', icon: 'success' });
  };

  // A refusal about an item that left the list (decided meanwhile) is shown above the list.
  const orphanError = decideError && !flags.some((flag) => flag.id === decideError.id) ? decideError.error : null;

  return (
    <View className="page admin-page" data-testid="admin-flags-page">
      <View className="card admin-section">
        <View className="admin-section__head">
          <Text className="admin-section__title">推荐审核</Text>
          <Text className="admin-section__hint">触发风控规则的邀请与好友订单先暂停，审核前不计入、不发放奖励</Text>
        </View>
        <Text className="admin-note">通过：邀请计入，好友订单计入推广成绩并发放奖励；驳回：作废。审核结果无法撤销。</Text>
        {canDecide ? null : (
          <Text className="admin-note" data-testid="admin-flags-readonly">
            你是审核员：可以查看待审核记录，通过或驳回需由管理员操作。
          </Text>
        )}
      </View>
      {orphanError ? (
        <Text className="admin-section__error" data-testid="admin-flag-error">
          {staffErrorText(orphanError)}
        </Text>
      ) : null}
      {status === 'error' ? (
        <PageState
          kind="error"
          testId="admin-flags-error"
          title="待审核记录加载失败"
          description={staffErrorText(error)}
          actionText="重试"
          onAction={() => void load()}
        />
      ) : status !== 'ready' ? (
        <PageState kind="loading" testId="admin-flags-loading" />
      ) : flags.length === 0 ? (
        <PageState kind="empty" testId="admin-flags-empty" title="没有待审核的推荐" description="触发风控规则的邀请与好友订单会出现在这里。" />
      ) : (
        <View className="admin-flags-list" data-testid="admin-flags-list">
          {flags.map((flag) => (
            <FlagRow key={flag.id} flag={flag} canDecide={canDecide} onDecide={(decision) => setConfirming({ flag, decision })} />
          ))}
        </View>
      )}
      <Dialog
        visible={confirming !== null}
        title={confirming?.decision === 'reject' ? '确认驳回' : '确认通过'}
        closeOnOverlayClick={!sending}
        onClose={() => !sending && setConfirming(null)}
        content={
          confirming ? (
            <View className="flag-confirm" data-testid="admin-flag-confirm-dialog" data-decision={confirming.decision}>
              <Text className="flag-confirm__line">
                {confirming.flag.kindText}：{nameOf(confirming.flag.sharerNickname, confirming.flag.sharerId)} →{' '}
                {nameOf(confirming.flag.memberNickname, confirming.flag.memberId)}
              </Text>
              {confirming.flag.orderPayFen !== null ? <Text className="flag-confirm__line">订单实付 {formatFen(confirming.flag.orderPayFen)}</Text> : null}
              <Text className="flag-confirm__effect">{effectText(confirming.flag, confirming.decision)}</Text>
            </View>
          ) : null
        }
        footer={
          <>
            <Button className="nut-dialog-footer-cancel" size="large" disabled={sending} onClick={() => setConfirming(null)} data-testid="admin-flag-cancel">
              取消
            </Button>
            <Button
              className="nut-dialog-footer-ok"
              type={confirming?.decision === 'reject' ? 'danger' : 'primary'}
              size="large"
              loading={sending}
              onClick={() => void send()}
              data-testid="admin-flag-confirm"
            >
              {confirming?.decision === 'reject' ? '确认驳回' : '确认通过'}
            </Button>
          </>
        }
      />
    </View>
  );
}

function FlagRow({ flag, canDecide, onDecide }: { flag: FlagView; canDecide: boolean; onDecide: (decision: FlagDecisionChoice) => void }) {
  const decisions = useAdminToolsStore.use.flagDecisions();
  const deciding = useAdminToolsStore.use.flagDeciding();
  const decideError = useAdminToolsStore.use.flagDecideError();
  const decision = decisions[flag.id] ?? null;
  const refusal = decideError?.id === flag.id ? decideError.error : null;
  const busy = deciding !== null;

  return (
    <View className="card flag-row" data-testid="admin-flag-row" data-flag-id={flag.id} data-kind={flag.kind} data-decision={decision?.status ?? 'open'}>
      <View className="reward-admin__line">
        <Text className="reward-admin__title">{flag.kindText}</Text>
        <Text className={`admin-chip admin-chip--${decision ? (decision.status === 'approved' ? 'ok' : 'failed') : 'denied'}`}>
          {decision ? (decision.status === 'approved' ? '已通过' : '已驳回') : '待审核'}
        </Text>
      </View>
      <Text className="flag-row__people" data-testid="admin-flag-people">
        分享者 {nameOf(flag.sharerNickname, flag.sharerId)} → {flag.kind === 'referral' ? '新会员' : '买家'} {nameOf(flag.memberNickname, flag.memberId)}
      </Text>
      {flag.kind === 'conversion' && flag.orderPayFen !== null ? (
        <View className="admin-order__foot">
          <Text className="reward-admin__meta">订单号 {flag.orderId}</Text>
          <Text className="admin-order__amount" data-testid="admin-flag-amount">
            {formatFen(flag.orderPayFen)}
          </Text>
        </View>
      ) : null}
      <View className="flag-row__reasons" data-testid="admin-flag-reasons">
        {flag.reasonTexts.map((text) => (
          <Text key={text} className="flag-row__reason">
            ⚠ {text}
          </Text>
        ))}
      </View>
      <Text className="reward-admin__meta" data-testid="admin-flag-created">
        {formatDateTime(flag.createdAt)} 暂停
      </Text>
      {decision ? (
        <Text className={`flag-row__decision flag-row__decision--${decision.status}`} data-testid="admin-flag-decision" data-status={decision.status}>
          {decisionText(decision)}
        </Text>
      ) : null}
      {refusal ? (
        <Text className="admin-section__error" data-testid="admin-flag-error">
          {staffErrorText(refusal)}
        </Text>
      ) : null}
      {canDecide && !decision ? (
        <View className="reward-admin__actions">
          <Button size="small" fill="outline" type="danger" disabled={busy} onClick={() => onDecide('reject')} data-testid="admin-flag-reject">
            驳回
          </Button>
          <Button
            size="small"
            type="primary"
            disabled={busy}
            loading={deciding === flag.id}
            onClick={() => onDecide('approve')}
            data-testid="admin-flag-approve"
          >
            通过
          </Button>
        </View>
      ) : null}
    </View>
  );
}
