import { View, Text } from '@tarojs/components';
import { PageState } from '@/components/page-state/page-state';
import { ProductGrid } from '@/components/product-card/product-card';
import { ROUTES, openPage } from '@/routes';
import { errorText } from '@/utils/error-text';
import { useCatalog } from '@/hooks/use-catalog';
import { FEATURED_COUNT } from '@/store';

/** 精选好物: the catalog's first products at the caller's prices, and the way to 全部商品. */
export function FeaturedProducts() {
  const { products, status, error, retry: loadCatalog } = useCatalog();

  return (
    <View className="featured-products">
      <View className="featured-products__head">
        <Text className="home-page__section-title">精选好物</Text>
        <Text className="featured-products__all" onClick={() => openPage(ROUTES.catalog)} data-testid="catalog-entry">
          全部商品 ›
        </Text>
      </View>
      {status === 'error' ? (
        <PageState
          kind="error"
          compact
          testId="home-products-error"
          title="商品加载失败"
          description={errorText(error)}
          actionText="重试"
          onAction={loadCatalog}
        />
      ) : status !== 'ready' ? (
        <PageState kind="loading" compact testId="home-products-loading" />
      ) : products.length === 0 ? (
        <PageState kind="empty" compact testId="home-products-empty" title="新品即将上架" />
      ) : (
        <ProductGrid products={products.slice(0, FEATURED_COUNT)} testId="home-products" />
      )}
    </View>
  );
}
