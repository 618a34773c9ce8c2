export default definePageConfig({
  navigationBarTitleText: '吐槽审核',
});
