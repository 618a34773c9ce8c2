/**
 * The shop's products: what is stored and what the client receives. The client imports these view
 * types (type-only) so it cannot drift from what the shop and admin functions return.
 */
import type { Tier } from '../members/tiers';

export type ProductStatus = 'on_sale' | 'off_shelf';
/** The steps that have a member price; a follower pays the list price. */
export type MemberTier = Exclude<Tier, 'follower'>;
export const MEMBER_TIERS: readonly MemberTier[] = ['member', 'buyer', 'repeat_buyer', 'koc'];

export interface ChannelPrice {
  /** Another sales channel, e.g. 天猫, 京东, 门店. */
  channel: string;
  priceFen: number;
}

/** Units an unpaid order holds, and since when (a hold with no order after a while is an orphan of a crash). */
export interface StockHold {
  qty: number;
  at: Date;
  /** Set when the units came from a pool (a draw's allotment): closing the order gives them back to it. */
  pool?: string;
}

/** `products/<_id>`. Stock lives here: orders will reserve it with a conditional update. */
export interface ProductDoc {
  _id: string;
  name: string;
  subtitle: string;
  category: string;
  description?: string;
  /** Cloud fileIDs (cloud://...) or https URLs; the first is the cover. */
  images: string[];
  listPriceFen: number;
  channelPrices: ChannelPrice[];
  memberPrices: Record<MemberTier, number>;
  stock: number;
  /**
   * Units held by unpaid orders, by order id. Taken from `stock` by the same conditional update
   * that records them, and removed when the order is paid (sold) or closed (given back), so a
   * crash between steps can always be finished from what the product itself says.
   */
  holds?: Record<string, StockHold>;
  /**
   * Units set aside from `stock` for one sale that hands them out itself (a draw's K units, keyed
   * `draw_<id>`): orders hold from the pool, not from stock, and units that are not sold go back to
   * stock when the pool is released. Never an orphan: only its owner releases it.
   */
  pools?: Record<string, StockHold>;
  /** Member-only: visible and buyable from this step up; null = everyone. */
  memberOnlyFromTier: MemberTier | null;
  status: ProductStatus;
  sort: number;
  createdAt?: Date;
  updatedAt?: Date;
  updatedBy?: string;
}

/** What a price rule needs of a product (pure rules take no more than this). */
export type PricedProduct = Pick<ProductDoc, 'listPriceFen' | 'channelPrices' | 'memberPrices' | 'memberOnlyFromTier'>;

export interface NextTierOffer {
  tier: Tier;
  /** e.g. '复购会员', for "升级为复购会员可享 ¥xx". */
  tierName: string;
  priceFen: number;
}

export interface TierPrice {
  tier: Tier;
  tierName: string;
  priceFen: number;
}

/** One field that breaks the price rules, e.g. { path: 'memberPrices.koc', message: '品牌KOC价 ¥99.00 高于 天猫价 ¥98.00' }. */
export interface PriceViolation {
  path: string;
  message: string;
}

/** A product in the catalog (`shop.catalog`), priced at the caller's tier as read on the server. */
export interface ProductCard {
  _id: string;
  name: string;
  subtitle: string;
  category: string;
  /** The cover: first of images, or null. */
  image: string | null;
  listPriceFen: number;
  myPriceFen: number;
  myTier: Tier;
  myTierName: string;
  nextTierOffer: NextTierOffer | null;
  memberOnlyFromTier: MemberTier | null;
  inStock: boolean;
}

/** The product page (`shop.product`). */
export interface ProductDetail extends ProductCard {
  images: string[];
  channelPrices: ChannelPrice[];
  /** The ladder of prices, lowest step first; the follower's is the list price. */
  tierPrices: TierPrice[];
  description: string;
}

/** A product as staff see it (`admin.productsList`, `admin.saveProduct`): every field and every status. */
export interface AdminProductView {
  _id: string;
  name: string;
  subtitle: string;
  category: string;
  description: string;
  images: string[];
  listPriceFen: number;
  channelPrices: ChannelPrice[];
  memberPrices: Record<MemberTier, number>;
  tierPrices: TierPrice[];
  stock: number;
  memberOnlyFromTier: MemberTier | null;
  status: ProductStatus;
  sort: number;
  /** Price-rule problems found in what is stored now (e.g. data written before the rules existed). */
  violations: PriceViolation[];
  updatedAt: string | null;
  updatedBy: string | null;
}

export const PRODUCTS = 'products';
