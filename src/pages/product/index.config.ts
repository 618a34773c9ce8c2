export default definePageConfig({
  navigationBarTitleText: '商品详情',
  // The card a friend opens carries the sharer's code (useShareCard); Taro needs these for the hooks.
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
