import { View, Text } from '@tarojs/components';
import type { OrderView } from '@/services/contracts';
import { formatLocalDateTime } from '@/utils/date';
import { formatFen } from '@/utils/money';
import { statusTone, unitsText } from '@/utils/order-text';
import { openOrder } from './shop-routes';

/** One order in 我的订单: status, lines, 实付, when it was placed; tap for its page. */
export function OrderCard({ order }: { order: OrderView }) {
  return (
    <View className="card order-card" onClick={() => openOrder(order._id)} data-testid="order-card" data-order-id={order._id} data-status={order.status}>
      <View className="order-card__head">
        <Text className="order-card__time">{formatLocalDateTime(order.createdAt)}</Text>
        <Text className={`order-status order-status--${statusTone(order.status)}`} data-testid="order-card-status">
          {order.statusText}
        </Text>
      </View>
      {order.lines.map((line) => (
        <View key={line.productId} className="order-card__line">
          <Text className="order-card__name">{line.name}</Text>
          <Text className="order-card__qty">×{line.qty}</Text>
        </View>
      ))}
      <View className="order-card__foot">
        <Text className="order-card__units">{unitsText(order.lines)}</Text>
        <Text className="order-card__pay">
          实付 <Text data-testid="order-card-pay">{formatFen(order.payFen)}</Text>
        </Text>
      </View>
    </View>
  );
}
