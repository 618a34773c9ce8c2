import { useEffect, useMemo } from 'react';
import { View, Text } from '@tarojs/components';
import { LoadMoreFooter } from '@/components/load-more/load-more';
import { PageState } from '@/components/page-state/page-state';
import { ROUTES, openPage } from '@/routes';
import type { PointsHistoryEntry, PointsSummary } from '@/services/contracts';
import { errorText } from '@/utils/error-text';
import { expiringByDay, selectPointsHistoryHasMore, usePointsStore } from './store';
import { formatLocalDate, formatLocalDateTime, formatMonthDay } from '@/utils/date';
import { debtChangeText, pointsTone, signedPoints } from '@/utils/points-text';
import './points.scss';

/** 我的积分: the balance (and any debt), what expires in the next 30 days, and the history. */
export default function PointsPage() {
  const loadSummary = usePointsStore((state) => state.loadPointsSummary);
  const loadHistory = usePointsStore((state) => state.loadPointsHistory);

  useEffect(() => {
    void loadSummary();
    void loadHistory();
  }, [loadSummary, loadHistory]);

  return (
    <View className="page points-page">
      <SummarySection />
      <HistorySection />
    </View>
  );
}

function SummarySection() {
  const summary = usePointsStore.use.pointsSummary();
  const status = usePointsStore.use.pointsSummaryStatus();
  const error = usePointsStore.use.pointsSummaryError();
  const reload = usePointsStore((state) => state.loadPointsSummary);

  if (status === 'error') {
    return (
      <View className="card">
        <PageState compact kind="error" testId="points-summary-error" title="积分加载失败" description={errorText(error)} actionText="重试" onAction={reload} />
      </View>
    );
  }
  if (status !== 'ready' || !summary) {
    return (
      <View className="card">
        <PageState compact kind="loading" testId="points-summary-loading" />
      </View>
    );
  }
  return (
    <>
      <BalanceCard summary={summary} />
      <ExpiringCard summary={summary} />
    </>
  );
}

function BalanceCard({ summary }: { summary: PointsSummary }) {
  return (
    <View className="points-balance-card">
      <Text className="points-balance-card__label">可用积分</Text>
      <Text className="points-balance-card__value" data-testid="points-page-balance">
        {summary.balance}
      </Text>
      {summary.debt > 0 ? (
        <View className="points-balance-card__debt" data-testid="points-debt">
          <Text className="points-balance-card__debt-line">有 {summary.debt} 积分待抵扣（退款扣回）</Text>
          <Text className="points-balance-card__debt-hint">已退款订单送出的积分此前已被使用，将从你之后获得的积分中先行扣除。</Text>
        </View>
      ) : null}
      <View className="points-balance-card__links">
        <Text className="points-balance-card__link" onClick={() => openPage(ROUTES.rewards)} data-testid="points-rewards-entry">
          积分商城
        </Text>
        <Text className="points-balance-card__link" onClick={() => openPage(ROUTES.coupons)} data-testid="points-coupons-entry">
          我的券
        </Text>
      </View>
    </View>
  );
}

function ExpiringCard({ summary }: { summary: PointsSummary }) {
  const days = useMemo(() => expiringByDay(summary), [summary]);
  const windowDays = summary.expiringSoon.days;
  return (
    <View className="card points-section" data-testid="points-expiring" data-total={summary.expiringSoon.total}>
      <View className="points-section__head">
        <Text className="points-section__title">即将过期</Text>
        <Text className="points-section__hint">未来 {windowDays} 天</Text>
      </View>
      {days.length === 0 ? (
        <Text className="points-expiring__none">未来 {windowDays} 天没有积分过期</Text>
      ) : (
        <>
          {days.map((day) => (
            <View key={day.expiresAt} className="points-expiring__row" data-testid="points-expiring-row">
              <Text className="points-expiring__date">{formatMonthDay(day.expiresAt)} 过期</Text>
              <Text className="points-expiring__amount">{day.amount} 积分</Text>
            </View>
          ))}
          <Text className="points-expiring__note">兑换时会先使用最早过期的积分。</Text>
        </>
      )}
    </View>
  );
}

function HistorySection() {
  const entries = usePointsStore.use.pointsHistory();
  const status = usePointsStore.use.pointsHistoryStatus();
  const error = usePointsStore.use.pointsHistoryError();
  const hasMore = usePointsStore(selectPointsHistoryHasMore);
  const moreStatus = usePointsStore.use.pointsHistoryMoreStatus();
  const moreError = usePointsStore.use.pointsHistoryMoreError();
  const reload = usePointsStore((state) => state.loadPointsHistory);
  const loadMore = usePointsStore((state) => state.loadMorePointsHistory);

  return (
    <View className="card points-section" data-testid="points-history">
      <View className="points-section__head">
        <Text className="points-section__title">积分明细</Text>
      </View>
      {status === 'error' ? (
        <PageState compact kind="error" testId="points-history-error" title="明细加载失败" description={errorText(error)} actionText="重试" onAction={reload} />
      ) : status !== 'ready' ? (
        <PageState compact kind="loading" testId="points-history-loading" />
      ) : entries.length === 0 ? (
        <PageState compact kind="empty" testId="points-history-empty" title="还没有积分记录" description="购物、邀请好友入会都能获得积分。" />
      ) : (
        <>
          <View className="points-history">
            {entries.map((entry) => (
              <HistoryRow key={entry._id} entry={entry} />
            ))}
          </View>
          <LoadMoreFooter
            status={moreStatus}
            errorText={errorText(moreError)}
            hasMore={hasMore}
            onLoadMore={loadMore}
            errorClassName="points-section__error"
            testIds={{ error: 'points-history-more-error', more: 'points-history-more', end: 'points-history-end' }}
          />
        </>
      )}
    </View>
  );
}

function HistoryRow({ entry }: { entry: PointsHistoryEntry }) {
  const debtNote = debtChangeText(entry.debtDelta);
  return (
    <View className="points-history__row" data-testid="points-history-row" data-kind={entry.kind}>
      <View className="points-history__main">
        <Text className="points-history__reason">{entry.reason}</Text>
        {debtNote ? <Text className="points-history__debt">{debtNote}</Text> : null}
        <Text className="points-history__time">{formatLocalDateTime(entry.createdAt)}</Text>
        {entry.expiresAt ? (
          <Text className="points-history__expiry" data-testid="points-history-expiry">
            {formatLocalDate(entry.expiresAt)} 到期
          </Text>
        ) : null}
      </View>
      <View className="points-history__numbers">
        <Text className={`points-history__delta points-history__delta--${pointsTone(entry.delta)}`} data-testid="points-history-delta">
          {signedPoints(entry.delta)}
        </Text>
        <Text className="points-history__after">余额 {entry.balanceAfter}</Text>
      </View>
    </View>
  );
}
