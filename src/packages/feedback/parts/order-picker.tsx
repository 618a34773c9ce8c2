import { View, Text } from '@tarojs/components';
import type { ComposeOrder } from '@/services/feedback';
import { useFeedbackStore } from '../store';

/** 关联订单 (optional): one of my recent paid or refunded orders, or none. */
export function OrderPicker({ orders, chosen, error }: { orders: ComposeOrder[]; chosen: string | null; error: string | null }) {
  const edit = useFeedbackStore((state) => state.editFeedbackDraft);
  // Opened from an order older than the recent ones listed: it stays chosen, in words.
  const fromElsewhere = chosen !== null && !orders.some((order) => order.id === chosen);
  if (orders.length === 0 && !fromElsewhere) return null;
  return (
    <View className="card feedback-form" data-testid="feedback-form-order">
      <Text className="feedback-form__label">关联订单（选填）</Text>
      <View className="feedback-orders">
        <Text
          className={`feedback-orders__option${chosen === null ? ' feedback-orders__option--active' : ''}`}
          onClick={() => edit({ orderId: null })}
          data-testid="feedback-form-order-none"
          data-active={chosen === null ? 'true' : 'false'}
        >
          不关联订单
        </Text>
        {fromElsewhere ? (
          <Text className="feedback-orders__option feedback-orders__option--active" data-testid="feedback-form-order-option" data-active="true">
            从订单详情带入的订单
          </Text>
        ) : null}
        {orders.map((order) => (
          <Text
            key={order.id}
            className={`feedback-orders__option${chosen === order.id ? ' feedback-orders__option--active' : ''}`}
            onClick={() => edit({ orderId: order.id })}
            data-testid="feedback-form-order-option"
            data-order-id={order.id}
            data-active={chosen === order.id ? 'true' : 'false'}
          >
            {order.label}
          </Text>
        ))}
      </View>
      <Text className="feedback-form__hint">只有你和品牌工作人员能看到关联的订单；其他会员只看到相关商品。</Text>
      {error ? (
        <Text className="feedback-form__error" data-testid="feedback-form-order-error">
          {error}
        </Text>
      ) : null}
    </View>
  );
}
