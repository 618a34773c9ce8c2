import { useMemo } from 'react';
import { View, Text } from '@tarojs/components';
import { ROUTES, openPage } from '@/routes';
import { expiringByDay, selectPointsBalance, useAppStore } from '@/store';
import { expiringSentence } from '@/utils/points-text';

const ENTRIES = [
  { key: 'points', title: '积分明细', url: ROUTES.points },
  { key: 'rewards', title: '积分商城', url: ROUTES.rewards },
  { key: 'coupons', title: '我的券', url: ROUTES.coupons },
] as const;

/**
 * 我的积分 in the member centre: balance, what expires soonest, and the ways into the points area
 * with the number of usable coupons. Everything comes with the member centre's one call.
 */
export function PointsCard() {
  const summary = useAppStore.use.pointsSummary();
  const status = useAppStore.use.memberCentreStatus();
  const balance = useAppStore(selectPointsBalance);
  const availableCoupons = useAppStore.use.availableCoupons();
  const reload = useAppStore((state) => state.loadMemberCentre);
  const days = useMemo(() => expiringByDay(summary), [summary]);

  const soonest = days[0];
  const total = summary?.expiringSoon.total ?? 0;

  return (
    <View className="card points-card" data-testid="member-points-card">
      <View className="points-card__head">
        <Text className="member-page__card-title points-card__title">我的积分</Text>
        <Text className="points-card__balance">
          {balance ?? '—'}
          <Text className="points-card__unit"> 可用</Text>
        </Text>
      </View>
      {soonest ? (
        <Text className="points-card__notice" data-testid="member-expiring">
          {expiringSentence(soonest.amount, soonest.expiresAt)}
          {days.length > 1 ? `，${summary?.expiringSoon.days ?? 30} 天内共 ${total} 积分到期` : ''}
        </Text>
      ) : null}
      {summary && summary.debt > 0 ? (
        <Text className="points-card__notice points-card__notice--debt" data-testid="member-points-debt">
          有 {summary.debt} 积分待抵扣（退款扣回）
        </Text>
      ) : null}
      {status === 'error' ? (
        <Text className="points-card__retry" onClick={() => void reload()} data-testid="member-points-error">
          到期信息加载失败，点此重试
        </Text>
      ) : null}
      <View className="points-card__entries">
        {ENTRIES.map((entry) => (
          <View key={entry.key} className="points-card__entry" onClick={() => openPage(entry.url)} data-testid={`member-${entry.key}-entry`}>
            <Text>{entry.title}</Text>
            {entry.key === 'coupons' && availableCoupons !== null ? (
              <Text className={`points-card__count${availableCoupons > 0 ? ' points-card__count--some' : ''}`} data-testid="member-coupons-count">
                {availableCoupons}
              </Text>
            ) : null}
          </View>
        ))}
      </View>
    </View>
  );
}
