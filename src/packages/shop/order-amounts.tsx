import type { ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import { formatFen } from '@/utils/money';

interface Props {
  subtotalFen: number;
  discountFen: number;
  payFen: number;
  /** '实付' once paid (and at checkout, where paying is the next step); '应付' on an unpaid order. */
  payLabel?: string;
  /** The amounts' test ids: the pages' tests and the browser journeys read them. */
  testIds: { subtotal: string; discount: string; pay: string };
  /** Under the coupon row: which coupon the order used. */
  couponNote?: ReactNode;
  /** After the amount to pay: e.g. the points the order will earn. */
  children?: ReactNode;
}

/** The money of an order or a quote as the server computed it: 商品金额, the coupon's discount, what to pay. */
export function OrderAmounts({ subtotalFen, discountFen, payFen, payLabel = '实付', testIds, couponNote, children }: Props) {
  return (
    <View className="card amounts">
      <View className="amounts__row">
        <Text>商品金额</Text>
        <Text data-testid={testIds.subtotal}>{formatFen(subtotalFen)}</Text>
      </View>
      <View className="amounts__row">
        <Text>优惠券</Text>
        <Text className="amounts__discount" data-testid={testIds.discount}>
          -{formatFen(discountFen)}
        </Text>
      </View>
      {couponNote}
      <View className="amounts__row amounts__row--pay">
        <Text>{payLabel}</Text>
        <Text className="amounts__pay" data-testid={testIds.pay}>
          {formatFen(payFen)}
        </Text>
      </View>
      {children}
    </View>
  );
}
