import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ROUTES } from '@/routes';
import { selectCartCount, useAppStore } from '@/store';

// The shop pages live in the shop subpackage; the member centre only links to them.
const ENTRIES = [
  { key: 'orders-pending', title: '待付款', url: `${ROUTES.orders}?filter=pending_payment` },
  { key: 'orders', title: '全部订单', url: ROUTES.orders },
  { key: 'cart', title: '购物车', url: ROUTES.cart },
] as const;

/** 我的订单 in the member centre: unpaid orders, every order, the cart (with how many units it holds). */
export function OrdersCard() {
  const cartCount = useAppStore(selectCartCount);
  return (
    <View className="card points-card" data-testid="member-orders-card">
      <Text className="member-page__card-title">我的订单</Text>
      <View className="points-card__entries">
        {ENTRIES.map((entry) => (
          <View
            key={entry.key}
            className="points-card__entry"
            onClick={() => void Taro.navigateTo({ url: entry.url })}
            data-testid={`member-${entry.key}-entry`}
          >
            <Text>{entry.title}</Text>
            {entry.key === 'cart' && cartCount > 0 ? (
              <Text className="points-card__count points-card__count--some" data-testid="member-cart-count">
                {cartCount}
              </Text>
            ) : null}
          </View>
        ))}
      </View>
    </View>
  );
}
