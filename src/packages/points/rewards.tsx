import { useEffect } from 'react';
import { View, Text, Image } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageState } from '@/components/page-state/page-state';
import { ROUTES, openPage } from '@/routes';
import type { Reward } from '@/services/contracts';
import { errorText } from '@/utils/error-text';
import { selectPointsBalance, usePointsStore } from './store';
import { imageSrc } from '@/utils/cloud-image';
import { formatFen } from '@/utils/money';
import { couponTermsText } from '@/utils/points-text';
import { RedeemDialog } from './redeem-dialog';
import './rewards.scss';

/** 积分商城: what points buy, and redeeming one with a confirmation. */
export default function RewardsPage() {
  const loadRewards = usePointsStore((state) => state.loadRewards);
  const loadSummary = usePointsStore((state) => state.loadPointsSummary);
  const rewards = usePointsStore.use.rewards();
  const status = usePointsStore.use.rewardsStatus();
  const error = usePointsStore.use.rewardsError();
  const balance = usePointsStore(selectPointsBalance);

  useEffect(() => {
    void loadRewards();
    void loadSummary();
  }, [loadRewards, loadSummary]);

  return (
    <View className="page rewards-page">
      <View className="card rewards-head">
        <View className="rewards-head__balance">
          <Text className="rewards-head__label">我的积分</Text>
          <Text className="rewards-head__value" data-testid="rewards-balance">
            {balance ?? '—'}
          </Text>
        </View>
        <View className="rewards-head__links">
          <Text className="rewards-head__link" onClick={() => openPage(ROUTES.points)} data-testid="rewards-points-entry">
            积分明细
          </Text>
          <Text className="rewards-head__link" onClick={() => openPage(ROUTES.coupons)} data-testid="rewards-coupons-entry">
            我的券
          </Text>
        </View>
      </View>
      {status === 'error' ? (
        <PageState kind="error" testId="rewards-error" title="商城加载失败" description={errorText(error)} actionText="重试" onAction={loadRewards} />
      ) : status !== 'ready' ? (
        <PageState kind="loading" testId="rewards-loading" />
      ) : rewards.length === 0 ? (
        <PageState kind="empty" testId="rewards-empty" title="暂无可兑换的奖品" description="新的好礼正在上架，过几天再来看看吧。" />
      ) : (
        <View className="rewards-grid" data-testid="rewards-grid">
          {rewards.map((reward) => (
            <RewardCard key={reward._id} reward={reward} balance={balance} />
          ))}
        </View>
      )}
      <RedeemDialog />
    </View>
  );
}

function RewardCard({ reward, balance }: { reward: Reward; balance: number | null }) {
  const openRedeem = usePointsStore((state) => state.openRedeem);
  // The server decides availability (tier, stock, listing) and checks the balance again.
  const shortBy = balance !== null && reward.available ? reward.pointsCost - balance : 0;
  const canRedeem = reward.available && shortBy <= 0;
  const note = !reward.available ? (reward.unavailableReason ?? '暂不可兑换') : shortBy > 0 ? `还差 ${shortBy} 积分` : '';
  const src = imageSrc(reward.image);

  return (
    <View
      className={`reward-card${reward.available ? '' : ' reward-card--unavailable'}`}
      data-testid={`reward-${reward._id}`}
      data-available={reward.available ? 'true' : 'false'}
    >
      <View className="reward-card__media">
        {src ? (
          <Image className="reward-card__image" src={src} mode="aspectFill" />
        ) : (
          <View className={`reward-card__placeholder reward-card__placeholder--${reward.kind}`}>
            <Text className="reward-card__placeholder-text">{reward.coupon ? formatFen(reward.coupon.valueFen) : '好礼'}</Text>
          </View>
        )}
        <Text className="reward-card__kind">{reward.kind === 'coupon' ? '优惠券' : '实物'}</Text>
      </View>
      <View className="reward-card__body">
        <Text className="reward-card__title">{reward.title}</Text>
        <Text className="reward-card__terms">{reward.coupon ? couponTermsText(reward.coupon) : reward.description || '实物好礼'}</Text>
        <View className="reward-card__numbers">
          <Text className="reward-card__cost">
            {reward.pointsCost}
            <Text className="reward-card__cost-unit"> 积分</Text>
          </Text>
          <Text className="reward-card__remaining">剩余 {reward.remaining}</Text>
        </View>
        {note ? (
          <Text className="reward-card__note" data-testid={`reward-note-${reward._id}`}>
            {note}
          </Text>
        ) : null}
        <View className="reward-card__action">
          <Button size="small" type="primary" block disabled={!canRedeem} onClick={() => openRedeem(reward._id)} data-testid={`redeem-${reward._id}`}>
            {canRedeem ? '兑换' : reward.available ? '积分不足' : '暂不可兑'}
          </Button>
        </View>
      </View>
    </View>
  );
}
