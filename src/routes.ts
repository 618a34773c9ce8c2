import Taro from '@tarojs/taro';

// Every page's path in one place, so a moved page is a one-line change.
export const ROUTES = {
  home: '/pages/index/index',
  member: '/pages/member/index',
  /** 全部商品: the catalog at the caller's prices. */
  catalog: '/pages/catalog/index',
  /** One product (opened with openProduct, which adds its id). */
  product: '/pages/product/index',
  /** h5 only: the emulator's identity picker; not a page of the weapp build. */
  login: '/pages/login/index',
  draws: '/packages/draws/index',
  feedback: '/packages/feedback/index',
  invite: '/packages/invite/index',
  admin: '/packages/admin/index',
  /** Staff: 积分调整 (admins). */
  adminAdjust: '/packages/admin/adjust',
  /** Staff: 等级规则 (admins edit, moderators read). */
  adminLadder: '/packages/admin/ladder',
  /** Staff: 积分商城管理 (admins edit, moderators read). */
  adminRewards: '/packages/admin/rewards',
  /** Staff: 商品与会员价 (admins edit, moderators read). */
  adminProducts: '/packages/admin/products',
  /** 积分: balance, what expires, history. */
  points: '/packages/points/index',
  /** 积分商城. */
  rewards: '/packages/points/rewards',
  /** 我的券. */
  coupons: '/packages/points/coupons',
  /** 等级说明: the ladder explanation (the five steps, the rules, my progress). */
  ladder: '/packages/points/ladder',
} as const;

const TAB_ROUTES: ReadonlySet<string> = new Set([ROUTES.home, ROUTES.member]);

/** Opens a page, whether it is a tab (switchTab) or not (navigateTo). */
export function openPage(url: (typeof ROUTES)[keyof typeof ROUTES]): void {
  void (TAB_ROUTES.has(url) ? Taro.switchTab({ url }) : Taro.navigateTo({ url }));
}

/** Opens a product's page. */
export function openProduct(productId: string): void {
  void Taro.navigateTo({ url: `${ROUTES.product}?id=${encodeURIComponent(productId)}` });
}
