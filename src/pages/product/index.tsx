import { useEffect, useState } from 'react';
import { View, Text, Image, Swiper, SwiperItem } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { PageState, StatePage } from '@/components/page-state/page-state';
import { ShareButton } from '@/components/share-button/share-button';
import { QtyStepper } from '@/components/qty-stepper/qty-stepper';
import { useShareCard } from '@/hooks/use-share-card';
import { useShareVisit } from '@/hooks/use-share-visit';
import { ROUTES, openCheckout, openPage, routeParam } from '@/routes';
import type { ProductDetail } from '@/services/contracts';
import { errorText } from '@/utils/error-text';
import { MAX_QTY_PER_LINE, selectCartCount, selectProductDetail, useAppStore } from '@/store';
import { imageSrc } from '@/utils/cloud-image';
import { formatFen } from '@/utils/money';
import { isLockedForMe, memberOnlyText, nextTierOfferText, paysLessThanList } from '@/utils/product-text';
import './index.scss';

/** The page's `?id=`. */
const productIdOfRoute = () => routeParam('id');

/** 商品详情: my price, the member price ladder with my row, the channel prices it never exceeds. */
export default function ProductPage() {
  const [routeId] = useState(productIdOfRoute);
  // Opened from a card (`s`) or a poster (`scene`): the visit is reported, the page never waits...
  const landing = useShareVisit();
  // ...except from a poster, whose code carries the scene only: the visit says which product.
  const posterTarget = landing.visit?.share?.targetType === 'product' ? (landing.visit.share.targetId ?? '') : '';
  const productId = routeId || posterTarget;
  const entry = useAppStore(selectProductDetail(productId));
  const loadProduct = useAppStore((state) => state.loadProduct);
  const visitShare = useAppStore((state) => state.visitShare);
  const product = entry.product;

  useShareCard(() =>
    productId && product
      ? {
          target: { targetType: 'product', targetId: productId },
          title: product.name,
          ...(product.image?.startsWith('https://') ? { imageUrl: product.image } : {}),
        }
      : null,
  );

  // Loaded on every visit (and again when a switch of identity forgot it): prices follow the tier.
  useEffect(() => {
    if (productId && entry.status === 'idle') void loadProduct(productId);
  }, [productId, entry.status, loadProduct]);

  if (!productId && landing.code && landing.visit?.status !== 'gone') {
    return (
      <View className="page">
        {landing.visit?.status === 'error' ? (
          <PageState
            kind="error"
            testId="product-error"
            title="商品加载失败"
            description="网络异常，请稍后重试"
            actionText="重试"
            onAction={() => void visitShare(landing.code)}
          />
        ) : (
          <PageState kind="loading" testId="product-loading" />
        )}
      </View>
    );
  }
  if (!productId || (entry.status === 'error' && entry.error?.code === 'NOT_FOUND')) {
    return <StatePage kind="empty" testId="product-not-found" title="商品不存在或已下架" description="看看其他商品吧。" />;
  }
  if (entry.status === 'error') {
    return (
      <StatePage
        kind="error"
        testId="product-error"
        title="商品加载失败"
        description={errorText(entry.error)}
        actionText="重试"
        onAction={() => void loadProduct(productId)}
      />
    );
  }
  if (entry.status !== 'ready' || !entry.product) {
    return <StatePage kind="loading" testId="product-loading" />;
  }
  return <ProductView product={entry.product} />;
}

function Gallery({ product }: { product: ProductDetail }) {
  const images = (product.images.length > 0 ? product.images : product.image ? [product.image] : []).map(imageSrc).filter(Boolean);
  if (images.length === 0) {
    return (
      <View className="product-gallery product-gallery--empty">
        <Text>{product.category || product.name}</Text>
      </View>
    );
  }
  if (images.length === 1) {
    return (
      <View className="product-gallery">
        <Image className="product-gallery__image" src={images[0]} mode="aspectFill" data-testid="product-image" />
      </View>
    );
  }
  return (
    <Swiper className="product-gallery" indicatorDots circular>
      {images.map((src) => (
        <SwiperItem key={src}>
          <Image className="product-gallery__image" src={src} mode="aspectFill" data-testid="product-image" />
        </SwiperItem>
      ))}
    </Swiper>
  );
}

function ProductView({ product }: { product: ProductDetail }) {
  const locked = isLockedForMe(product);
  const memberOnly = memberOnlyText(product.memberOnlyFromTier);
  const cheaper = paysLessThanList(product);

  return (
    <View className="page product-page" data-testid="product-detail" data-product-id={product._id}>
      <Gallery product={product} />

      <View className="card product-head">
        <View className="product-head__prices">
          <Text className="product-head__my-price" data-testid="product-my-price">
            {formatFen(product.myPriceFen)}
          </Text>
          <Text className="product-head__tier" data-testid="product-my-tier">
            {product.myTierName}价
          </Text>
          {cheaper ? (
            <Text className="product-head__list-price" data-testid="product-list-price">
              {formatFen(product.listPriceFen)}
            </Text>
          ) : null}
        </View>
        {cheaper ? (
          <Text className="product-head__saving" data-testid="product-saving">
            比原价省 {formatFen(product.listPriceFen - product.myPriceFen)}
          </Text>
        ) : null}
        <Text className="product-head__name">{product.name}</Text>
        {product.subtitle ? <Text className="product-head__subtitle">{product.subtitle}</Text> : null}
        {product.nextTierOffer ? (
          <Text className="product-head__next-tier" data-testid="product-next-tier">
            {nextTierOfferText(product.nextTierOffer)}
          </Text>
        ) : null}
        {memberOnly ? (
          <Text
            className={`product-head__member-only${locked ? ' product-head__member-only--locked' : ''}`}
            data-testid="product-member-only"
            data-locked={locked ? 'true' : 'false'}
          >
            {locked ? `${memberOnly}：升级后即可购买` : memberOnly}
          </Text>
        ) : null}
        {product.inStock ? null : (
          <Text className="product-head__sold-out" data-testid="product-sold-out">
            已售罄，补货后再来看看
          </Text>
        )}
        <View className="product-head__share">
          <ShareButton target={{ targetType: 'product', targetId: product._id }} testId="product-share" text="分享给好友" />
        </View>
      </View>

      <View className="card product-section" data-testid="tier-prices">
        <Text className="product-section__title">会员价</Text>
        <Text className="product-section__hint">等级越高，价格越低</Text>
        {product.tierPrices.map((row) => {
          const mine = row.tier === product.myTier;
          return (
            <View
              key={row.tier}
              className={`tier-price-row${mine ? ' tier-price-row--mine' : ''}`}
              data-testid={`tier-price-${row.tier}`}
              data-mine={mine ? 'true' : 'false'}
            >
              <Text className="tier-price-row__name">
                {row.tierName}
                {mine ? <Text className="tier-price-row__me">我的等级</Text> : null}
              </Text>
              <Text className="tier-price-row__price">{formatFen(row.priceFen)}</Text>
            </View>
          );
        })}
        {/* A visitor's row (基础用户) is the list price; without one, the list price closes the table. */}
        {product.tierPrices.some((row) => row.tier === 'follower') ? null : (
          <View className="tier-price-row tier-price-row--list" data-testid="tier-price-list">
            <Text className="tier-price-row__name">原价</Text>
            <Text className="tier-price-row__price">{formatFen(product.listPriceFen)}</Text>
          </View>
        )}
      </View>

      {product.channelPrices.length > 0 ? (
        <View className="card product-section" data-testid="channel-prices">
          <Text className="product-section__title">其他渠道参考价</Text>
          <Text className="product-section__hint">品牌承诺：会员价不高于任何渠道的售价，会员永远不会多花钱</Text>
          <View className="channel-prices">
            {product.channelPrices.map((channel, index) => (
              <Text key={`${channel.channel}-${index}`} className="channel-prices__item" data-testid={`channel-price-${index}`}>
                {channel.channel} {formatFen(channel.priceFen)}
              </Text>
            ))}
          </View>
        </View>
      ) : null}

      {product.description ? (
        <View className="card product-section">
          <Text className="product-section__title">商品介绍</Text>
          <Text className="product-section__text">{product.description}</Text>
        </View>
      ) : null}

      <BuyBar product={product} locked={locked} />
    </View>
  );
}

/**
 * 加入购物车 / 立即购买 with a quantity. The price shown is for display: checkout asks the server
 * for the price of the cart, and the server refuses what cannot be sold (stock, tier, membership).
 */
function BuyBar({ product, locked }: { product: ProductDetail; locked: boolean }) {
  const [qty, setQty] = useState(1);
  const addToCart = useAppStore((state) => state.addToCart);
  const cartCount = useAppStore(selectCartCount);
  const buyable = product.inStock && !locked;

  const add = () => {
    const added = addToCart({ productId: product._id, name: product.name, image: product.image, priceFen: product.myPriceFen }, qty);
    void Taro.showToast({ title: added.ok ? '已加入购物车' : added.reason, icon: added.ok ? 'success' : 'none' });
  };

  return (
    <View className="product-buy-bar">
      <View className="product-buy-bar__row">
        <View className="product-buy-bar__cart" onClick={() => openPage(ROUTES.cart)} data-testid="product-cart-entry">
          <Text className="product-buy-bar__cart-label">购物车</Text>
          {cartCount > 0 ? (
            <Text className="product-buy-bar__cart-count" data-testid="product-cart-count">
              {cartCount}
            </Text>
          ) : null}
        </View>
        <QtyStepper value={qty} max={MAX_QTY_PER_LINE} onChange={setQty} disabled={!buyable} testId="product-qty" />
      </View>
      <View className="product-buy-bar__row">
        <Button className="product-buy-bar__button" fill="outline" type="primary" disabled={!buyable} onClick={add} data-testid="product-add-to-cart">
          加入购物车
        </Button>
        <Button
          className="product-buy-bar__button"
          type="primary"
          disabled={!buyable}
          onClick={() => openCheckout({ productId: product._id, qty })}
          data-testid="product-buy"
        >
          {product.inStock ? '立即购买' : '已售罄'}
        </Button>
      </View>
    </View>
  );
}
