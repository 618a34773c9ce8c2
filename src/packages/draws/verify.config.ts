export default definePageConfig({
  navigationBarTitleText: '开奖验证',
});
