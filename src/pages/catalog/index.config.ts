export default definePageConfig({
  navigationBarTitleText: '全部商品',
});
