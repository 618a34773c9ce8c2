import { useMemo } from 'react';
import { View, Text } from '@tarojs/components';
import { PageState } from '@/components/page-state/page-state';
import type { AdminOverview } from '@/services/contracts';
import { useAdminToolsStore } from '@/packages/admin/store';
import { staffErrorText } from '../shared/admin-text';
import { funnelView, percentText } from './funnel';

/** 运营概览: the relationship ladder as a funnel, members and staff. Moderators and admins. */
export function OverviewSection() {
  const overview = useAdminToolsStore.use.adminOverview();
  const status = useAdminToolsStore.use.adminOverviewStatus();
  const error = useAdminToolsStore.use.adminOverviewError();
  const reload = useAdminToolsStore((state) => state.loadOverview);

  return (
    <View className="card admin-section" data-testid="admin-overview">
      <View className="admin-section__head">
        <Text className="admin-section__title">运营概览</Text>
        <Text className="admin-section__hint">关系漏斗 · 各层级当前人数</Text>
      </View>
      {status === 'error' ? (
        <PageState compact kind="error" testId="overview-error" title="概览加载失败" description={staffErrorText(error)} actionText="重试" onAction={reload} />
      ) : status === 'ready' && overview ? (
        <OverviewBody overview={overview} />
      ) : (
        <PageState compact kind="loading" testId="overview-loading" />
      )}
    </View>
  );
}

function OverviewBody({ overview }: { overview: AdminOverview }) {
  const funnel = useMemo(() => funnelView(overview), [overview]);
  if (funnel.total === 0) {
    return <PageState compact kind="empty" testId="overview-empty" title="还没有用户" description="有人打开小程序后，这里会显示各层级的人数。" />;
  }
  return (
    <>
      <View className="overview-totals">
        <Total value={funnel.total} label="全部用户" testId="overview-people" />
        <Total value={overview.members} label="会员总数" testId="overview-members" />
        <Total value={overview.staff} label="工作人员" testId="overview-staff" />
      </View>
      <View className="funnel">
        {funnel.rows.map((row, index) => (
          <View key={row.tier} className="funnel__row" data-testid={`funnel-${row.tier}`} data-count={row.count}>
            <View className="funnel__label">
              <Text className="funnel__step">{index + 1}</Text>
              <Text className="funnel__name">{row.name}</Text>
            </View>
            <View className="funnel__track">
              {/* A step with people never vanishes: at least a sliver of bar. */}
              <View className={`funnel__bar funnel__bar--${index + 1}`} style={{ width: `${row.count > 0 ? Math.max(row.bar * 100, 3) : 0}%` }} />
            </View>
            <View className="funnel__numbers">
              <Text className="funnel__count" data-testid={`funnel-${row.tier}-count`}>
                {row.count}
              </Text>
              <Text className="funnel__share">{percentText(row.share)}</Text>
            </View>
          </View>
        ))}
      </View>
    </>
  );
}

function Total({ value, label, testId }: { value: number; label: string; testId: string }) {
  return (
    <View className="overview-totals__item">
      <Text className="overview-totals__value" data-testid={testId}>
        {value}
      </Text>
      <Text className="overview-totals__label">{label}</Text>
    </View>
  );
}
