import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { StatePage } from '@/components/page-state/page-state';
import { routeParam } from '@/routes';
import { orderErrorText } from '@/utils/order-error-text';
import { useShopStore } from '@/packages/shop/store';
import { useOrder } from './use-order';
import { formatFen } from '@/utils/money';
import { openOrder } from './shop-routes';
import './shop.scss';
import './cashier.scss';

type Step = 'idle' | 'paying' | 'confirming';

/**
 * h5 only (not a page of the weapp build): 收银台（模拟支付）. The local emulator simulates WeChat
 * Pay; 确认支付 plays the person paying, the emulator notifies the shop function as WeChat would,
 * and the order is read until it says paid.
 */
export default function CashierPage() {
  const [orderId] = useState(() => routeParam('id'));
  const [outTradeNo] = useState(() => routeParam('trade'));
  const { order, placeholder } = useOrder(orderId, 'cashier');
  const waitUntilPaid = useShopStore((state) => state.waitUntilPaid);
  const confirmEmulatorPayment = useShopStore((state) => state.confirmEmulatorPayment);
  const [step, setStep] = useState<Step>('idle');
  const [payError, setPayError] = useState('');

  if (!orderId || !outTradeNo) {
    return <StatePage kind="empty" testId="cashier-invalid" title="支付信息不完整" description="请从订单详情重新发起支付。" />;
  }
  if (placeholder || !order) return placeholder;

  const confirm = async () => {
    setPayError('');
    setStep('paying');
    const paid = await confirmEmulatorPayment(outTradeNo);
    if (!paid.ok) {
      setStep('idle');
      setPayError(orderErrorText(paid.error));
      return;
    }
    setStep('confirming');
    await waitUntilPaid(orderId);
    // Paid or not yet confirmed: the order's page says which.
    openOrder(orderId, { replace: true });
  };

  const payable = order.status === 'pending_payment';

  return (
    <View className="page cashier-page" data-testid="cashier">
      <View className="card cashier-card">
        <Text className="cashier-card__label">模拟微信支付</Text>
        <Text className="cashier-card__amount" data-testid="cashier-amount">
          {formatFen(order.payFen)}
        </Text>
        <Text className="cashier-card__line" data-testid="cashier-order-number">
          订单号 {order._id}
        </Text>
        <Text className="cashier-card__hint">本地体验环境：点击确认支付即视为支付成功，不会产生真实扣款。</Text>
      </View>
      {payError ? (
        <Text className="shop-error" data-testid="cashier-pay-error">
          {payError}
        </Text>
      ) : null}
      {!payable ? (
        <Text className="shop-error" data-testid="cashier-not-payable">
          订单{order.statusText}，无需支付
        </Text>
      ) : null}
      <Button
        type="primary"
        block
        loading={step !== 'idle'}
        disabled={!payable || step !== 'idle'}
        onClick={() => void confirm()}
        data-testid="cashier-confirm"
      >
        {step === 'confirming' ? '正在确认支付结果…' : '确认支付'}
      </Button>
      <View className="cashier-page__cancel">
        <Button block fill="none" disabled={step !== 'idle'} onClick={() => openOrder(orderId, { replace: true })} data-testid="cashier-cancel">
          {payable ? '取消支付' : '查看订单'}
        </Button>
      </View>
    </View>
  );
}
