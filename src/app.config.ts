import { brandColors, brandText } from './styles/brand-tokens';

// The identity picker only exists against the local emulator (h5). It must not be a route of
// the weapp build at all, so it is added to the page list for h5 only.
const h5OnlyPages = process.env.TARO_ENV === 'h5' ? ['pages/login/index'] : [];
// Likewise the cashier (收银台): it simulates WeChat Pay against the emulator; in WeChat the
// payment sheet is WeChat's own (Taro.requestPayment).
const h5OnlyShopPages = process.env.TARO_ENV === 'h5' ? ['cashier'] : [];

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/member/index', 'pages/catalog/index', 'pages/product/index', ...h5OnlyPages],
  subPackages: [
    { root: 'packages/draws', pages: ['index', 'detail', 'mine', 'verify'] },
    { root: 'packages/feedback', pages: ['index', 'detail', 'new', 'mine'] },
    { root: 'packages/invite', pages: ['index', 'influence', 'poster'] },
    {
      root: 'packages/admin',
      pages: [
        'index',
        'adjust',
        'ladder',
        'rewards',
        'products',
        'orders',
        'refunds',
        'koc',
        'flags',
        'referral-settings',
        'perks',
        'draws',
        'feedback',
        'feedback-post',
      ],
    },
    { root: 'packages/points', pages: ['index', 'rewards', 'coupons', 'ladder'] },
    { root: 'packages/shop', pages: ['cart', 'checkout', 'orders', 'order', ...h5OnlyShopPages] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: brandColors.primary,
    navigationBarTitleText: `${brandText.name} 会员俱乐部`,
    navigationBarTextStyle: 'white',
    backgroundColor: brandColors.background,
  },
  tabBar: {
    color: brandColors.textMuted,
    selectedColor: brandColors.primary,
    backgroundColor: brandColors.surface,
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tab-bar/home.png',
        selectedIconPath: 'assets/tab-bar/home-active.png',
      },
      {
        pagePath: 'pages/member/index',
        text: '会员中心',
        iconPath: 'assets/tab-bar/member.png',
        selectedIconPath: 'assets/tab-bar/member-active.png',
      },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
});
