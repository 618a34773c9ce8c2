import { View, Text } from '@tarojs/components';
import { formatLocalDate } from '@/utils/date';

export function MembershipSummary({ joinedAt }: { joinedAt: string | null }) {
  const joinedOn = formatLocalDate(joinedAt);
  return (
    <View className="card membership-summary" data-testid="membership-summary">
      <Text className="member-page__card-title">会员权益</Text>
      <Text className="membership-summary__line">你已是品牌会员，购物即可累积积分，更高等级享更低会员价。</Text>
      {joinedOn ? (
        <Text className="membership-summary__joined" data-testid="joined-at">
          入会日期 {joinedOn}
        </Text>
      ) : null}
    </View>
  );
}
