import { brandText } from '../../styles/brand-tokens';

export default definePageConfig({
  navigationBarTitleText: `${brandText.name} 会员俱乐部`,
});
