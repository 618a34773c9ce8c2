import { useEffect, useMemo, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Tabs } from '@nutui/nutui-react-taro';
import { PageState } from '@/components/page-state/page-state';
import { ROUTES, openPage } from '@/routes';
import type { CouponState, MyCoupon } from '@/services/contracts';
import { errorText } from '@/utils/error-text';
import { COUPON_STATES, type CouponTab, selectCouponList, usePointsStore } from './store';
import { formatLocalDate, formatLocalDateTime } from '@/utils/date';
import { formatFen } from '@/utils/money';
import { couponConditionText } from '@/utils/points-text';
import './coupons.scss';

const TAB_LABELS: Record<CouponTab, string> = { available: '可用', used: '已使用', expired: '已过期' };

/**
 * The stamp on a coupon that is not ready to use. Keyed by every state the server may send, so a
 * new state is a type error here rather than a blank stamp; unknown ones still render (no stamp).
 */
const STATE_STAMPS: Record<CouponState, string | null> = { available: null, locked: '待支付', used: '已使用', expired: '已过期' };

const EMPTY_TEXT: Record<CouponTab, { title: string; description: string }> = {
  available: { title: '暂无可用的券', description: '用积分在积分商城兑换优惠券，兑换后会出现在这里。' },
  used: { title: '还没有使用过券', description: '下单时使用的券会出现在这里。' },
  expired: { title: '没有过期的券', description: '超过有效期未使用的券会出现在这里。' },
};

/** 我的券: coupons by state (可用 / 已使用 / 已过期). */
export default function CouponsPage() {
  const [tab, setTab] = useState<CouponTab>('available');
  const loadCoupons = usePointsStore((state) => state.loadCoupons);

  // Each time a tab is shown: fresh from the server, keeping what was shown meanwhile.
  useEffect(() => {
    void loadCoupons(tab);
  }, [tab, loadCoupons]);

  return (
    <View className="page coupons-page">
      {/* NutUI's custom-title form (its documented 自定义标签栏), so each tab carries a test id. */}
      <Tabs
        className="coupons-tabs"
        value={tab}
        onChange={(value) => setTab(value as CouponTab)}
        activeType="line"
        title={() =>
          COUPON_STATES.map((state) => (
            <View
              key={state}
              className={`nut-tabs-titles-item${state === tab ? ' nut-tabs-titles-item-active' : ''}`}
              onClick={() => setTab(state)}
              data-testid={`coupons-tab-${state}`}
              data-active={state === tab ? 'true' : 'false'}
            >
              <View className="nut-tabs-titles-item-line nut-tabs-titles-item-line-horizontal" />
              <View className="nut-tabs-titles-item-text">{TAB_LABELS[state]}</View>
            </View>
          ))
        }
      >
        {COUPON_STATES.map((state) => (
          <Tabs.TabPane key={state} value={state} title={TAB_LABELS[state]} />
        ))}
      </Tabs>
      <CouponList key={tab} state={tab} />
    </View>
  );
}

function CouponList({ state }: { state: CouponTab }) {
  const selectList = useMemo(() => selectCouponList(state), [state]);
  const { coupons, status, error } = usePointsStore(selectList);
  const loadCoupons = usePointsStore((s) => s.loadCoupons);

  if (status === 'error') {
    return (
      <PageState
        kind="error"
        testId="coupons-error"
        title="券加载失败"
        description={errorText(error)}
        actionText="重试"
        onAction={() => void loadCoupons(state)}
      />
    );
  }
  if (status !== 'ready') return <PageState kind="loading" testId="coupons-loading" />;
  if (coupons.length === 0) {
    const text = EMPTY_TEXT[state];
    return (
      <PageState
        kind="empty"
        testId="coupons-empty"
        title={text.title}
        description={text.description}
        {...(state === 'available' ? { actionText: '去积分商城', onAction: () => openPage(ROUTES.rewards) } : {})}
      />
    );
  }
  return (
    <View className="coupons-list" data-testid="coupons-list" data-state={state}>
      {coupons.map((coupon) => (
        <CouponRow key={coupon._id} coupon={coupon} />
      ))}
    </View>
  );
}

function validityText(coupon: MyCoupon): string {
  switch (coupon.state) {
    case 'used':
      return coupon.usedAt ? `已于 ${formatLocalDateTime(coupon.usedAt)} 使用` : '已使用';
    case 'expired':
      return `已于 ${formatLocalDate(coupon.expiresAt)} 过期`;
    case 'locked':
      // Held by an order not paid yet: used when it is paid, back to 可用 if it closes.
      return '待支付订单占用';
    default:
      return `有效期至 ${formatLocalDate(coupon.expiresAt)}`;
  }
}

function CouponRow({ coupon }: { coupon: MyCoupon }) {
  return (
    <View className={`coupon-row coupon-row--${coupon.state}`} data-testid="coupon-row" data-state={coupon.state} data-coupon-id={coupon._id}>
      <View className="coupon-row__value">
        <Text className="coupon-row__amount">{formatFen(coupon.valueFen)}</Text>
        <Text className="coupon-row__condition">{couponConditionText(coupon.minSpendFen)}</Text>
      </View>
      <View className="coupon-row__body">
        <Text className="coupon-row__title">{coupon.title}</Text>
        <Text className="coupon-row__validity">{validityText(coupon)}</Text>
        <Text className="coupon-row__issued">{formatLocalDate(coupon.issuedAt)} 兑换</Text>
      </View>
      {STATE_STAMPS[coupon.state] ? <Text className="coupon-row__stamp">{STATE_STAMPS[coupon.state]}</Text> : null}
    </View>
  );
}
