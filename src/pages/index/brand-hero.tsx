import { View, Text } from '@tarojs/components';

export function BrandHero() {
  return (
    <View className="brand-hero" data-testid="brand-hero">
      <Text className="brand-hero__name">Flywheel</Text>
      <Text className="brand-hero__slogan">和你喜欢的品牌，一起慢慢变好</Text>
      <Text className="brand-hero__perks">会员价 · 积分 · 限量抽签 · 邀请有礼 · 吐槽中心</Text>
    </View>
  );
}
