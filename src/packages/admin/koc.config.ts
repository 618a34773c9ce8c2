export default definePageConfig({
  navigationBarTitleText: 'KOC 榜单',
});
