import type { AdminProductView, ProductCard, ProductDetail } from '@/services/contracts';
import { refusal } from './replies';

// jest only: the shop function's and the admin products' answers.

export const productCard = (over: Partial<ProductCard> = {}): ProductCard => ({
  _id: 'p-beans',
  name: '保山小粒咖啡豆 250g',
  subtitle: '中烘 · 坚果与焦糖',
  category: '咖啡豆',
  image: 'cloud://env/beans.png',
  listPriceFen: 9800,
  myPriceFen: 8800,
  myTier: 'buyer',
  myTierName: '已购会员',
  nextTierOffer: { tier: 'repeat_buyer', tierName: '复购会员', priceFen: 7900 },
  memberOnlyFromTier: null,
  inStock: true,
  ...over,
});

export const productDetail = (over: Partial<ProductDetail> = {}): ProductDetail => ({
  ...productCard(),
  images: ['cloud://env/beans.png'],
  channelPrices: [
    { channel: '天猫', priceFen: 9500 },
    { channel: '京东', priceFen: 9600 },
  ],
  tierPrices: [
    { tier: 'member', tierName: '未购会员', priceFen: 9200 },
    { tier: 'buyer', tierName: '已购会员', priceFen: 8800 },
    { tier: 'repeat_buyer', tierName: '复购会员', priceFen: 7900 },
    { tier: 'koc', tierName: '品牌KOC', priceFen: 7500 },
  ],
  description: '云南保山，海拔 1200 米。',
  ...over,
});

export const adminProduct = (over: Partial<AdminProductView> = {}): AdminProductView => ({
  _id: 'p-beans',
  name: '保山小粒咖啡豆 250g',
  subtitle: '中烘',
  category: '咖啡豆',
  description: '云南保山',
  images: ['cloud://env/beans.png'],
  listPriceFen: 9800,
  channelPrices: [{ channel: '天猫', priceFen: 9500 }],
  memberPrices: { member: 9200, buyer: 8800, repeat_buyer: 7900, koc: 7500 },
  tierPrices: productDetail().tierPrices,
  stock: 120,
  memberOnlyFromTier: null,
  status: 'on_sale',
  sort: 10,
  violations: [],
  updatedAt: '2025-03-01T00:00:00.000Z',
  updatedBy: 'o-admin',
  ...over,
});

/** A price-parity refusal: three violations, two on one path. */
export const PARITY_REFUSAL = refusal('PRICE_PARITY_VIOLATION', '会员价不符合价格规则：…（共 3 处）', [
  ['memberPrices.koc', '品牌KOC价 ¥99.00 高于 天猫价 ¥95.00'],
  ['memberPrices.koc', '品牌KOC价 ¥99.00 高于 复购会员价 ¥79.00'],
  ['channelPrices.0.priceFen', '天猫价须为非负整数（分）'],
]);
