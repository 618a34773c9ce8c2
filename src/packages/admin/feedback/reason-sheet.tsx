import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { FieldInput } from '../shared/form-field';
import { REASON_MAX, reasonProblem } from './feedback-text';

export type ReasonDecision = 'reject' | 'hide';

/**
 * The sheet a reject or a hide opens: the brand's reject reasons as one-tap choices (a tap sends at
 * once), or a reason typed and confirmed. The author reads the reason.
 */
export function ReasonSheet({
  decision,
  templates,
  onSend,
  onClose,
}: {
  decision: ReasonDecision;
  templates: readonly string[];
  onSend: (reason: string) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState('');
  const rejecting = decision === 'reject';

  const confirm = () => {
    const found = reasonProblem(reason, decision);
    setProblem(found);
    if (!found) onSend(reason.trim());
  };

  return (
    <View className="feedback-sheet" data-testid="admin-feedback-sheet" data-decision={decision}>
      <View className="feedback-sheet__overlay" onClick={onClose} />
      <View className="feedback-sheet__panel">
        <Text className="feedback-sheet__title">{rejecting ? '驳回理由' : '隐藏原因'}</Text>
        <Text className="feedback-sheet__hint">
          {rejecting ? '作者会看到理由；点一条理由即驳回。' : '隐藏后其他会员不再看到，作者会看到原因；点一条即隐藏。'}
        </Text>
        {templates.length > 0 ? (
          <View className="feedback-sheet__templates">
            {templates.map((template, index) => (
              <Text
                key={`${index}:${template}`}
                className="feedback-sheet__template"
                onClick={() => onSend(template)}
                data-testid={`admin-feedback-template-${index}`}
              >
                {template}
              </Text>
            ))}
          </View>
        ) : null}
        <Text className="feedback-sheet__label">{rejecting ? '其他理由' : '填写原因'}</Text>
        <FieldInput
          value={reason}
          onChange={(value) => {
            setReason(value);
            setProblem('');
          }}
          placeholder={rejecting ? '例如 请补充订单信息后重新提交' : '例如 含有他人联系方式'}
          maxLength={REASON_MAX}
          testId="admin-feedback-reason"
        />
        {problem ? (
          <Text className="form-field__error" data-testid="admin-feedback-reason-error">
            {problem}
          </Text>
        ) : null}
        <View className="feedback-sheet__actions">
          <Button fill="outline" onClick={onClose} data-testid="admin-feedback-sheet-cancel">
            取消
          </Button>
          <Button type="danger" onClick={confirm} data-testid="admin-feedback-reason-confirm">
            {rejecting ? '确认驳回' : '确认隐藏'}
          </Button>
        </View>
      </View>
    </View>
  );
}
