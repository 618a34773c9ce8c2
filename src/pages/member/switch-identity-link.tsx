import { View, Text } from '@tarojs/components';
import { useAppStore } from '@/store';

/** h5 only: against the local emulator, try the product as another demo persona. */
export function SwitchIdentityLink() {
  const switchIdentity = useAppStore((state) => state.switchIdentity);
  return (
    <View className="switch-identity">
      <Text className="switch-identity__link" onClick={switchIdentity} data-testid="switch-identity">
        切换体验身份
      </Text>
    </View>
  );
}
