import { View, Text, Image } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { StatePage } from '@/components/page-state/page-state';
import { QtyStepper } from '@/components/qty-stepper/qty-stepper';
import { ROUTES, openCheckout, openPage, openProduct } from '@/routes';
import { type CartLine, MAX_QTY_PER_LINE, selectCartCount, useAppStore } from '@/store';
import { imageSrc } from '@/utils/cloud-image';
import { formatFen } from '@/utils/money';
import './shop.scss';

/**
 * 购物车: what the person put aside, kept on the device. Prices here are what the product page
 * showed (a snapshot): the amount to pay is the server's, on 确认订单, so none is added up here.
 */
export default function CartPage() {
  const lines = useAppStore.use.cartLines();
  const count = useAppStore(selectCartCount);

  if (lines.length === 0) {
    return (
      <StatePage
        kind="empty"
        testId="cart-empty"
        title="购物车是空的"
        description="挑几件喜欢的好物吧。"
        actionText="去逛逛"
        onAction={() => openPage(ROUTES.catalog)}
      />
    );
  }

  return (
    <View className="page cart-page" data-testid="cart">
      <View className="card cart-list">
        {lines.map((line) => (
          <CartRow key={line.productId} line={line} />
        ))}
      </View>
      <View className="shop-bar">
        <View className="shop-bar__text">
          <Text className="shop-bar__main" data-testid="cart-count">
            共 {count} 件
          </Text>
          <Text className="shop-bar__hint">实付金额以确认订单页为准</Text>
        </View>
        <Button type="primary" onClick={() => openCheckout()} data-testid="cart-checkout">
          去结算
        </Button>
      </View>
    </View>
  );
}

function CartRow({ line }: { line: CartLine }) {
  const setCartQty = useAppStore((state) => state.setCartQty);
  const removeFromCart = useAppStore((state) => state.removeFromCart);
  const src = imageSrc(line.image);

  return (
    <View className="cart-line" data-testid="cart-line" data-product-id={line.productId}>
      <View className="cart-line__media" onClick={() => openProduct(line.productId)}>
        {src ? <Image className="order-line__image" src={src} mode="aspectFill" /> : <View className="order-line__image order-line__image--empty" />}
      </View>
      <View className="order-line__body">
        <Text className="order-line__name" onClick={() => openProduct(line.productId)}>
          {line.name}
        </Text>
        <Text className="order-line__price" data-testid="cart-line-price">
          {formatFen(line.priceFen)}
        </Text>
        <View className="order-line__foot">
          <QtyStepper value={line.qty} max={MAX_QTY_PER_LINE} onChange={(qty) => setCartQty(line.productId, qty)} testId="cart-qty" />
          <Text className="cart-line__remove" onClick={() => removeFromCart(line.productId)} data-testid="cart-remove">
            删除
          </Text>
        </View>
      </View>
    </View>
  );
}
