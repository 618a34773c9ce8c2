import type { ProductCard, ProductNextTierOffer, TierKey } from '@/services/contracts';
import { ladderPosition, TIER_STEPS } from './tier-steps';
import { formatFen } from './money';

// How a product's prices read to the customer. Display only: the server sets every price (at the
// caller's tier) and prices every order again.

/** '升级为复购会员可享 ¥79.00'; for someone not yet a member: '加入会员可享 ¥89.00'. */
export function nextTierOfferText(offer: ProductNextTierOffer): string {
  const price = formatFen(offer.priceFen);
  return offer.tier === 'member' ? `加入会员可享 ${price}` : `升级为${offer.tierName}可享 ${price}`;
}

/** The tier's name for display ('复购会员'), from the ladder's fixed order. */
export function tierLabel(tier: TierKey): string {
  return TIER_STEPS.find((step) => step.tier === tier)?.name ?? tier;
}

/** '复购会员及以上专享' for a member-only product; '' for a product everyone may buy. */
export function memberOnlyText(tier: TierKey | null): string {
  if (!tier) return '';
  return tier === 'koc' ? `${tierLabel(tier)}专享` : `${tierLabel(tier)}及以上专享`;
}

/** True when a member-only product is above the caller's tier (they may look, not buy). */
export function isLockedForMe(product: Pick<ProductCard, 'memberOnlyFromTier' | 'myTier'>): boolean {
  return product.memberOnlyFromTier !== null && ladderPosition(product.myTier) < ladderPosition(product.memberOnlyFromTier);
}

/** True when the caller pays less than the list price (the list price is then shown struck through). */
export const paysLessThanList = (product: Pick<ProductCard, 'myPriceFen' | 'listPriceFen'>): boolean => product.myPriceFen < product.listPriceFen;
