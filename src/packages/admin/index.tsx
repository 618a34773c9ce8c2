import { useEffect } from 'react';
import { View, Text } from '@tarojs/components';
import { selectIsAdmin, useAdminToolsStore } from '@/packages/admin/store';
import { roleLabel } from './shared/admin-text';
import { AuditSection } from './home/audit-section';
import { OverviewSection } from './home/overview-section';
import { StaffGate } from './shared/staff-gate';
import { StaffSection } from './home/staff-section';
import { ToolsSection } from './home/tools-section';
import './shared/admin.scss';
import './shared/tools.scss';
import './home/home.scss';

// Staff only: the gate checks the session and the role (the server checks it again on every action).
export default function AdminPage() {
  return <StaffGate>{(profile) => <StaffArea nickname={profile.nickname} role={profile.role} />}</StaffGate>;
}

/** The sections a staff member's role may see; loaded afresh each time the area opens. */
function StaffArea({ nickname, role }: { nickname: string; role: string }) {
  const openAdminArea = useAdminToolsStore((state) => state.openAdminArea);
  // Staff roles and the audit log are the admins' (moderators: the overview and the tools).
  const isAdmin = useAdminToolsStore(selectIsAdmin);

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
      <ToolsSection />
      {isAdmin ? <StaffSection /> : null}
      {isAdmin ? <AuditSection /> : null}
      {!isAdmin ? (
        <Text className="admin-page__note" data-testid="admin-moderator-note">
          人员权限与操作日志仅管理员可见。
        </Text>
      ) : null}
    </View>
  );
}
