import { View, Text } from '@tarojs/components';
import { Avatar } from '@nutui/nutui-react-taro';
import type { SessionProfile } from '@/services/contracts';

export function ProfileHeader({ profile }: { profile: SessionProfile }) {
  const nickname = profile.nickname || '新朋友';
  return (
    <View className="card profile-header">
      <Avatar
        className="profile-header__avatar"
        size="large"
        src={profile.avatarUrl || ''}
        background="var(--fw-color-primary-light)"
        color="var(--fw-color-primary)"
        data-testid="member-avatar"
      >
        {profile.avatarUrl ? null : nickname.slice(0, 1)}
      </Avatar>
      <View className="profile-header__text">
        <Text className="profile-header__nickname" data-testid="member-nickname">
          {nickname}
        </Text>
        <Text className="tier-chip" data-testid="tier-name">
          {profile.tierName}
        </Text>
      </View>
      <View className="profile-header__points">
        <Text className="profile-header__points-value" data-testid="points-balance">
          {profile.points}
        </Text>
        <Text className="profile-header__points-label">积分</Text>
      </View>
    </View>
  );
}
