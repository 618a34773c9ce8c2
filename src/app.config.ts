import { brandColors, brandText } from './styles/brand-tokens';

// The identity picker only exists against the local emulator (h5). It must not be a route of
// the weapp build at all, so it is added to the page list for h5 only.
const h5OnlyPages = process.env.TARO_ENV === 'h5' ? ['pages/login/index'] : [];

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/member/index', 'pages/catalog/index', 'pages/product/index', ...h5OnlyPages],
  subPackages: [
    { root: 'packages/draws', pages: ['index'] },
    { root: 'packages/feedback', pages: ['index'] },
    { root: 'packages/invite', pages: ['index'] },
    { root: 'packages/admin', pages: ['index', 'adjust', 'ladder', 'rewards', 'products'] },
    { root: 'packages/points', pages: ['index', 'rewards', 'coupons', 'ladder'] },
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
