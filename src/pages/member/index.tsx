import { View } from '@tarojs/components';
import { PageState } from '@/components/page-state/page-state';
import { TierLadder } from '@/components/tier-ladder/tier-ladder';
import { useSession } from '@/hooks/use-session';
import { ROUTES, openPage } from '@/routes';
import { errorText } from '@/services/error-text';
import { JoinMembershipCard } from './join-membership-card';
import { MembershipSummary } from './membership-summary';
import { PointsCard } from './points-card';
import { ProfileHeader } from './profile-header';
import { ProfileSkeleton } from './profile-skeleton';
import { SwitchIdentityLink } from './switch-identity-link';
import './index.scss';

export default function MemberCentrePage() {
  const { status, profile, error, retry } = useSession();

  if (status === 'error') {
    return (
      <View className="page">
        <PageState kind="error" testId="member-error" title="会员信息加载失败" description={errorText(error)} actionText="重试" onAction={retry} />
      </View>
    );
  }
  if (status !== 'ready') {
    return (
      <View className="page">
        <ProfileSkeleton />
      </View>
    );
  }
  if (!profile) {
    return (
      <View className="page">
        <PageState kind="empty" testId="member-empty" title="暂无会员信息" description="请稍后再试" actionText="重新加载" onAction={retry} />
      </View>
    );
  }
  return (
    <View className="page member-page">
      <ProfileHeader profile={profile} />
      <View className="card">
        <View className="member-page__card-head">
          <View className="member-page__card-title">我的等级</View>
          {/* The ladder explanation page (ROUTES.ladder) is a placeholder until the ladder backend exists. */}
          <View className="member-page__card-link" onClick={() => openPage(ROUTES.ladder)} data-testid="member-ladder-entry">
            等级说明
          </View>
        </View>
        <TierLadder tier={profile.tier} />
      </View>
      {profile.isMember ? <PointsCard /> : null}
      {profile.isMember ? <MembershipSummary joinedAt={profile.joinedAt} /> : <JoinMembershipCard />}
      {process.env.TARO_ENV === 'h5' ? <SwitchIdentityLink /> : null}
    </View>
  );
}
