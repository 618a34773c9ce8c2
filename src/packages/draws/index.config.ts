export default definePageConfig({
  navigationBarTitleText: '限量抽签',
  // A draw's card opens this page with `?id=` (useShareCard in the draw's view); Taro needs these for the hooks.
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
