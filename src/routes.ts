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
  /** 限量抽签: open, upcoming and past draws (`?id=` or a message's `?drawId=` opens one draw). */
  draws: '/packages/draws/index',
  /** One draw (`?id=`): rules, countdown, 参加抽签, my entry and result. */
  drawDetail: '/packages/draws/detail',
  /** 我的抽签. */
  drawsMine: '/packages/draws/mine',
  /** A drawn draw's published proof and the recomputation (`?id=`); public: no identity needed on h5. */
  drawVerify: '/packages/draws/verify',
  /** Staff: 限量抽签管理 (admins create, cancel and draw; moderators read). */
  adminDraws: '/packages/admin/draws',
  /** 吐槽中心: the public board (category, status, newest or most 我也是). */
  feedback: '/packages/feedback/index',
  /** One post (`?id=`): the thread with 官方回复, 我也是, 关注. */
  feedbackDetail: '/packages/feedback/detail',
  /** 我要吐槽 (`?orderId=` or `?productId=` links the post). */
  feedbackNew: '/packages/feedback/new',
  /** 我的反馈: my posts in every state. */
  feedbackMine: '/packages/feedback/mine',
  /** Staff: 吐槽审核 (the queue, the board by status, the settings). */
  adminFeedback: '/packages/admin/feedback',
  /** Staff: one post (`?id=`): approve, reject, hide, reply, status, merge, reward. */
  adminFeedbackPost: '/packages/admin/feedback-post',
  invite: '/packages/invite/index',
  /** 我的影响力: what my shares achieved, the way to 品牌KOC. */
  influence: '/packages/invite/influence',
  /** 邀请海报 (`?id=<productId>` for a product's poster). */
  invitePoster: '/packages/invite/poster',
  admin: '/packages/admin/index',
  /** Staff: 积分调整 (admins). */
  adminAdjust: '/packages/admin/adjust',
  /** Staff: 等级规则 (admins edit, moderators read). */
  adminLadder: '/packages/admin/ladder',
  /** Staff: 积分商城管理 (admins edit, moderators read). */
  adminRewards: '/packages/admin/rewards',
  /** Staff: 商品与会员价 (admins edit, moderators read). */
  adminProducts: '/packages/admin/products',
  /** Staff: 订单管理 (moderators and admins). */
  adminOrders: '/packages/admin/orders',
  /** Staff: 退款审核 (admins decide, moderators read). */
  adminRefunds: '/packages/admin/refunds',
  /** Staff: KOC 榜单 (moderators and admins). */
  adminKoc: '/packages/admin/koc',
  /** Staff: 推荐审核 (admins decide, moderators read). */
  adminFlags: '/packages/admin/flags',
  /** Staff: 推荐规则 (admins edit, moderators read). */
  adminReferralSettings: '/packages/admin/referral-settings',
  /** Staff: 好友助力活动 (admins edit, moderators read). */
  adminPerks: '/packages/admin/perks',
  /** 购物车. */
  cart: '/packages/shop/cart',
  /** 确认订单 (opened with openCheckout). */
  checkout: '/packages/shop/checkout',
  /** h5 only: 收银台, the emulator's simulated WeChat Pay (opened with openCashier). */
  cashier: '/packages/shop/cashier',
  /** 我的订单. */
  orders: '/packages/shop/orders',
  /** 订单详情 (opened with openOrder). */
  order: '/packages/shop/order',
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

/** 确认订单 of the whole cart, or of one product bought now. */
export function openCheckout(buyNow?: { productId: string; qty: number }): void {
  const query = buyNow ? `buy=${encodeURIComponent(buyNow.productId)}&qty=${buyNow.qty}` : 'from=cart';
  void Taro.navigateTo({ url: `${ROUTES.checkout}?${query}` });
}

/** Query string values as a page receives them (weapp may leave them URL-encoded; h5 decodes them). */
export function routeParam(name: string): string {
  const raw = Taro.getCurrentInstance()?.router?.params?.[name] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
