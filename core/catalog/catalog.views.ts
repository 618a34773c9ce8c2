/** Stored products to what the client receives, priced at a given step; no internals, ISO times. */
import { TIER_NAMES, type Tier } from '../members/tiers';
import type { AdminProductView, ProductCard, ProductDetail, ProductDoc } from './catalog.model';
import { checkParity, nextTierOffer, priceFor, tierPrices } from './price.rules';

export function toProductCard(p: ProductDoc, tier: Tier): ProductCard {
  return {
    _id: p._id,
    name: p.name,
    subtitle: p.subtitle ?? '',
    category: p.category ?? '',
    image: p.images?.[0] ?? null,
    listPriceFen: p.listPriceFen,
    myPriceFen: priceFor(p, tier),
    myTier: tier,
    myTierName: TIER_NAMES[tier],
    nextTierOffer: nextTierOffer(p, tier),
    memberOnlyFromTier: p.memberOnlyFromTier ?? null,
    inStock: p.stock > 0,
  };
}

export function toProductDetail(p: ProductDoc, tier: Tier): ProductDetail {
  return {
    ...toProductCard(p, tier),
    images: p.images ?? [],
    channelPrices: (p.channelPrices ?? []).map((c) => ({ channel: c.channel, priceFen: c.priceFen })),
    tierPrices: tierPrices(p),
    description: p.description ?? '',
  };
}

export function toAdminProductView(p: ProductDoc): AdminProductView {
  return {
    _id: p._id,
    name: p.name,
    subtitle: p.subtitle ?? '',
    category: p.category ?? '',
    description: p.description ?? '',
    images: p.images ?? [],
    listPriceFen: p.listPriceFen,
    channelPrices: (p.channelPrices ?? []).map((c) => ({ channel: c.channel, priceFen: c.priceFen })),
    memberPrices: { ...p.memberPrices },
    tierPrices: tierPrices(p),
    stock: p.stock,
    memberOnlyFromTier: p.memberOnlyFromTier ?? null,
    status: p.status,
    sort: p.sort,
    violations: checkParity(p),
    updatedAt: p.updatedAt ? new Date(p.updatedAt).toISOString() : null,
    updatedBy: p.updatedBy ?? null,
  };
}
