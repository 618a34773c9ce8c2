import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { FilterTabs } from '@/components/filter-tabs/filter-tabs';
import { routeParam } from '@/routes';
import { useAdminToolsStore } from '@/packages/admin/store';
import { StaffGate } from '../shared/staff-gate';
import { BoardTab } from './board-tab';
import { QueueTab } from './queue-tab';
import { SettingsTab } from './settings-tab';
import '../shared/admin.scss';
import '../shared/tools.scss';
import './feedback.scss';

type Tab = 'queue' | 'board' | 'settings';

const TABS: ReadonlyArray<{ key: Tab; label: string }> = [
  { key: 'queue', label: '待审核' },
  { key: 'board', label: '看板' },
  { key: 'settings', label: '设置' },
];

const isTab = (value: string): value is Tab => TABS.some((tab) => tab.key === value);

/** 吐槽审核: the review queue, the board by status, the settings (admins edit; moderators read). */
export default function FeedbackAdminPage() {
  return <StaffGate>{() => <FeedbackArea />}</StaffGate>;
}

function FeedbackArea() {
  const [tab, setTab] = useState<Tab>(() => {
    const asked = routeParam('tab');
    return isTab(asked) ? asked : 'queue';
  });
  const loadSettings = useAdminToolsStore((state) => state.loadAdminFeedbackSettings);

  // The reject reasons the queue offers are the settings' (moderators may read them).
  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);

  return (
    <View className="page admin-page" data-testid="admin-feedback-page" data-tab={tab}>
      <FilterTabs tabs={TABS} value={tab} onChange={setTab} testIdPrefix="admin-feedback-tab" />
      {tab === 'queue' ? <QueueTab onOpenBoard={() => setTab('board')} /> : tab === 'board' ? <BoardTab /> : <SettingsTab />}
    </View>
  );
}
