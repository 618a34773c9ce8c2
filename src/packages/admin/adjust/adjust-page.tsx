import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Dialog } from '@nutui/nutui-react-taro';
import { PageState } from '@/components/page-state/page-state';
import { ROUTES, openPage } from '@/routes';
import { selectIsAdmin, type AdjustPointsInput, type FieldErrors, useAdminToolsStore } from '@/packages/admin/store';
import { formatDateTime, staffErrorText } from '../shared/admin-text';
import { adjustmentText, emptyAdjustForm, readAdjustForm, REASON_MAX, type AdjustFormValues } from './adjust-form-model';
import { FieldInput, FormField } from '../shared/form-field';
import { StaffGate } from '../shared/staff-gate';
import '../shared/admin.scss';
import '../shared/tools.scss';
import './adjust.scss';

/** 积分调整: an admin credits or debits one member's points, with a reason the member reads. */
export default function AdjustPage() {
  return <StaffGate>{() => <AdjustArea />}</StaffGate>;
}

function AdjustArea() {
  const canAdjust = useAdminToolsStore(selectIsAdmin);
  if (!canAdjust) {
    return (
      <View className="page admin-page">
        <PageState
          kind="notice"
          testId="adjust-forbidden"
          title="仅管理员可调整积分"
          description="如需为会员调整积分，请联系管理员。"
          actionText="返回管理后台"
          onAction={() => openPage(ROUTES.admin)}
        />
      </View>
    );
  }
  return (
    <View className="page admin-page" data-testid="adjust-page">
      <AdjustForm />
      <AdjustResult />
    </View>
  );
}

function AdjustForm() {
  const draft = useAdminToolsStore.use.adjustDraft();
  const status = useAdminToolsStore.use.adjustStatus();
  const error = useAdminToolsStore.use.adjustError();
  const serverErrors = useAdminToolsStore.use.adjustFieldErrors();
  const submitAdjustment = useAdminToolsStore((state) => state.submitAdjustment);
  const retryAdjustment = useAdminToolsStore((state) => state.retryAdjustment);
  const discardAdjustment = useAdminToolsStore((state) => state.discardAdjustment);
  const [values, setValues] = useState<AdjustFormValues>(emptyAdjustForm);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const [confirming, setConfirming] = useState<AdjustPointsInput | null>(null);

  const sending = status === 'sending';
  // After a failure without an answer the submission is locked: only a retry (same request id)
  // or giving up. Changing it could adjust twice.
  const locked = status !== 'idle';
  const errors = { ...serverErrors, ...localErrors };
  // A refusal with per-field details is shown at the fields; otherwise as one sentence.
  const refusal = status === 'idle' && error && Object.keys(serverErrors).length === 0 ? staffErrorText(error) : '';

  const edit = (field: keyof AdjustFormValues) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setLocalErrors(({ [field]: _gone, ...rest }) => rest);
  };

  const review = () => {
    const read = readAdjustForm(values);
    if (!read.ok) {
      setLocalErrors(read.errors);
      return;
    }
    setLocalErrors({});
    setConfirming(read.input);
  };

  const send = async () => {
    if (!confirming) return;
    const result = await submitAdjustment(confirming);
    setConfirming(null);
    if (result.ok) setValues(emptyAdjustForm());
  };

  return (
    <View className="card admin-section" data-testid="adjust-form">
      <View className="admin-section__head">
        <Text className="admin-section__title">积分调整</Text>
        <Text className="admin-section__hint">会员会在积分明细中看到「客服调整：原因」。openid 可在人员权限或操作日志中找到。</Text>
      </View>
      <FormField label="会员 openid" error={errors.openid} errorTestId="adjust-openid-error">
        <FieldInput value={values.openid} onChange={edit('openid')} placeholder="例如 oAbc12…" maxLength={64} disabled={locked} testId="adjust-openid" />
      </FormField>
      <FormField label="调整方向与数量" error={errors.amount} errorTestId="adjust-amount-error" hint="单次不超过 1,000,000 积分；扣减不会使余额低于 0">
        <View className="adjust-amount">
          <View className="sign-toggle">
            {([1, -1] as const).map((sign) => (
              <Text
                key={sign}
                className={`sign-toggle__option${values.sign === sign ? ' sign-toggle__option--chosen' : ''}${sign < 0 ? ' sign-toggle__option--minus' : ''}`}
                // Bound even while locked: on weapp, removing a <Text>'s last handler unmounts the page (Taro 4.1).
                onClick={() => !locked && setValues((current) => ({ ...current, sign }))}
                data-testid={sign > 0 ? 'adjust-sign-plus' : 'adjust-sign-minus'}
                data-chosen={values.sign === sign}
              >
                {sign > 0 ? '+ 增加' : '− 扣减'}
              </Text>
            ))}
          </View>
          <View className="adjust-amount__input">
            <FieldInput
              value={values.amount}
              onChange={edit('amount')}
              type="number"
              placeholder="积分数量"
              maxLength={7}
              disabled={locked}
              testId="adjust-amount"
            />
          </View>
        </View>
      </FormField>
      <FormField label="调整原因" error={errors.reason} errorTestId="adjust-reason-error" hint={`2～${REASON_MAX} 个字，会员可见`}>
        <FieldInput
          value={values.reason}
          onChange={edit('reason')}
          placeholder="例如 活动补发积分"
          maxLength={REASON_MAX}
          disabled={locked}
          testId="adjust-reason"
        />
      </FormField>
      {refusal ? (
        <Text className="admin-section__error" data-testid="adjust-error">
          {refusal}
        </Text>
      ) : null}
      {status === 'unknown' && draft ? (
        <View className="adjust-unknown" data-testid="adjust-unknown">
          <Text className="adjust-unknown__text">
            {staffErrorText(error)}。本次调整（{adjustmentText(draft.amount)}）结果未知，重试不会重复调整。
          </Text>
          <View className="adjust-unknown__actions">
            <Button size="small" fill="outline" onClick={discardAdjustment} data-testid="adjust-discard">
              放弃
            </Button>
            <Button size="small" type="primary" onClick={() => void retryAdjustment()} data-testid="adjust-retry">
              重试
            </Button>
          </View>
        </View>
      ) : (
        <Button type="primary" block loading={sending} disabled={sending} onClick={review} data-testid="adjust-submit">
          {values.sign > 0 ? '增加积分' : '扣减积分'}
        </Button>
      )}
      <Dialog
        visible={confirming !== null}
        title="确认调整积分"
        closeOnOverlayClick={!sending}
        onClose={() => !sending && setConfirming(null)}
        content={
          confirming ? (
            <View className="adjust-confirm" data-testid="adjust-confirm-dialog">
              <Text className="adjust-confirm__line">会员：{confirming.openid}</Text>
              <Text className={`adjust-confirm__amount adjust-confirm__amount--${confirming.amount > 0 ? 'plus' : 'minus'}`}>
                {adjustmentText(confirming.amount)}
              </Text>
              <Text className="adjust-confirm__line">原因：{confirming.reason}</Text>
            </View>
          ) : null
        }
        footer={
          <>
            <Button className="nut-dialog-footer-cancel" size="large" disabled={sending} onClick={() => setConfirming(null)} data-testid="adjust-cancel">
              取消
            </Button>
            <Button className="nut-dialog-footer-ok" type="primary" size="large" loading={sending} onClick={() => void send()} data-testid="adjust-confirm">
              确认调整
            </Button>
          </>
        }
      />
    </View>
  );
}

function AdjustResult() {
  const result = useAdminToolsStore.use.adjustResult();
  if (!result) return null;
  const { entry, replayed } = result.outcome;
  return (
    <View className="card admin-section adjust-result" data-testid="adjust-result" data-balance={entry.balanceAfter}>
      <View className="admin-section__head">
        <Text className="admin-section__title">{replayed ? '该调整此前已完成' : '调整成功'}</Text>
        <Text className="admin-section__hint">{formatDateTime(entry.createdAt)}</Text>
      </View>
      <View className="adjust-result__line">
        <Text>会员</Text>
        <Text className="adjust-result__value">{entry.memberId}</Text>
      </View>
      <View className="adjust-result__line">
        <Text>本次调整</Text>
        <Text className={`adjust-result__value adjust-result__delta--${entry.delta >= 0 ? 'plus' : 'minus'}`}>
          {entry.delta > 0 ? `+${entry.delta}` : entry.delta}
        </Text>
      </View>
      <View className="adjust-result__line">
        <Text>调整后余额</Text>
        <Text className="adjust-result__value adjust-result__balance" data-testid="adjust-result-balance">
          {entry.balanceAfter}
        </Text>
      </View>
      {entry.debtAfter > 0 ? (
        <View className="adjust-result__line">
          <Text>待抵扣积分</Text>
          <Text className="adjust-result__value">{entry.debtAfter}</Text>
        </View>
      ) : null}
      <Text className="adjust-result__reason">{entry.reason}</Text>
      {replayed ? <Text className="admin-section__hint">同一请求已处理过，本次未重复调整。</Text> : null}
    </View>
  );
}
