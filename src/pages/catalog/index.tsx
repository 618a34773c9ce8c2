import { View, Text } from '@tarojs/components';
import { PageState } from '@/components/page-state/page-state';
import { ProductGrid } from '@/components/product-card/product-card';
import { errorText } from '@/utils/error-text';
import { useCatalog } from '@/hooks/use-catalog';
import './index.scss';

/** 全部商品: every product the caller may see, at their own member price. */
export default function CatalogPage() {
  const { products, status, error, retry: loadCatalog } = useCatalog();

  return (
    <View className="page catalog-page">
      <Text className="catalog-page__note">价格为你当前会员等级的专享价，下单时以实际结算为准</Text>
      {status === 'error' ? (
        <PageState kind="error" testId="catalog-error" title="商品加载失败" description={errorText(error)} actionText="重试" onAction={loadCatalog} />
      ) : status !== 'ready' ? (
        <PageState kind="loading" testId="catalog-loading" />
      ) : products.length === 0 ? (
        <PageState kind="empty" testId="catalog-empty" title="暂无在售商品" description="新品正在路上，过几天再来看看吧。" />
      ) : (
        <ProductGrid products={products} testId="catalog" />
      )}
    </View>
  );
}
