export default definePageConfig({
  navigationBarTitleText: '限量抽签管理',
});
