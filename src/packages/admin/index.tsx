import { useCallback, useEffect } from 'react';
import { View, Text } from '@tarojs/components';
import { usePageShow } from '@/hooks/use-page-show';
import { selectIsAdmin, useAdminToolsStore } from '@/packages/admin/store';
import { roleLabel } from './shared/admin-text';
import { AuditSection } from './home/audit-section';
import { FeedbackEntry } from './home/feedback-entry';
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
  const loadFeedbackStats = useAdminToolsStore((state) => state.loadFeedbackStats);
  // Staff roles and the audit log are the admins' (moderators: the overview and the tools).
  const isAdmin = useAdminToolsStore(selectIsAdmin);

  const refresh = useCallback(() => {
    void openAdminArea();
    void loadFeedbackStats();
  }, [openAdminArea, loadFeedbackStats]);

  useEffect(refresh, [refresh]);
  // Back from 吐槽审核: the waiting count changed as staff cleared the queue.
  usePageShow(() => {
    if (useAdminToolsStore.getState().feedbackStatsStatus === 'ready') void loadFeedbackStats();
  });

  return (
    <View className="page admin-page" data-testid="admin-area" data-role={role}>
      <View className="admin-page__hello">
        <View className="admin-page__hello-text">
          <Text className="admin-page__hello-name">{nickname || '工作人员'}，你好</Text>
          <Text className="admin-page__hello-role" data-testid="admin-role">
            当前身份：{roleLabel(role)}
          </Text>
        </View>
        <Text className="admin-page__refresh" onClick={refresh} data-testid="admin-refresh">
          刷新
        </Text>
      </View>
      <FeedbackEntry />
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
