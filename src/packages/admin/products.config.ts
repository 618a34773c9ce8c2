export default definePageConfig({
  navigationBarTitleText: '商品与会员价',
});
