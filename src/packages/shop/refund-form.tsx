import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Input } from '@nutui/nutui-react-taro';
import { orderErrorText } from '@/utils/order-error-text';
import { fieldErrorsOf } from '@/utils/field-errors';
import { useShopStore } from '@/packages/shop/store';

/** The server takes 2..200 characters; said here too so the person learns it before sending. */
const REASON_MIN = 2;
const REASON_MAX = 200;

function reasonProblem(reason: string): string {
  const text = reason.trim();
  if (!text) return '请填写退款原因';
  if (text.length < REASON_MIN) return `退款原因至少 ${REASON_MIN} 个字`;
  if (text.length > REASON_MAX) return `退款原因最多 ${REASON_MAX} 个字`;
  return '';
}

/** 申请退款: why, in the person's words (staff read it when they decide). */
export function RefundForm({ orderId, onDone }: { orderId: string; onDone: () => void }) {
  const requestRefund = useShopStore((state) => state.requestRefund);
  const sending = useShopStore((state) => state.orderAction?.orderId === orderId && state.orderAction.kind === 'refund');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState('');
  const [refusal, setRefusal] = useState('');

  const submit = async () => {
    const local = reasonProblem(reason);
    setProblem(local);
    setRefusal('');
    if (local) return;
    const result = await requestRefund(orderId, reason.trim());
    if (result.ok) {
      void Taro.showToast({ title: '退款申请已提交', icon: 'success' });
      onDone();
      return;
    }
    // A message about the reason goes under it; anything else (window over, already asked) below.
    const onReason = fieldErrorsOf(result.error).reason;
    if (onReason) setProblem(onReason);
    else setRefusal(orderErrorText(result.error));
  };

  return (
    <View className="card refund-form" data-testid="refund-form">
      <Text className="shop-section__title">申请退款</Text>
      <Text className="shop-section__hint">整单退款，审核通过后原路退回，订单获得的积分将被扣回。</Text>
      <View className={`refund-form__input${problem ? ' refund-form__input--invalid' : ''}`}>
        {/* One line (NutUI Input), not a TextArea: a textarea template would be added to the main
            package's base.wxml, which every customer downloads. */}
        <Input
          value={reason}
          onChange={(value) => {
            setReason(value);
            setProblem('');
          }}
          placeholder="请写明退款原因，例如 商品破损"
          maxLength={REASON_MAX}
          clearable
          disabled={sending}
          data-testid="refund-reason"
        />
      </View>
      {problem ? (
        <Text className="shop-error" data-testid="refund-reason-error">
          {problem}
        </Text>
      ) : null}
      {refusal ? (
        <Text className="shop-error" data-testid="refund-error">
          {refusal}
        </Text>
      ) : null}
      <View className="refund-form__actions">
        <Button fill="outline" disabled={sending} onClick={onDone} data-testid="refund-cancel">
          取消
        </Button>
        <Button type="primary" loading={sending} disabled={sending} onClick={() => void submit()} data-testid="refund-submit">
          提交申请
        </Button>
      </View>
    </View>
  );
}
