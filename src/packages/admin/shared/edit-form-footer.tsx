import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';

/**
 * The bottom of the staff area's create/edit forms (奖品, 商品, 好友助力): why the last save did not
 * go through, then 取消 and the save button. Test ids are `<prefix>-form-error`, `<prefix>-cancel`
 * and `<prefix>-save`. Each form words its own error; `error` null shows none.
 */
export function EditFormFooter({
  testIdPrefix,
  error,
  saving,
  saveText,
  onCancel,
  onSave,
}: {
  testIdPrefix: string;
  error: string | null;
  saving: boolean;
  saveText: string;
  onCancel: () => void;
  onSave: () => Promise<void>;
}) {
  return (
    <>
      {error !== null ? (
        <Text className="admin-section__error" data-testid={`${testIdPrefix}-form-error`}>
          {error}
        </Text>
      ) : null}
      <View className="ladder-form__actions">
        <Button fill="outline" disabled={saving} onClick={onCancel} data-testid={`${testIdPrefix}-cancel`}>
          取消
        </Button>
        <Button type="primary" loading={saving} disabled={saving} onClick={() => void onSave()} data-testid={`${testIdPrefix}-save`}>
          {saveText}
        </Button>
      </View>
    </>
  );
}
