import { View } from '@tarojs/components';
import { StatePage } from '@/components/page-state/page-state';
import { errorText } from '@/utils/error-text';
import { InviteEntries } from './invite-entries';
import { JoinMembershipCard } from './join-membership-card';
import { MembershipSummary } from './membership-summary';
import { OrdersCard } from './orders-card';
import { PointsCard } from './points-card';
import { ProfileHeader } from './profile-header';
import { ProfileSkeleton } from './profile-skeleton';
import { SwitchIdentityLink } from './switch-identity-link';
import { TierCard } from './tier-card';
import { useMemberCentre } from './use-member-centre';
import './index.scss';

export default function MemberCentrePage() {
  // One call (member.centre) fills everything below.
  const { status, profile, error, retry } = useMemberCentre();

  if (status === 'error') {
    return <StatePage kind="error" testId="member-error" title="会员信息加载失败" description={errorText(error)} actionText="重试" onAction={retry} />;
  }
  if (status !== 'ready' || !profile) {
    return (
      <View className="page">
        <ProfileSkeleton />
      </View>
    );
  }
  return (
    <View className="page member-page">
      <ProfileHeader profile={profile} />
      <TierCard profile={profile} />
      {profile.isMember ? <PointsCard /> : null}
      <OrdersCard />
      <InviteEntries />
      {profile.isMember ? <MembershipSummary joinedAt={profile.joinedAt} /> : <JoinMembershipCard />}
      {process.env.TARO_ENV === 'h5' ? <SwitchIdentityLink /> : null}
    </View>
  );
}
