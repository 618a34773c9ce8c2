import type { PerkDoc } from '../../core/perks/perks.model';
/**
 * The demo brand every local run starts with: 山川咖啡, a small specialty-coffee roaster that
 * sells through 天猫, 京东 and its own shops, and grows its private domain with this mini-program.
 * Prices are integer fen and keep channel parity (a member never pays more than any channel).
 */
import type { Tier } from '../../core/members/tiers';

export const BRAND = { name: '山川咖啡', slogan: '每一杯，都从产地开始' };

export interface DemoProduct {
  _id: string;
  name: string;
  subtitle: string;
  category: string;
  listPriceFen: number;
  channelPrices: Array<{ channel: string; priceFen: number }>;
  memberPrices: Record<Exclude<Tier, 'follower'>, number>;
  stock: number;
  memberOnlyFromTier: Tier | null;
  status: 'on_sale' | 'off_shelf';
  sort: number;
  art: { background: string; accent: string; glyph: string };
}

export const PRODUCTS: DemoProduct[] = [
  {
    _id: 'p-yirgacheffe',
    name: '耶加雪菲 水洗 咖啡豆 250g',
    subtitle: '柑橘与茉莉花香，浅烘',
    category: '咖啡豆',
    listPriceFen: 12800,
    channelPrices: [
      { channel: '天猫', priceFen: 11800 },
      { channel: '京东', priceFen: 11900 },
      { channel: '门店', priceFen: 12800 },
    ],
    memberPrices: { member: 11500, buyer: 10900, repeat_buyer: 10500, koc: 9900 },
    stock: 320,
    memberOnlyFromTier: null,
    status: 'on_sale',
    sort: 1,
    art: { background: '#F4E9DC', accent: '#8B5E3C', glyph: '豆' },
  },
  {
    _id: 'p-drip-bags',
    name: '山川日常挂耳 10 片装',
    subtitle: '办公室里的一杯好咖啡',
    category: '挂耳',
    listPriceFen: 5900,
    channelPrices: [
      { channel: '天猫', priceFen: 5500 },
      { channel: '京东', priceFen: 5600 },
    ],
    memberPrices: { member: 5300, buyer: 4900, repeat_buyer: 4700, koc: 4500 },
    stock: 1200,
    memberOnlyFromTier: null,
    status: 'on_sale',
    sort: 2,
    art: { background: '#E8F0E4', accent: '#4F7A4A', glyph: '挂' },
  },
  {
    _id: 'p-cold-brew',
    name: '冷萃咖啡液 6 瓶',
    subtitle: '0 糖，兑水兑奶都好喝',
    category: '冷萃',
    listPriceFen: 8900,
    channelPrices: [
      { channel: '天猫', priceFen: 8500 },
      { channel: '京东', priceFen: 8500 },
      { channel: '门店', priceFen: 8900 },
    ],
    memberPrices: { member: 8200, buyer: 7900, repeat_buyer: 7600, koc: 7300 },
    stock: 540,
    memberOnlyFromTier: null,
    status: 'on_sale',
    sort: 3,
    art: { background: '#E3ECF5', accent: '#2F5D8A', glyph: '萃' },
  },
  {
    _id: 'p-geisha-limited',
    name: '巴拿马瑰夏 限量批次 100g',
    subtitle: '每季限量 300 份，已购会员专享',
    category: '限量',
    listPriceFen: 39800,
    channelPrices: [{ channel: '门店', priceFen: 39800 }],
    memberPrices: { member: 39800, buyer: 36800, repeat_buyer: 34800, koc: 32800 },
    stock: 300,
    memberOnlyFromTier: 'buyer',
    status: 'on_sale',
    sort: 4,
    art: { background: '#F7E6E9', accent: '#9C3D54', glyph: '瑰' },
  },
  {
    _id: 'p-mug',
    name: '山川手作陶瓷杯 350ml',
    subtitle: '景德镇窑口手工拉坯',
    category: '器具',
    listPriceFen: 12900,
    channelPrices: [
      { channel: '天猫', priceFen: 12900 },
      { channel: '门店', priceFen: 12900 },
    ],
    memberPrices: { member: 11900, buyer: 11500, repeat_buyer: 10900, koc: 9900 },
    stock: 80,
    memberOnlyFromTier: null,
    status: 'on_sale',
    sort: 5,
    art: { background: '#EFEAE2', accent: '#6B6258', glyph: '杯' },
  },
];

export interface DemoPersona {
  key: string;
  openid: string;
  label: string;
  description: string;
  nickname: string;
  tier: Tier;
  joined: boolean;
  points: number;
  staffRole?: 'moderator' | 'admin';
  /** Tier steps in order, with the reason each was reached, and days ago. */
  history: Array<{ tier: Tier; reason: string; daysAgo: number }>;
}

export const PERSONAS: DemoPersona[] = [
  {
    key: 'visitor',
    openid: 'demo-visitor',
    label: '路过的访客',
    description: '打开过小程序，还没有加入会员（基础用户）',
    nickname: '阿远',
    tier: 'follower',
    joined: false,
    points: 0,
    history: [{ tier: 'follower', reason: '首次打开小程序', daysAgo: 3 }],
  },
  {
    key: 'member',
    openid: 'demo-member',
    label: '新会员 小满',
    description: '刚加入会员，还没有下单（未购会员）',
    nickname: '小满',
    tier: 'member',
    joined: true,
    points: 0,
    history: [
      { tier: 'follower', reason: '首次打开小程序', daysAgo: 12 },
      { tier: 'member', reason: '同意会员协议，加入会员', daysAgo: 12 },
    ],
  },
  {
    key: 'buyer',
    openid: 'demo-buyer',
    label: '已购会员 林夕',
    description: '近 180 天下过 1 单（已购会员）',
    nickname: '林夕',
    tier: 'buyer',
    joined: true,
    points: 0,
    history: [
      { tier: 'follower', reason: '扫门店海报打开小程序', daysAgo: 60 },
      { tier: 'member', reason: '同意会员协议，加入会员', daysAgo: 60 },
      { tier: 'buyer', reason: '首单支付成功', daysAgo: 41 },
    ],
  },
  {
    key: 'repeat_buyer',
    openid: 'demo-repeat',
    label: '复购会员 周周',
    description: '近 180 天下过 3 单（复购会员）',
    nickname: '周周',
    tier: 'repeat_buyer',
    joined: true,
    points: 0,
    history: [
      { tier: 'follower', reason: '好友分享卡片打开小程序', daysAgo: 150 },
      { tier: 'member', reason: '同意会员协议，加入会员', daysAgo: 150 },
      { tier: 'buyer', reason: '首单支付成功', daysAgo: 149 },
      { tier: 'repeat_buyer', reason: '第 2 单支付成功', daysAgo: 96 },
    ],
  },
  {
    key: 'koc',
    openid: 'demo-koc',
    label: '品牌KOC 阿杰',
    description: '复购会员，已有好友通过他的分享下单（品牌KOC）',
    nickname: '阿杰',
    tier: 'koc',
    joined: true,
    points: 0,
    history: [
      { tier: 'follower', reason: '搜索进入小程序', daysAgo: 170 },
      { tier: 'member', reason: '同意会员协议，加入会员', daysAgo: 170 },
      { tier: 'buyer', reason: '首单支付成功', daysAgo: 168 },
      { tier: 'repeat_buyer', reason: '第 2 单支付成功', daysAgo: 120 },
      { tier: 'koc', reason: '好友通过分享购买并确认', daysAgo: 33 },
    ],
  },
  {
    key: 'moderator',
    openid: 'demo-moderator',
    label: '运营 小雨（审核员）',
    description: '品牌运营，负责吐槽中心审核',
    nickname: '小雨',
    tier: 'member',
    joined: true,
    points: 0,
    staffRole: 'moderator',
    history: [
      { tier: 'follower', reason: '首次打开小程序', daysAgo: 200 },
      { tier: 'member', reason: '同意会员协议，加入会员', daysAgo: 200 },
    ],
  },
  {
    key: 'admin',
    openid: 'demo-admin',
    label: '品牌管理员 老陈',
    description: '管理员，可配置商品、等级和人员权限',
    nickname: '老陈',
    tier: 'member',
    joined: true,
    points: 0,
    staffRole: 'admin',
    history: [
      { tier: 'follower', reason: '首次打开小程序', daysAgo: 220 },
      { tier: 'member', reason: '同意会员协议，加入会员', daysAgo: 220 },
    ],
  },
];

/** Other members so that lists, counts and funnels look like a living programme. */
export const EXTRA_MEMBERS: Array<{ openid: string; nickname: string; tier: Tier; daysAgo: number }> = [
  ['demo-m01', '豆豆', 'follower', 2],
  ['demo-m02', '阿青', 'follower', 5],
  ['demo-m03', '木木', 'follower', 9],
  ['demo-m04', 'Lily', 'member', 14],
  ['demo-m05', '小北', 'member', 21],
  ['demo-m06', '一禾', 'member', 30],
  ['demo-m07', '晴天', 'buyer', 44],
  ['demo-m08', '老王', 'buyer', 58],
  ['demo-m09', '半夏', 'repeat_buyer', 77],
  ['demo-m10', 'Kevin', 'repeat_buyer', 101],
  ['demo-m11', '南风', 'koc', 133],
].map(([openid, nickname, tier, daysAgo]) => ({ openid: openid as string, nickname: nickname as string, tier: tier as Tier, daysAgo: daysAgo as number }));

export function productSvg(p: DemoProduct): string {
  const { background, accent, glyph } = p.art;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">
  <rect width="600" height="600" fill="${background}"/>
  <circle cx="300" cy="270" r="170" fill="${accent}" opacity="0.12"/>
  <circle cx="300" cy="270" r="120" fill="none" stroke="${accent}" stroke-width="6"/>
  <text x="300" y="318" font-size="140" text-anchor="middle" fill="${accent}" font-family="'Noto Serif CJK SC','Songti SC',serif">${glyph}</text>
  <text x="300" y="520" font-size="34" text-anchor="middle" fill="${accent}" font-family="'Noto Sans CJK SC','PingFang SC',sans-serif">${BRAND.name}</text>
</svg>`;
}

export interface DemoReward {
  _id: string;
  title: string;
  description: string;
  kind: 'coupon' | 'product';
  pointsCost: number;
  coupon: { valueFen: number; minSpendFen: number; validDays: number } | null;
  minTier: Exclude<Tier, 'follower'> | null;
  stock: number;
  sort: number;
  /** Product rewards get a drawn image like the products; coupons are drawn by the client. */
  art: DemoProduct['art'] | null;
}

/**
 * The points rewards catalog: everyday coupons for every member, a tier-only coupon, products
 * from 已购会员 up, and one sold-out coupon so "已兑完" is seen.
 */
export const REWARDS: DemoReward[] = [
  {
    _id: 'r-coupon-10',
    title: '满59减10元券',
    description: '全场通用，领取后 30 天内有效',
    kind: 'coupon',
    pointsCost: 200,
    coupon: { valueFen: 1000, minSpendFen: 5900, validDays: 30 },
    minTier: null,
    stock: 500,
    sort: 1,
    art: null,
  },
  {
    _id: 'r-coupon-20',
    title: '满129减20元券',
    description: '全场通用，领取后 30 天内有效',
    kind: 'coupon',
    pointsCost: 400,
    coupon: { valueFen: 2000, minSpendFen: 12900, validDays: 30 },
    minTier: null,
    stock: 300,
    sort: 2,
    art: null,
  },
  {
    _id: 'r-coupon-vip',
    title: '复购专享 满199减50',
    description: '感谢常来的你，领取后 30 天内有效',
    kind: 'coupon',
    pointsCost: 900,
    coupon: { valueFen: 5000, minSpendFen: 19900, validDays: 30 },
    minTier: 'repeat_buyer',
    stock: 100,
    sort: 3,
    art: null,
  },
  {
    _id: 'r-drip-bags',
    title: '山川日常挂耳 5 片装',
    description: '积分兑换，下单后 3 天内发货',
    kind: 'product',
    pointsCost: 1200,
    coupon: null,
    minTier: null,
    stock: 200,
    sort: 4,
    art: { background: '#E8F0E4', accent: '#4F7A4A', glyph: '挂' },
  },
  {
    _id: 'r-mug',
    title: '山川手作陶瓷杯',
    description: '景德镇窑口手工拉坯，已购会员可兑',
    kind: 'product',
    pointsCost: 4800,
    coupon: null,
    minTier: 'buyer',
    stock: 20,
    sort: 5,
    art: { background: '#EFEAE2', accent: '#6B6258', glyph: '杯' },
  },
  {
    _id: 'r-geisha-taste',
    title: '瑰夏品鉴装 15g',
    description: '品牌KOC专享，每季限量',
    kind: 'product',
    pointsCost: 3000,
    coupon: null,
    minTier: 'koc',
    stock: 3,
    sort: 6,
    art: { background: '#F7E6E9', accent: '#9C3D54', glyph: '瑰' },
  },
  {
    _id: 'r-coupon-flash',
    title: '5元无门槛券',
    description: '限时放送，领取后 7 天内有效',
    kind: 'coupon',
    pointsCost: 100,
    coupon: { valueFen: 500, minSpendFen: 0, validDays: 7 },
    minTier: null,
    stock: 0,
    sort: 7,
    art: null,
  },
];

/**
 * Points the personas hold, as lots that expire at different times (days from now), so the
 * member centre shows a balance, "expiring soon" and something to redeem. Credited through the
 * ledger with a fixed source key, so seeding twice credits once.
 */
export const DEMO_POINTS: Record<string, Array<{ amount: number; expiresInDays: number }>> = {
  'demo-member': [
    { amount: 120, expiresInDays: 20 },
    { amount: 180, expiresInDays: 350 },
  ],
  'demo-buyer': [
    { amount: 260, expiresInDays: 12 },
    { amount: 1020, expiresInDays: 320 },
  ],
  'demo-repeat': [
    { amount: 450, expiresInDays: 25 },
    { amount: 2200, expiresInDays: 300 },
  ],
  'demo-koc': [
    { amount: 800, expiresInDays: 18 },
    { amount: 4400, expiresInDays: 330 },
  ],
};

/**
 * Share-to-unlock perks: they unlock when friends join (and buy) through the member's cards, never
 * for sharing itself (WeChat's rule). Both start a month before the seed, so friends who join now count.
 */
export const DEMO_PERKS: Array<Omit<PerkDoc, 'startsAt' | 'endsAt' | 'status' | 'updatedAt' | 'updatedBy'>> = [
  {
    _id: 'perk-invite-1',
    title: '邀请好友入会 得10元券',
    description: '好友通过你的分享卡片或海报加入会员，你得一张满59减10的咖啡券。',
    kind: 'coupon',
    requiredFriends: 1,
    engagement: 'join',
    coupon: { valueFen: 1000, minSpendFen: 5900, validDays: 30 },
    content: null,
    minTier: 'member',
    sort: 1,
  },
  {
    _id: 'perk-brew-notes',
    title: '主理人冲煮笔记',
    description: '3 位好友通过你的分享加入会员并完成首单，解锁主理人私藏的冲煮参数。',
    kind: 'content',
    requiredFriends: 3,
    engagement: 'join_and_buy',
    coupon: null,
    content: '耶加雪菲：15g 粉 / 240ml 水 / 92℃ / 研磨度中细 / 2 分 30 秒。先闷蒸 30 秒，再分三次注水。',
    minTier: 'member',
    sort: 2,
  },
];
