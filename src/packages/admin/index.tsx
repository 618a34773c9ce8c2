import { View } from '@tarojs/components';
import { ComingSoon } from '@/components/coming-soon/coming-soon';
import { PageState } from '@/components/page-state/page-state';
import { useSession } from '@/hooks/use-session';
import { ROUTES, openPage } from '@/routes';
import { errorText } from '@/services/error-text';
import { selectIsStaff, useAppStore } from '@/store';

// Staff only. The entry is hidden from customers, but a page can still be opened by its path,
// so it checks the role too; the server checks it again on every admin action.
export default function AdminPage() {
  const { status, error, retry } = useSession();
  const isStaff = useAppStore(selectIsStaff);

  if (status === 'error') {
    return (
      <View className="page">
        <PageState kind="error" testId="admin-error" title="身份校验失败" description={errorText(error)} actionText="重试" onAction={retry} />
      </View>
    );
  }
  if (status !== 'ready') {
    return (
      <View className="page">
        <PageState kind="loading" testId="admin-loading" />
      </View>
    );
  }
  if (!isStaff) {
    return (
      <View className="page">
        <PageState
          kind="notice"
          testId="admin-forbidden"
          title="仅限品牌员工访问"
          description="管理后台只对品牌的审核员和管理员开放。"
          actionText="返回首页"
          onAction={() => openPage(ROUTES.home)}
        />
      </View>
    );
  }
  return (
    <ComingSoon
      feature="管理后台"
      description="审核吐槽、运营抽签、设置商品与会员价、查看关系漏斗和 KOC 排行，将在这里完成。"
    />
  );
}
