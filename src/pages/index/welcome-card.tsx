import { View, Text } from '@tarojs/components';
import { Button, Skeleton } from '@nutui/nutui-react-taro';
import type { CloudError } from '@/services/cloud-result';
import type { SessionProfile } from '@/services/contracts';
import { errorText } from '@/utils/error-text';
import type { SessionStatus } from '@/store';
import { ROUTES, openPage } from '@/routes';

interface WelcomeCardProps {
  status: SessionStatus;
  profile: SessionProfile | null;
  error: CloudError | null;
  retry: () => void;
}

export function WelcomeCard({ status, profile, error, retry }: WelcomeCardProps) {
  if (status === 'error') {
    return (
      <View className="card welcome-card" data-testid="home-welcome-error">
        <Text className="welcome-card__error">{errorText(error)}</Text>
        <Button size="small" type="primary" fill="outline" onClick={retry} data-testid="home-retry-button">
          重试
        </Button>
      </View>
    );
  }
  if (status !== 'ready' || !profile) {
    return (
      <View className="card welcome-card" data-testid="home-welcome-loading">
        <Skeleton rows={2} animated />
      </View>
    );
  }
  return (
    <View className="card welcome-card" data-testid="home-welcome">
      <View className="welcome-card__greeting">
        <Text>你好，</Text>
        <Text className="welcome-card__nickname" data-testid="home-nickname">
          {profile.nickname || '新朋友'}
        </Text>
      </View>
      <View className="welcome-card__meta">
        <Text className="tier-chip" data-testid="home-tier-name">
          {profile.tierName}
        </Text>
        <Text className="welcome-card__points">积分 {profile.points}</Text>
      </View>
      {profile.isMember ? null : (
        <View className="welcome-card__join">
          <Button type="primary" block onClick={() => openPage(ROUTES.member)} data-testid="home-join-cta">
            加入会员，享会员价与积分
          </Button>
        </View>
      )}
    </View>
  );
}
