import { View } from '@tarojs/components';
import { ROUTES, openPage } from '@/routes';
import { PageState } from '../page-state/page-state';

// What a subpackage shows until its feature ships: an honest "即将上线" with what is coming,
// never made-up data.
export function ComingSoon({ feature, description }: { feature: string; description: string }) {
  return (
    <View className="page">
      <PageState
        kind="notice"
        testId="coming-soon"
        title={`${feature} · 即将上线`}
        description={description}
        actionText="返回首页"
        onAction={() => openPage(ROUTES.home)}
      />
    </View>
  );
}
