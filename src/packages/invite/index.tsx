import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { PageState } from '@/components/page-state/page-state';
import { ShareButton } from '@/components/share-button/share-button';
import { usePageShow } from '@/hooks/use-page-show';
import { useSession } from '@/hooks/use-session';
import { useShareCard, type ShareCardSpec, type ShareTarget } from '@/hooks/use-share-card';
import { useShareVisit } from '@/hooks/use-share-visit';
import { ROUTES, openPage, routeParam } from '@/routes';
import { useInviteStore, type PerkView } from '@/packages/invite/store';
import { brandText } from '@/styles/brand-tokens';
import { inviteErrorText } from './invite-text';
import { PerkCard } from './perk-card';
import './invite.scss';

/**
 * 邀请有礼: my invite card (send it, or make a poster), the perks with my friends' progress, and the
 * way to 我的影响力. Also where an invite or perk card lands: the visit is reported, a visitor who
 * is not a member is invited to join, and a perk card's perk is highlighted.
 */
export default function InvitePage() {
  const [perkParam] = useState(() => routeParam('perk'));
  const landing = useShareVisit();
  const { profile } = useSession();
  const perks = useInviteStore.use.perks();
  const loadPerks = useInviteStore((state) => state.loadPerks);

  // A perk poster's code carries the scene only: the visit says which perk.
  const landedPerk = landing.visit?.share?.targetType === 'perk' ? (landing.visit.share.targetId ?? '') : '';
  const highlighted = perkParam || landedPerk;

  useEffect(() => {
    void loadPerks();
  }, [loadPerks]);
  // The first show is the effect's; a later one (back from sharing, joining or 我的券) refreshes:
  // friends may have joined meanwhile.
  usePageShow(() => {
    if (useInviteStore.getState().perksStatus === 'ready') void loadPerks();
  });

  const inviteCard = (): ShareCardSpec => ({
    target: { targetType: 'invite' },
    title: profile?.nickname ? `${profile.nickname}邀请你加入${brandText.name}会员` : `邀请你加入${brandText.name}会员`,
  });
  useShareCard((asked: ShareTarget | null) => {
    const perk = asked?.targetType === 'perk' ? perks.find((p) => p._id === asked.targetId) : undefined;
    return perk ? { target: { targetType: 'perk', targetId: perk._id }, title: `${perk.title} · ${brandText.name}` } : inviteCard();
  });

  return (
    <View className="page invite-page" data-testid="invite-page">
      {landing.code && profile && !profile.isMember ? <WelcomeCard sharerName={landing.visit?.share?.sharerName ?? ''} /> : null}

      <View className="card invite-card" data-testid="invite-card">
        <Text className="invite-card__title">邀请好友加入{brandText.name}会员</Text>
        <Text className="invite-card__text">好友通过你的卡片或海报加入会员，会计入下方活动的进度；好友下单后，你可以在「我的影响力」里看到。</Text>
        <View className="invite-card__actions">
          <ShareButton target={{ targetType: 'invite' }} testId="invite-share" text="发送邀请卡片" fill="solid" block />
          <Button
            className="invite-card__poster"
            type="primary"
            fill="outline"
            block
            onClick={() => void Taro.navigateTo({ url: ROUTES.invitePoster })}
            data-testid="invite-poster-entry"
          >
            生成海报
          </Button>
        </View>
        <Text className="invite-card__link" onClick={() => openPage(ROUTES.influence)} data-testid="influence-entry">
          我的影响力
        </Text>
      </View>

      <PerkList perks={perks} highlighted={highlighted} />
    </View>
  );
}

/** Opened from someone's card without being a member: joining is the one thing to do first. `sharerName` is masked by the server. */
function WelcomeCard({ sharerName }: { sharerName: string }) {
  return (
    <View className="card invite-welcome" data-testid="invite-welcome">
      <Text className="invite-welcome__title">
        {sharerName ? `好友 ${sharerName} ` : '好友'}邀请你加入{brandText.name}会员
      </Text>
      <Text className="invite-welcome__text">入会即享会员价、消费积分和限量抽签资格。</Text>
      <Button type="primary" block onClick={() => openPage(ROUTES.member)} data-testid="invite-join">
        加入会员
      </Button>
    </View>
  );
}

function PerkList({ perks, highlighted }: { perks: PerkView[]; highlighted: string }) {
  const status = useInviteStore.use.perksStatus();
  const error = useInviteStore.use.perksError();
  const claimingPerkId = useInviteStore.use.claimingPerkId();
  const loadPerks = useInviteStore((state) => state.loadPerks);
  const claimPerk = useInviteStore((state) => state.claimPerk);

  const claim = async (perkId: string) => {
    const result = await claimPerk(perkId);
    if (result.ok) void Taro.showToast({ title: result.data.replayed ? '已领取' : '领取成功', icon: 'success' });
    else void Taro.showToast({ title: inviteErrorText(result.error), icon: 'none', duration: 2500 });
  };

  let body;
  if (status === 'error' && perks.length === 0) {
    body = (
      <PageState
        compact
        kind="error"
        testId="perks-error"
        title="活动加载失败"
        description={inviteErrorText(error)}
        actionText="重试"
        onAction={() => void loadPerks()}
      />
    );
  } else if (status !== 'ready' && perks.length === 0) {
    body = <PageState compact kind="loading" testId="perks-loading" />;
  } else if (perks.length === 0) {
    body = <PageState compact kind="empty" testId="perks-empty" title="暂无好友助力活动" description="新活动上线后会出现在这里。" />;
  } else {
    // The perk a friend's card was about comes first, marked; the rest in the server's order.
    const ordered = [...perks.filter((perk) => perk._id === highlighted), ...perks.filter((perk) => perk._id !== highlighted)];
    body = ordered.map((perk) => (
      <PerkCard key={perk._id} perk={perk} highlighted={perk._id === highlighted} claiming={claimingPerkId === perk._id} onClaim={(id) => void claim(id)} />
    ));
  }

  return (
    <View className="invite-perks" data-testid="invite-perks">
      <Text className="invite-perks__title">好友助力活动</Text>
      {body}
    </View>
  );
}
