import { useEffect } from 'react';
import { View, Text } from '@tarojs/components';
import { StatePage } from '@/components/page-state/page-state';
import { usePageShow } from '@/hooks/use-page-show';
import { ROUTES, openPage } from '@/routes';
import { useInviteStore, type InfluenceView } from '@/packages/invite/store';
import { formatLocalDate, formatLocalDateTime, formatMonthDay } from '@/utils/date';
import { formatFen } from '@/utils/money';
import { PURCHASE_BUCKETS, friendStatusText, inviteErrorText } from './invite-text';
import './influence.scss';

/**
 * 我的影响力 (referral.influence): what my cards achieved — cards, visits, friends who joined,
 * their purchases by status, the points they earned me — and the way to 品牌KOC, in the server's words.
 */
export default function InfluencePage() {
  const view = useInviteStore.use.influence();
  const status = useInviteStore.use.influenceStatus();
  const error = useInviteStore.use.influenceError();
  const load = useInviteStore((state) => state.loadInfluence);

  useEffect(() => {
    void load();
  }, [load]);
  // The first show is the effect's; a later one refreshes: purchases confirm and friends join
  // while the page sits in the stack.
  usePageShow(() => {
    if (useInviteStore.getState().influenceStatus === 'ready') void load();
  });

  if (status === 'error' && !view) {
    return (
      <StatePage
        kind="error"
        testId="influence-error"
        title="影响力加载失败"
        description={inviteErrorText(error)}
        actionText="重试"
        onAction={() => void load()}
      />
    );
  }
  if (!view) {
    return <StatePage kind="loading" testId="influence-loading" />;
  }
  return (
    <View className="page influence-page" data-testid="influence-page">
      <KocCard koc={view.koc} />
      <Counts view={view} />
      <Purchases view={view} />
      <Friends friends={view.friends} />
      <Text className="influence-page__invite" onClick={() => openPage(ROUTES.invite)} data-testid="influence-invite-entry">
        去邀请好友
      </Text>
    </View>
  );
}

function KocCard({ koc }: { koc: InfluenceView['koc'] }) {
  return (
    <View className={`card influence-koc${koc.isKoc ? ' influence-koc--koc' : ''}`} data-testid="influence-koc" data-tier={koc.tier}>
      <View className="influence-koc__head">
        {/* A KOC's tier is the badge itself: one label, not two. */}
        {koc.isKoc ? null : <Text className="tier-chip">{koc.tierName}</Text>}
        {koc.isKoc ? (
          <Text className="influence-koc__badge" data-testid="influence-koc-badge">
            品牌KOC
          </Text>
        ) : null}
      </View>
      <Text className="influence-koc__text" data-testid="influence-koc-text">
        {koc.text}
      </Text>
      {koc.pendingText ? (
        <Text className="influence-koc__pending" data-testid="influence-koc-pending">
          {koc.pendingText}
        </Text>
      ) : null}
      <Text className="influence-koc__numbers">
        近 {koc.periodDays} 天：好友购买 {koc.friendsBought}/{koc.friendsNeeded} 位 · 我的订单 {koc.paidOrders}/{koc.ordersNeeded} 笔
      </Text>
    </View>
  );
}

function Counts({ view }: { view: InfluenceView }) {
  const items = [
    { key: 'shares', label: '分享卡片', value: view.shares },
    { key: 'visits', label: '好友查看', value: view.visits },
    { key: 'friends-count', label: '好友加入', value: view.friendsJoined },
    { key: 'points', label: '获得积分', value: view.pointsEarned },
  ];
  return (
    <View className="card influence-counts">
      {items.map((item) => (
        <View key={item.key} className="influence-counts__item">
          <Text className="influence-counts__value" data-testid={`influence-${item.key}`}>
            {item.value}
          </Text>
          <Text className="influence-counts__label">{item.label}</Text>
        </View>
      ))}
    </View>
  );
}

function Purchases({ view }: { view: InfluenceView }) {
  return (
    <View className="card influence-section">
      <Text className="influence-section__title">好友购买</Text>
      <View className="influence-buckets">
        {PURCHASE_BUCKETS.map(({ key, label, hint }) => {
          const bucket = view.purchases[key];
          return (
            <View
              key={key}
              className={`influence-bucket influence-bucket--${key}`}
              data-testid={`influence-purchases-${key}`}
              data-count={bucket.count}
              data-pay-fen={bucket.payFen}
            >
              <Text className="influence-bucket__label">{label}</Text>
              <Text className="influence-bucket__count">{bucket.count} 笔</Text>
              <Text className="influence-bucket__amount">{formatFen(bucket.payFen)}</Text>
              <Text className="influence-bucket__hint">{hint}</Text>
            </View>
          );
        })}
      </View>
      {view.recentPurchases.length === 0 ? (
        <Text className="influence-section__empty" data-testid="influence-purchases-empty">
          还没有好友通过你的分享下单
        </Text>
      ) : (
        view.recentPurchases.map((purchase, index) => (
          <View key={`${purchase.paidAt}-${index}`} className="influence-row" data-testid="influence-purchase" data-status={purchase.status}>
            <View className="influence-row__main">
              <Text className="influence-row__name">{purchase.buyer}</Text>
              <Text className="influence-row__amount">{formatFen(purchase.payFen)}</Text>
            </View>
            <View className="influence-row__sub">
              <Text className={`influence-row__status influence-row__status--${purchase.status}`} data-testid="influence-purchase-status">
                {purchase.statusText}
              </Text>
              <Text className="influence-row__date">{formatLocalDateTime(purchase.paidAt)}</Text>
            </View>
            {purchase.confirmsAt ? (
              <Text className="influence-row__note" data-testid="influence-purchase-confirms">
                预计 {formatMonthDay(purchase.confirmsAt)} 确认
              </Text>
            ) : null}
            {purchase.rewardPoints > 0 ? (
              <Text className="influence-row__note influence-row__note--reward" data-testid="influence-purchase-points">
                +{purchase.rewardPoints} 积分
              </Text>
            ) : null}
          </View>
        ))
      )}
    </View>
  );
}

function Friends({ friends }: { friends: InfluenceView['friends'] }) {
  return (
    <View className="card influence-section">
      <Text className="influence-section__title">加入的好友</Text>
      {friends.length === 0 ? (
        <Text className="influence-section__empty" data-testid="influence-friends-empty">
          还没有好友通过你的分享加入会员
        </Text>
      ) : (
        friends.map((friend, index) => (
          <View key={`${friend.joinedAt}-${index}`} className="influence-row influence-row--friend" data-testid="influence-friend" data-status={friend.status}>
            <View className="influence-row__main">
              <Text className="influence-row__name">{friend.nickname}</Text>
              <Text className={`influence-row__status influence-row__status--${friend.status}`}>{friendStatusText(friend.status)}</Text>
            </View>
            <Text className="influence-row__date">{formatLocalDate(friend.joinedAt)} 加入</Text>
          </View>
        ))
      )}
    </View>
  );
}
