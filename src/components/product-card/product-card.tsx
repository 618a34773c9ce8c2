import { View, Text, Image } from '@tarojs/components';
import type { ProductCard as Product } from '@/services/contracts';
import { openProduct } from '@/routes';
import { imageSrc } from '@/utils/cloud-image';
import { formatFen } from '@/utils/money';
import { isLockedForMe, memberOnlyText, nextTierOfferText, paysLessThanList } from '@/utils/product-text';
import './product-card.scss';

/**
 * One product in a grid (home's 精选好物, 全部商品): image, name, MY price with my tier's name, the
 * list price struck through when I pay less, what the next tier would pay, sold out / member-only.
 */
export function ProductCard({ product }: { product: Product }) {
  const src = imageSrc(product.image);
  const locked = isLockedForMe(product);
  const memberOnly = memberOnlyText(product.memberOnlyFromTier);

  return (
    <View
      className={`product-card${product.inStock ? '' : ' product-card--sold-out'}`}
      onClick={() => openProduct(product._id)}
      data-testid={`product-card-${product._id}`}
      data-in-stock={product.inStock ? 'true' : 'false'}
    >
      <View className="product-card__media">
        {src ? (
          <Image className="product-card__image" src={src} mode="aspectFill" />
        ) : (
          <View className="product-card__placeholder">
            <Text>{product.category || '好物'}</Text>
          </View>
        )}
        {memberOnly ? (
          <Text className="product-card__member-only" data-testid="product-member-only" data-locked={locked ? 'true' : 'false'}>
            {memberOnly}
          </Text>
        ) : null}
        {product.inStock ? null : (
          <View className="product-card__sold-out" data-testid="product-sold-out">
            <Text>已售罄</Text>
          </View>
        )}
      </View>
      <View className="product-card__body">
        <Text className="product-card__name">{product.name}</Text>
        {product.subtitle ? <Text className="product-card__subtitle">{product.subtitle}</Text> : null}
        <View className="product-card__prices">
          <Text className="product-card__my-price" data-testid="product-my-price">
            {formatFen(product.myPriceFen)}
          </Text>
          {paysLessThanList(product) ? (
            <Text className="product-card__list-price" data-testid="product-list-price">
              {formatFen(product.listPriceFen)}
            </Text>
          ) : null}
        </View>
        <Text className="product-card__tier" data-testid="product-my-tier">
          {product.myTierName}
        </Text>
        {product.nextTierOffer ? (
          <Text className="product-card__next-tier" data-testid="product-next-tier">
            {nextTierOfferText(product.nextTierOffer)}
          </Text>
        ) : null}
      </View>
    </View>
  );
}

/** Products two to a row. */
export function ProductGrid({ products, testId }: { products: Product[]; testId: string }) {
  return (
    <View className="product-grid" data-testid={testId}>
      {products.map((product) => (
        <ProductCard key={product._id} product={product} />
      ))}
    </View>
  );
}
