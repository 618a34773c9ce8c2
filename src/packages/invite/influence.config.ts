export default definePageConfig({
  navigationBarTitleText: '我的影响力',
});
