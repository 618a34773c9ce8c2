import { View, Text } from '@tarojs/components';
import { Button, Progress } from '@nutui/nutui-react-taro';
import { ShareButton } from '@/components/share-button/share-button';
import { ROUTES, openPage } from '@/routes';
import type { PerkView } from '@/packages/invite/store';
import { brandColors } from '@/styles/brand-tokens';
import { formatLocalDate, formatMonthDay } from '@/utils/date';
import { couponTermsText } from '@/utils/points-text';
import { perkCountText, perkPercent, perkRemainingText, perkStateText } from './invite-text';

interface PerkCardProps {
  perk: PerkView;
  /** Opened from this perk's card (`perk=<id>`): shown first in the eye. */
  highlighted: boolean;
  claiming: boolean;
  onClaim: (perkId: string) => void;
}

/**
 * One perk: the rule in the server's words, how many friends genuinely joined (and bought) through
 * my cards and who they are (masked), then 领取 when the server says it is claimable, and what it
 * unlocked. Sending the perk's card is offered, never required and never counted by itself.
 */
export function PerkCard({ perk, highlighted, claiming, onClaim }: PerkCardProps) {
  const remaining = perkRemainingText(perk);
  return (
    <View
      className={`card perk-card${highlighted ? ' perk-card--highlighted' : ''}${perk.unlocked ? ' perk-card--unlocked' : ''}`}
      data-testid="perk-card"
      data-perk-id={perk._id}
      data-unlocked={perk.unlocked ? 'true' : 'false'}
      data-claimable={perk.claimable ? 'true' : 'false'}
      data-highlighted={highlighted ? 'true' : 'false'}
    >
      {highlighted ? <Text className="perk-card__from">好友分享给你的活动</Text> : null}
      <View className="perk-card__head">
        <Text className="perk-card__title">{perk.title}</Text>
        <Text className="perk-card__state" data-testid="perk-state">
          {perkStateText(perk)}
        </Text>
      </View>
      {perk.description ? <Text className="perk-card__description">{perk.description}</Text> : null}
      <Text className="perk-card__rule" data-testid="perk-rule">
        {perk.rule}
      </Text>

      <View className="perk-card__progress" data-testid="perk-progress" data-count={perk.count} data-required={perk.requiredFriends}>
        <Text className="perk-card__count">{perkCountText(perk)}</Text>
        {remaining ? <Text className="perk-card__remaining">{remaining}</Text> : null}
      </View>
      <Progress percent={perkPercent(perk)} color={brandColors.primary} background={brandColors.primaryLight} strokeWidth="6" />

      {perk.helpers.length > 0 ? (
        <View className="perk-card__helpers">
          {perk.helpers.map((helper, index) => (
            <View
              key={`${helper.name}-${helper.joinedAt}-${index}`}
              className="perk-helper"
              data-testid="perk-helper"
              data-bought={helper.bought ? 'true' : 'false'}
            >
              <Text className="perk-helper__name">{helper.name}</Text>
              <Text className="perk-helper__mark">已加入</Text>
              {helper.bought ? <Text className="perk-helper__mark perk-helper__mark--bought">已下单</Text> : null}
              <Text className="perk-helper__date">{formatLocalDate(helper.joinedAt)}</Text>
            </View>
          ))}
        </View>
      ) : perk.unlocked ? null : (
        <Text className="perk-card__hint">还没有好友通过你的分享加入</Text>
      )}

      {perk.ineligibleReason ? (
        <Text className="perk-card__ineligible" data-testid="perk-ineligible">
          {perk.ineligibleReason}
        </Text>
      ) : null}

      {perk.unlocked ? <PerkReward perk={perk} /> : null}

      <View className="perk-card__actions">
        {perk.endsAt ? <Text className="perk-card__ends">活动截至 {formatMonthDay(perk.endsAt)}</Text> : <View />}
        <View className="perk-card__buttons">
          {perk.eligible && !perk.unlocked ? <ShareButton target={{ targetType: 'perk', targetId: perk._id }} testId="perk-share" text="邀请好友" /> : null}
          {perk.claimable ? (
            <Button className="perk-card__claim" type="primary" size="small" loading={claiming} onClick={() => onClaim(perk._id)} data-testid="perk-claim">
              领取
            </Button>
          ) : null}
        </View>
      </View>
    </View>
  );
}

/** What an unlocked perk gave: the coupon (in 我的券) or the exclusive content. */
function PerkReward({ perk }: { perk: PerkView }) {
  if (perk.kind === 'coupon') {
    return (
      <View className="perk-reward" data-testid="perk-coupon" data-coupon-id={perk.couponId ?? ''} onClick={() => openPage(ROUTES.coupons)}>
        <Text className="perk-reward__title">已发放优惠券{perk.coupon ? `：${couponTermsText(perk.coupon)}` : ''}</Text>
        <Text className="perk-reward__link">去我的券查看</Text>
      </View>
    );
  }
  return (
    <View className="perk-reward">
      <Text className="perk-reward__title">专属内容</Text>
      <Text className="perk-reward__content" selectable data-testid="perk-content">
        {perk.content ?? ''}
      </Text>
    </View>
  );
}
