import { useEffect } from 'react';
import { View, Text } from '@tarojs/components';
import { selectCanManageStaff, selectCanViewAudit, useAppStore } from '@/store';
import { roleLabel } from './admin-text';
import { AuditSection } from './audit-section';
import { OverviewSection } from './overview-section';
import { StaffGate } from './staff-gate';
import { StaffSection } from './staff-section';
import { ToolsSection } from './tools-section';
import './index.scss';
import './tools.scss';

// Staff only: the gate checks the session and the role (the server checks it again on every action).
export default function AdminPage() {
  return <StaffGate>{(profile) => <StaffArea nickname={profile.nickname} role={profile.role} />}</StaffGate>;
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
      <ToolsSection />
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
