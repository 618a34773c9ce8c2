import { View, Text } from '@tarojs/components';
import { TierLadder } from '@/components/tier-ladder/tier-ladder';
import { ROUTES, openPage } from '@/routes';
import type { SessionProfile } from '@/services/contracts';
import { useAppStore } from '@/store';
import { graceSentence } from '@/utils/ladder-text';

/** 我的等级: the five steps with the current one, what the next step takes, and what keeps it in grace. */
export function TierCard({ profile }: { profile: SessionProfile }) {
  const ladder = useAppStore.use.myLadder();
  const status = useAppStore.use.memberCentreStatus();
  const reload = useAppStore((state) => state.loadMemberCentre);

  return (
    <View className="card tier-card">
      <View className="member-page__card-head">
        <View className="member-page__card-title">我的等级</View>
        <View className="member-page__card-link" onClick={() => openPage(ROUTES.ladder)} data-testid="member-ladder-entry">
          等级说明
        </View>
      </View>
      <TierLadder tier={profile.tier} />
      {ladder ? (
        <View className="tier-card__notes">
          <Text className="tier-card__progress" data-testid="tier-progress">
            {ladder.progress.text}
          </Text>
          {ladder.grace ? (
            <Text className="tier-card__grace" data-testid="tier-grace">
              {graceSentence(ladder.tierName, ladder.grace)}
            </Text>
          ) : null}
        </View>
      ) : status === 'error' ? (
        <Text className="tier-card__retry" onClick={() => void reload()} data-testid="tier-progress-error">
          升级进度加载失败，点此重试
        </Text>
      ) : null}
    </View>
  );
}
