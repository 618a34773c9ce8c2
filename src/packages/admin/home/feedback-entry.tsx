import { View, Text } from '@tarojs/components';
import { ROUTES, openPage } from '@/routes';
import { useAdminToolsStore } from '@/packages/admin/store';
import { staffErrorText } from '../shared/admin-text';
import './feedback-entry.scss';

/**
 * 吐槽审核 on the staff home: how many posts wait for review, and the open ones (published, not yet
 * resolved, declined or merged) by category and by age. Compact: one card, one tap to the queue.
 */
export function FeedbackEntry() {
  const stats = useAdminToolsStore.use.feedbackStats();
  const status = useAdminToolsStore.use.feedbackStatsStatus();
  const error = useAdminToolsStore.use.feedbackStatsError();
  const reload = useAdminToolsStore((state) => state.loadFeedbackStats);
  const waiting = stats?.waitingReview ?? 0;
  const open = stats ? stats.openByCategory.reduce((sum, row) => sum + row.count, 0) : 0;

  return (
    <View
      className="card admin-section feedback-entry"
      onClick={() => openPage(ROUTES.adminFeedback)}
      data-testid="admin-feedback-entry"
      data-waiting={waiting}
    >
      <View className="feedback-entry__head">
        <View className="admin-tool__text">
          <Text className="admin-tool__title">吐槽审核</Text>
          <Text className="admin-tool__hint">审核会员反馈、公开回复、更新进度</Text>
        </View>
        <View className="feedback-entry__waiting">
          <Text className={`feedback-entry__count${waiting > 0 ? ' feedback-entry__count--due' : ''}`} data-testid="admin-feedback-entry-waiting">
            {status === 'ready' ? waiting : '–'}
          </Text>
          <Text className="feedback-entry__label">待审核</Text>
        </View>
        <Text className="admin-tool__arrow">›</Text>
      </View>
      {status === 'error' ? (
        <Text
          className="admin-section__error"
          onClick={(event) => {
            event.stopPropagation();
            void reload();
          }}
          data-testid="admin-feedback-stats-error"
        >
          {staffErrorText(error)}（点此重试）
        </Text>
      ) : stats ? (
        <View className="feedback-entry__open" data-testid="admin-feedback-entry-open" data-count={open}>
          <Text className="feedback-entry__line">
            待跟进 {open} 条{open > 0 ? '：' : ''}
            {stats.openByCategory
              .filter((row) => row.count > 0)
              .map((row) => `${row.name} ${row.count}`)
              .join(' · ')}
          </Text>
          {open > 0 ? (
            <Text className="feedback-entry__line" data-testid="admin-feedback-entry-age">
              {stats.openByAge
                .filter((row) => row.count > 0)
                .map((row) => `${row.name} ${row.count}`)
                .join(' · ')}
            </Text>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
