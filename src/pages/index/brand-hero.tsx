import { View, Text } from '@tarojs/components';
import { brandText } from '@/styles/brand-tokens';

export function BrandHero() {
  return (
    <View className="brand-hero" data-testid="brand-hero">
      <Text className="brand-hero__name" data-testid="brand-name">
        {brandText.name}
      </Text>
      <Text className="brand-hero__slogan" data-testid="brand-slogan">
        {brandText.slogan}
      </Text>
      <Text className="brand-hero__perks">会员价 · 积分 · 限量抽签 · 邀请有礼 · 吐槽中心</Text>
    </View>
  );
}
