export default definePageConfig({
  navigationBarTitleText: '我要吐槽',
});
