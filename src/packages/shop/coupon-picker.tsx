import { View, Text } from '@tarojs/components';
import type { CheckoutCoupon } from '@/services/contracts';
import { formatLocalDate } from '@/utils/date';
import { formatFen } from '@/utils/money';
import { couponConditionText } from '@/utils/points-text';

interface Props {
  coupons: readonly CheckoutCoupon[];
  /** The coupon the server applied to the quote shown (null: none). */
  appliedId: string | null;
  /** Picking another re-quotes; the server decides whether it applies. */
  onChoose: (couponId: string | null) => void;
  disabled: boolean;
}

/**
 * The member's coupons at checkout, as the server judged them for this cart: usable ones can be
 * picked, the others are greyed with the server's reason (e.g. 满¥100.00可用).
 */
export function CouponPicker({ coupons, appliedId, onChoose, disabled }: Props) {
  if (coupons.length === 0) {
    return (
      <Text className="coupon-picker__none" data-testid="checkout-coupons-none">
        暂无可用的优惠券
      </Text>
    );
  }
  const choose = (couponId: string | null) => {
    if (!disabled && couponId !== appliedId) onChoose(couponId);
  };
  return (
    <View className="coupon-picker" data-testid="checkout-coupons">
      {coupons.map((coupon) => {
        const chosen = coupon.id === appliedId;
        return (
          <View
            key={coupon.id}
            className={`coupon-option${coupon.usable ? '' : ' coupon-option--unusable'}${chosen ? ' coupon-option--chosen' : ''}`}
            onClick={coupon.usable ? () => choose(coupon.id) : undefined}
            data-testid={`checkout-coupon-${coupon.id}`}
            data-usable={coupon.usable ? 'true' : 'false'}
            data-chosen={chosen ? 'true' : 'false'}
          >
            <View className="coupon-option__value">
              <Text className="coupon-option__amount">{formatFen(coupon.valueFen)}</Text>
              <Text className="coupon-option__condition">{couponConditionText(coupon.minSpendFen)}</Text>
            </View>
            <View className="coupon-option__body">
              <Text className="coupon-option__title">{coupon.title}</Text>
              {coupon.usable ? (
                <Text className="coupon-option__note">有效期至 {formatLocalDate(coupon.expiresAt)}</Text>
              ) : (
                <Text className="coupon-option__note coupon-option__note--reason" data-testid={`checkout-coupon-reason-${coupon.id}`}>
                  {coupon.reason ?? '本单不可用'}
                </Text>
              )}
            </View>
            <Text className="coupon-option__mark">{chosen ? '✓' : ''}</Text>
          </View>
        );
      })}
      <View
        className={`coupon-option coupon-option--plain${appliedId === null ? ' coupon-option--chosen' : ''}`}
        onClick={() => choose(null)}
        data-testid="checkout-coupon-none"
        data-chosen={appliedId === null ? 'true' : 'false'}
      >
        <Text className="coupon-option__title">不使用优惠券</Text>
        <Text className="coupon-option__mark">{appliedId === null ? '✓' : ''}</Text>
      </View>
    </View>
  );
}
