import { View } from '@tarojs/components';
import { Skeleton } from '@nutui/nutui-react-taro';

export function ProfileSkeleton() {
  return (
    <View data-testid="member-loading">
      <View className="card">
        <Skeleton rows={3} animated />
      </View>
      <View className="card">
        <Skeleton rows={2} animated />
      </View>
    </View>
  );
}
