import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { FilterTabs } from '@/components/filter-tabs/filter-tabs';
import { PageState } from '@/components/page-state/page-state';
import { type KocLeaderboardRow, useAdminToolsStore } from '@/packages/admin/store';
import { formatFen } from '@/utils/money';
import { formatDateTime, shortOpenid, staffErrorText } from '../shared/admin-text';
import { StaffGate } from '../shared/staff-gate';
import '../shared/admin.scss';
import '../shared/tools.scss';
import './koc.scss';

/** The periods offered; the server takes any 1..365 days. */
const PERIODS = [7, 30, 90] as const;
type PeriodKey = `${(typeof PERIODS)[number]}`;
const TABS: ReadonlyArray<{ key: PeriodKey; label: string }> = PERIODS.map((days) => ({ key: `${days}` as PeriodKey, label: `近 ${days} 天` }));

/** KOC 榜单: who brought the most distinct friends who bought, with propagation and own value. Read-only for every staff role. */
export default function KocAdminPage() {
  return <StaffGate>{() => <KocArea />}</StaffGate>;
}

function KocArea() {
  const days = useAdminToolsStore.use.kocDays();
  const board = useAdminToolsStore.use.kocBoard();
  const status = useAdminToolsStore.use.kocStatus();
  const error = useAdminToolsStore.use.kocError();
  const load = useAdminToolsStore((state) => state.loadKocLeaderboard);
  // The period the page opened on (the last one looked at, or the default).
  const [opened] = useState(days);

  useEffect(() => {
    void load(opened);
  }, [load, opened]);

  const rows = board?.rows ?? [];

  return (
    <View className="page admin-page" data-testid="admin-koc-page" data-days={days}>
      <FilterTabs tabs={TABS} value={`${days}` as PeriodKey} onChange={(key) => void load(Number(key))} testIdPrefix="admin-koc-period" />
      <View className="card admin-section">
        <View className="admin-section__head">
          <Text className="admin-section__title">KOC 榜单</Text>
          <Text className="admin-section__hint">按「通过其分享购买的不同好友数」排名，同数再按传播价值</Text>
        </View>
        <Text className="admin-note">传播价值：好友通过其分享下单、已过退款期确认的实付金额；自身价值：本人在期间内的实付减去退款；合计为两者之和。</Text>
        {board && status === 'ready' ? (
          <Text className="admin-note" data-testid="admin-koc-since">
            统计自 {formatDateTime(board.since)} 起
          </Text>
        ) : null}
      </View>
      {status === 'error' ? (
        <PageState
          kind="error"
          testId="admin-koc-error"
          title="榜单加载失败"
          description={staffErrorText(error)}
          actionText="重试"
          onAction={() => void load(days)}
        />
      ) : status !== 'ready' ? (
        <PageState kind="loading" testId="admin-koc-loading" />
      ) : rows.length === 0 ? (
        <PageState
          kind="empty"
          testId="admin-koc-empty"
          title={`近 ${days} 天还没有通过分享成交的会员`}
          description="会员分享的卡片或海报带来好友购买，并过了退款期后，会出现在这里。"
        />
      ) : (
        <View className="koc-list" data-testid="admin-koc-list">
          {rows.map((row) => (
            <KocRow key={row.memberId} row={row} />
          ))}
        </View>
      )}
    </View>
  );
}

function KocRow({ row }: { row: KocLeaderboardRow }) {
  return (
    <View className="card koc-row" data-testid="admin-koc-row" data-member-id={row.memberId} data-rank={row.rank}>
      <View className="koc-row__head">
        <Text className={`koc-row__rank${row.rank <= 3 ? ' koc-row__rank--top' : ''}`} data-testid="admin-koc-rank">
          {row.rank}
        </Text>
        <View className="koc-row__who">
          <Text className="reward-admin__title" data-testid="admin-koc-nickname">
            {row.nickname || '未设置昵称'}
          </Text>
          <Text className="admin-order__openid">{shortOpenid(row.memberId)}</Text>
        </View>
        <Text className={`admin-chip admin-chip--${row.tier === 'koc' ? 'admin' : 'ok'}`} data-testid="admin-koc-tier">
          {row.tierName}
        </Text>
      </View>
      <View className="reward-admin__numbers">
        <View className="reward-admin__number">
          <Text className="reward-admin__value" data-testid="admin-koc-friends">
            {row.friends}
          </Text>
          <Text className="reward-admin__label">购买好友（位）</Text>
        </View>
        <View className="reward-admin__number">
          <Text className="reward-admin__value" data-testid="admin-koc-conversions">
            {row.conversions}
          </Text>
          <Text className="reward-admin__label">成交（笔）</Text>
        </View>
      </View>
      <View className="koc-row__values">
        <View className="koc-row__value">
          <Text className="reward-admin__label">传播价值</Text>
          <Text className="koc-row__amount" data-testid="admin-koc-propagation">
            {formatFen(row.propagationFen)}
          </Text>
        </View>
        <View className="koc-row__value">
          <Text className="reward-admin__label">自身价值</Text>
          <Text className="koc-row__amount" data-testid="admin-koc-own">
            {formatFen(row.ownFen)}
          </Text>
        </View>
        <View className="koc-row__value koc-row__value--total">
          <Text className="reward-admin__label">合计</Text>
          <Text className="koc-row__amount koc-row__amount--total" data-testid="admin-koc-total">
            {formatFen(row.totalFen)}
          </Text>
        </View>
      </View>
    </View>
  );
}
