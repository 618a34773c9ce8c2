import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { FilterTabs } from '@/components/filter-tabs/filter-tabs';
import { routeParam } from '@/routes';
import { useAdminToolsStore, type QueueReview } from '@/packages/admin/store';
import { StaffGate } from '../shared/staff-gate';
import { BoardTab } from './board-tab';
import { QueueTab } from './queue-tab';
import { SettingsTab } from './settings-tab';
import '../shared/admin.scss';
import '../shared/tools.scss';
import './feedback.scss';

type Tab = 'queue' | 'board' | 'settings';

const TABS: ReadonlyArray<{ key: Tab; label: string }> = [
  // 审核 rather than 待审核: the tab also holds the hidden and rejected posts (its switch says which).
  { key: 'queue', label: '审核' },
  { key: 'board', label: '看板' },
  { key: 'settings', label: '设置' },
];

const isTab = (value: string): value is Tab => TABS.some((tab) => tab.key === value);

/** 吐槽审核: the review queue and the posts set aside, the board by status, the settings (admins edit; moderators read). */
export default function FeedbackAdminPage() {
  return <StaffGate>{() => <FeedbackArea />}</StaffGate>;
}

function FeedbackArea() {
  const [tab, setTab] = useState<Tab>(() => {
    const asked = routeParam('tab');
    return isTab(asked) ? asked : 'queue';
  });
  // The page's, not the tab's: back from 看板 the same list shows; a new visit starts at the queue.
  const [review, setReview] = useState<QueueReview>('pending');
  const loadSettings = useAdminToolsStore((state) => state.loadAdminFeedbackSettings);

  // The reject reasons the queue offers are the settings' (moderators may read them).
  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);

  return (
    <View className="page admin-page" data-testid="admin-feedback-page" data-tab={tab}>
      <FilterTabs tabs={TABS} value={tab} onChange={setTab} testIdPrefix="admin-feedback-tab" />
      {tab === 'queue' ? (
        <QueueTab review={review} onReview={setReview} onOpenBoard={() => setTab('board')} />
      ) : tab === 'board' ? (
        <BoardTab />
      ) : (
        <SettingsTab />
      )}
    </View>
  );
}
