import { View, Text } from '@tarojs/components';
import type { OrderHistoryView } from '@/services/contracts';
import { formatLocalDateTime } from '@/utils/date';

/** 订单动态: what happened to the order, newest first, in the server's words. */
export function OrderTimeline({ history }: { history: readonly OrderHistoryView[] }) {
  const newestFirst = [...history].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return (
    <View className="order-timeline" data-testid="order-history">
      {newestFirst.map((entry, index) => (
        <View
          key={`${entry.event}-${entry.at}-${index}`}
          className={`order-timeline__row${index === 0 ? ' order-timeline__row--latest' : ''}`}
          data-testid="order-history-row"
          data-event={entry.event}
        >
          <View className="order-timeline__dot" />
          <View className="order-timeline__body">
            <Text className="order-timeline__text">{entry.text}</Text>
            <Text className="order-timeline__time">{formatLocalDateTime(entry.at)}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
