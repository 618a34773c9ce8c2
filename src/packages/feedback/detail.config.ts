export default definePageConfig({
  navigationBarTitleText: '吐槽详情',
});
