import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Dialog } from '@nutui/nutui-react-taro';
import { errorText } from '@/utils/error-text';
import { isRedeemRetryable, selectPointsBalance, selectRedeemReward, usePointsStore } from './store';
import { couponTermsText } from '@/utils/points-text';

/**
 * The confirmation of a redemption: cost and balance after. The store made one requestId when it
 * opened, so a double tap, or a retry after a network failure or a busy answer (the store retries
 * those by itself first), redeems at most once and shows what the server did.
 */
export function RedeemDialog() {
  const reward = usePointsStore(selectRedeemReward);
  const status = usePointsStore.use.redeemStatus();
  const error = usePointsStore.use.redeemError();
  const balance = usePointsStore(selectPointsBalance);
  const confirmRedeem = usePointsStore((state) => state.confirmRedeem);
  const cancelRedeem = usePointsStore((state) => state.cancelRedeem);
  const sending = status === 'sending';

  const confirm = async () => {
    const result = await confirmRedeem();
    if (!result) return;
    if (result.ok) {
      void Taro.showToast({ title: '兑换成功', icon: 'success' });
    } else if (!isRedeemRetryable(result.error)) {
      // Refused (the store closed the dialog): say why, in the server's words.
      void Taro.showToast({ title: errorText(result.error), icon: 'none', duration: 2500 });
    }
    // Otherwise no answer, or the server was busy: the dialog stays open and offers a safe retry.
  };

  const after = reward && balance !== null ? balance - reward.pointsCost : null;

  return (
    <Dialog
      visible={reward !== null}
      title="确认兑换"
      closeOnOverlayClick={!sending}
      onClose={cancelRedeem}
      onCancel={cancelRedeem}
      content={
        reward ? (
          <View className="redeem-dialog" data-testid="redeem-dialog">
            <Text className="redeem-dialog__title">{reward.title}</Text>
            {reward.coupon ? (
              <Text className="redeem-dialog__terms">
                {couponTermsText(reward.coupon)}，领取后 {reward.coupon.validDays} 天内有效
              </Text>
            ) : null}
            <View className="redeem-dialog__line">
              <Text>所需积分</Text>
              <Text className="redeem-dialog__cost" data-testid="redeem-cost">
                {reward.pointsCost}
              </Text>
            </View>
            <View className="redeem-dialog__line">
              <Text>当前积分</Text>
              <Text>{balance ?? '—'}</Text>
            </View>
            <View className="redeem-dialog__line">
              <Text>兑换后剩余</Text>
              <Text className="redeem-dialog__after" data-testid="redeem-balance-after">
                {after ?? '—'}
              </Text>
            </View>
            {status === 'unknown' ? (
              <Text className="redeem-dialog__error" data-testid="redeem-error">
                {errorText(error)}。兑换结果未知，可再次确认，不会重复扣积分。
              </Text>
            ) : status === 'busy' ? (
              <Text className="redeem-dialog__error" data-testid="redeem-error">
                {errorText(error)}。本次未兑换，可再次确认。
              </Text>
            ) : null}
          </View>
        ) : null
      }
      footer={
        <>
          <Button className="nut-dialog-footer-cancel" size="large" disabled={sending} onClick={cancelRedeem} data-testid="redeem-cancel">
            取消
          </Button>
          <Button className="nut-dialog-footer-ok" type="primary" size="large" loading={sending} onClick={() => void confirm()} data-testid="redeem-confirm">
            {status === 'unknown' || status === 'busy' ? '重试' : '确认兑换'}
          </Button>
        </>
      }
    />
  );
}
