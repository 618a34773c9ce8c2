import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { FilterTabs } from '@/components/filter-tabs/filter-tabs';
import { PageState } from '@/components/page-state/page-state';
import type { AdminRefundView } from '@/services/contracts';
import { type RefundQueueStatus, selectIsAdmin, useAdminToolsStore } from '@/packages/admin/store';
import { fieldErrorsOf } from '@/utils/field-errors';
import { formatFen } from '@/utils/money';
import { formatDateTime, shortOpenid, staffErrorText } from '../shared/admin-text';
import { FieldInput, ToggleChip } from '../shared/form-field';
import { StaffGate } from '../shared/staff-gate';
import '../shared/admin.scss';
import '../shared/tools.scss';

const TABS: ReadonlyArray<{ key: RefundQueueStatus; label: string }> = [
  { key: 'requested', label: '待审核' },
  { key: 'all', label: '全部' },
];

/** The server takes 2..200 characters; said here so staff learn it before sending. */
const REJECT_REASON_MIN = 2;
const REJECT_REASON_MAX = 200;

function rejectReasonProblem(reason: string): string {
  const text = reason.trim();
  if (!text) return '请填写驳回原因';
  if (text.length < REJECT_REASON_MIN) return `驳回原因至少 ${REJECT_REASON_MIN} 个字`;
  return '';
}

/** 退款审核: refund requests with their order; admins approve (goods back on sale or not) or reject with a reason. */
export default function RefundsAdminPage() {
  return <StaffGate>{() => <RefundsArea />}</StaffGate>;
}

function RefundsArea() {
  const refunds = useAdminToolsStore.use.adminRefunds();
  const queue = useAdminToolsStore.use.adminRefundsQueue();
  const status = useAdminToolsStore.use.adminRefundsStatus();
  const error = useAdminToolsStore.use.adminRefundsError();
  const canDecide = useAdminToolsStore(selectIsAdmin);
  const load = useAdminToolsStore((state) => state.loadRefundQueue);
  const [opened] = useState(queue);

  useEffect(() => {
    void load(opened);
  }, [load, opened]);

  return (
    <View className="page admin-page" data-testid="admin-refunds-page">
      <FilterTabs tabs={TABS} value={queue} onChange={(next) => void load(next)} testIdPrefix="admin-refunds-tab" />
      <View className="card admin-section">
        <View className="admin-section__head">
          <Text className="admin-section__title">退款审核</Text>
          <Text className="admin-section__hint">同意后整单原路退款，订单送出的积分扣回；可选择是否把商品退回库存重新销售。</Text>
        </View>
        {canDecide ? null : (
          <Text className="admin-note" data-testid="admin-refunds-readonly">
            你是审核员：可以查看退款申请，审核需由管理员操作。
          </Text>
        )}
      </View>
      {status === 'error' ? (
        <PageState
          kind="error"
          testId="admin-refunds-error"
          title="退款申请加载失败"
          description={staffErrorText(error)}
          actionText="重试"
          onAction={() => void load(queue)}
        />
      ) : status !== 'ready' ? (
        <PageState kind="loading" testId="admin-refunds-loading" />
      ) : refunds.length === 0 ? (
        <PageState
          kind="empty"
          testId="admin-refunds-empty"
          title={queue === 'requested' ? '没有待审核的退款' : '还没有退款申请'}
          description="会员申请退款后会出现在这里。"
        />
      ) : (
        <View className="admin-refunds-list" data-testid="admin-refunds-list">
          {refunds.map((refund) => (
            <RefundRow key={refund._id} refund={refund} canDecide={canDecide} />
          ))}
        </View>
      )}
    </View>
  );
}

function RefundRow({ refund, canDecide }: { refund: AdminRefundView; canDecide: boolean }) {
  const deciding = useAdminToolsStore.use.refundDeciding();
  const decideError = useAdminToolsStore.use.refundDecideError();
  const decideRefund = useAdminToolsStore((state) => state.decideRefund);
  const [restock, setRestock] = useState(true);
  const [rejecting, setRejecting] = useState(false);
  const [rejectReason, setRejectReason] = useState('');
  const [reasonProblem, setReasonProblem] = useState('');
  const busy = deciding !== null;
  const mine = deciding === refund._id;
  const refusal = decideError?.refundId === refund._id ? decideError.error : null;
  const { order } = refund;

  const approve = async () => {
    const result = await decideRefund({ refundId: refund._id, decision: 'approve', restock });
    if (result.ok) void Taro.showToast({ title: '已同意退款', icon: 'success' });
  };

  const reject = async () => {
    const problem = rejectReasonProblem(rejectReason);
    setReasonProblem(problem);
    if (problem) return;
    const result = await decideRefund({ refundId: refund._id, decision: 'reject', rejectReason: rejectReason.trim() });
    if (result.ok) {
      setRejecting(false);
      void Taro.showToast({ title: '已驳回', icon: 'success' });
    } else {
      const onReason = fieldErrorsOf(result.error).rejectReason;
      if (onReason) setReasonProblem(onReason);
    }
  };

  return (
    <View className="card admin-refund" data-testid="admin-refund-row" data-refund-id={refund._id} data-order-id={refund.orderId} data-status={refund.status}>
      <View className="reward-admin__line">
        <Text className="reward-admin__title">
          {refund.memberNickname || '未设置昵称'}
          <Text className="admin-order__openid"> {shortOpenid(refund.memberId)}</Text>
        </Text>
        <Text
          className={`admin-chip admin-chip--${refund.status === 'rejected' ? 'failed' : refund.status === 'requested' ? 'denied' : 'ok'}`}
          data-testid="admin-refund-status"
        >
          {refund.statusText}
        </Text>
      </View>
      <Text className="reward-admin__meta">
        订单号 {refund.orderId} · {order.statusText}
      </Text>
      <View className="admin-order__lines">
        {order.lines.map((line) => (
          <Text key={line.productId} className="admin-order__line">
            {line.name} ×{line.qty}
          </Text>
        ))}
      </View>
      <View className="admin-order__foot">
        <Text className="reward-admin__meta">
          {order.paidAt ? `支付 ${formatDateTime(order.paidAt)}` : '未支付'}
          {order.pointsEarned !== null ? ` · 已发 ${order.pointsEarned} 积分` : ''}
        </Text>
        <Text className="admin-order__amount" data-testid="admin-refund-amount">
          退 {formatFen(refund.amountFen)}
        </Text>
      </View>
      <Text className="admin-refund__reason" data-testid="admin-refund-reason">
        退款原因：{refund.reason}
      </Text>
      <Text className="reward-admin__meta">申请 {formatDateTime(refund.requestedAt)}</Text>
      {refund.decidedAt ? (
        <Text className="reward-admin__meta" data-testid="admin-refund-decision">
          {formatDateTime(refund.decidedAt)} {refund.status === 'rejected' ? '已驳回' : refund.restock ? '已同意，商品退回库存' : '已同意，商品不退回库存'}
        </Text>
      ) : null}
      {refund.rejectReason ? (
        <Text className="admin-refund__reason admin-refund__reason--rejected" data-testid="admin-refund-reject-note">
          驳回原因：{refund.rejectReason}
        </Text>
      ) : null}
      {refusal ? (
        <Text className="admin-section__error" data-testid="admin-refund-error">
          {staffErrorText(refusal)}
        </Text>
      ) : null}

      {refund.status === 'requested' && canDecide ? (
        rejecting ? (
          <View className="admin-refund__reject">
            <FieldInput
              value={rejectReason}
              onChange={(value) => {
                setRejectReason(value);
                setReasonProblem('');
              }}
              placeholder="驳回原因（会员可见）"
              maxLength={REJECT_REASON_MAX}
              disabled={mine}
              testId="admin-refund-reject-reason"
            />
            {reasonProblem ? (
              <Text className="form-field__error" data-testid="admin-refund-reject-error">
                {reasonProblem}
              </Text>
            ) : null}
            <View className="reward-admin__actions">
              <Button size="small" fill="outline" disabled={mine} onClick={() => setRejecting(false)} data-testid="admin-refund-reject-cancel">
                取消
              </Button>
              <Button size="small" type="danger" loading={mine} disabled={busy} onClick={() => void reject()} data-testid="admin-refund-reject-confirm">
                确认驳回
              </Button>
            </View>
          </View>
        ) : (
          <View className="admin-refund__decide">
            <ToggleChip label="退回库存" checked={restock} onChange={setRestock} testId="admin-refund-restock" readOnly={busy} />
            <View className="reward-admin__actions">
              <Button size="small" fill="outline" type="danger" disabled={busy} onClick={() => setRejecting(true)} data-testid="admin-refund-reject">
                驳回
              </Button>
              <Button size="small" type="primary" loading={mine} disabled={busy} onClick={() => void approve()} data-testid="admin-refund-approve">
                同意退款
              </Button>
            </View>
          </View>
        )
      ) : null}
    </View>
  );
}
