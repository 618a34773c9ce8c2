export default definePageConfig({
  navigationBarTitleText: '抽签详情',
  // The draw's card (useShareCard); Taro needs these for the hooks.
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
