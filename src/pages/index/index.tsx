import { View, Text } from '@tarojs/components';
import { useSession } from '@/hooks/use-session';
import { selectIsStaff, useAppStore } from '@/store';
import { BrandHero } from './brand-hero';
import { EntryGrid } from './entry-grid';
import { FeaturedProducts } from './featured-products';
import { WelcomeCard } from './welcome-card';
import './index.scss';

export default function HomePage() {
  const session = useSession();
  const isStaff = useAppStore(selectIsStaff);

  return (
    <View className="page home-page">
      <BrandHero />
      <WelcomeCard {...session} />
      <FeaturedProducts />
      <Text className="home-page__section-title">会员服务</Text>
      <EntryGrid showAdmin={isStaff} />
    </View>
  );
}
