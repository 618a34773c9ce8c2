export default definePageConfig({
  navigationBarTitleText: '吐槽中心',
});
