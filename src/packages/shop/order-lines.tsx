import type { ReactNode } from 'react';
import { View, Text, Image } from '@tarojs/components';
import type { OrderLineView } from '@/services/contracts';
import { imageSrc } from '@/utils/cloud-image';
import { formatFen } from '@/utils/money';

interface Props {
  lines: readonly OrderLineView[];
  /** Each line is `<testId>` with `data-product-id`; its prices `<testId>-price` / `<testId>-total`. */
  testId: string;
  /** Instead of '×2': e.g. a quantity stepper. */
  qtySlot?: (line: OrderLineView) => ReactNode;
}

/** Lines as the server priced them: the unit price at the buyer's tier, the list price struck through when lower. */
export function OrderLines({ lines, testId, qtySlot }: Props) {
  return (
    <View className="order-lines">
      {lines.map((line) => {
        const src = imageSrc(line.image);
        return (
          <View key={line.productId} className="order-line" data-testid={testId} data-product-id={line.productId}>
            {src ? (
              <Image className="order-line__image" src={src} mode="aspectFill" />
            ) : (
              <View className="order-line__image order-line__image--empty">
                <Text>{line.name.slice(0, 2)}</Text>
              </View>
            )}
            <View className="order-line__body">
              <Text className="order-line__name">{line.name}</Text>
              <View className="order-line__prices">
                <Text className="order-line__price" data-testid={`${testId}-price`}>
                  {formatFen(line.unitPriceFen)}
                </Text>
                {line.listPriceFen > line.unitPriceFen ? <Text className="order-line__list-price">{formatFen(line.listPriceFen)}</Text> : null}
              </View>
              <View className="order-line__foot">
                {qtySlot ? qtySlot(line) : <Text className="order-line__qty">×{line.qty}</Text>}
                <Text className="order-line__total" data-testid={`${testId}-total`}>
                  {formatFen(line.lineFen)}
                </Text>
              </View>
            </View>
          </View>
        );
      })}
    </View>
  );
}
