export default definePageConfig({
  navigationBarTitleText: 'Flywheel 会员俱乐部',
});
