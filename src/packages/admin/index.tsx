import { useEffect } from 'react';
import { View, Text } from '@tarojs/components';
import { PageState } from '@/components/page-state/page-state';
import { useSession } from '@/hooks/use-session';
import { ROUTES, openPage } from '@/routes';
import { errorText } from '@/services/error-text';
import { selectCanManageStaff, selectCanViewAudit, selectIsStaff, useAppStore } from '@/store';
import { roleLabel } from './admin-text';
import { AuditSection } from './audit-section';
import { OverviewSection } from './overview-section';
import { StaffSection } from './staff-section';
import './index.scss';

// Staff only. The entry is hidden from customers, but a page can still be opened by its path,
// so it checks the role too; the server checks it again on every admin action.
export default function AdminPage() {
  const { status, profile, error, retry } = useSession();
  const isStaff = useAppStore(selectIsStaff);

  if (status === 'error') {
    return (
      <View className="page">
        <PageState kind="error" testId="admin-error" title="身份校验失败" description={errorText(error)} actionText="重试" onAction={retry} />
      </View>
    );
  }
  if (status !== 'ready' || !profile) {
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
  return <StaffArea key={`${profile.memberId}:${profile.role}`} nickname={profile.nickname} role={profile.role} />;
}

/** The sections a staff member's role may see; loaded afresh each time the area opens. */
function StaffArea({ nickname, role }: { nickname: string; role: string }) {
  const openAdminArea = useAppStore((state) => state.openAdminArea);
  const canManageStaff = useAppStore(selectCanManageStaff);
  const canViewAudit = useAppStore(selectCanViewAudit);

  useEffect(() => {
    void openAdminArea();
  }, [openAdminArea]);

  return (
    <View className="page admin-page" data-testid="admin-area" data-role={role}>
      <View className="admin-page__hello">
        <View className="admin-page__hello-text">
          <Text className="admin-page__hello-name">{nickname || '工作人员'}，你好</Text>
          <Text className="admin-page__hello-role" data-testid="admin-role">
            当前身份：{roleLabel(role)}
          </Text>
        </View>
        <Text className="admin-page__refresh" onClick={() => void openAdminArea()} data-testid="admin-refresh">
          刷新
        </Text>
      </View>
      <OverviewSection />
      {canManageStaff ? <StaffSection /> : null}
      {canViewAudit ? <AuditSection /> : null}
      {!canManageStaff && !canViewAudit ? (
        <Text className="admin-page__note" data-testid="admin-moderator-note">
          人员权限与操作日志仅管理员可见。
        </Text>
      ) : null}
    </View>
  );
}
