import { View, Text } from '@tarojs/components';
import { ROUTES, openPage } from '@/routes';

/** 邀请好友 in the member centre: links only, the invite pages live in their subpackage. */
export function InviteEntries() {
  return (
    <View className="card points-card" data-testid="member-invite-card">
      <Text className="member-page__card-title">邀请好友</Text>
      <View className="points-card__entries">
        <View className="points-card__entry" onClick={() => openPage(ROUTES.invite)} data-testid="member-invite-entry">
          <Text>邀请有礼</Text>
        </View>
        <View className="points-card__entry" onClick={() => openPage(ROUTES.influence)} data-testid="member-influence-entry">
          <Text>我的影响力</Text>
        </View>
      </View>
    </View>
  );
}
