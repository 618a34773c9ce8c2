import { View, Text } from '@tarojs/components';
import { FilterTabs } from '@/components/filter-tabs/filter-tabs';
import { CATEGORY_TABS, SORT_LABEL, STATUS_CHIPS } from '../feedback-text';
import type { BoardSort } from '@/services/feedback';
import { useFeedbackStore } from '../store';

const SORTS: BoardSort[] = ['new', 'votes'];

/** The board's filters: category tabs, status chips and the order (最新 / 最多「我也是」). */
export function BoardFilters() {
  const filter = useFeedbackStore.use.feedbackFilter();
  const setFilter = useFeedbackStore((state) => state.setFeedbackFilter);
  return (
    <>
      <FilterTabs tabs={CATEGORY_TABS} value={filter.category} onChange={(category) => void setFilter({ category })} testIdPrefix="feedback-category" />
      <View className="feedback-chips">
        {STATUS_CHIPS.map((chip) => (
          <Text
            key={chip.key}
            className={`feedback-chip${chip.key === filter.status ? ' feedback-chip--active' : ''}`}
            onClick={() => chip.key !== filter.status && void setFilter({ status: chip.key })}
            data-testid={`feedback-status-chip-${chip.key}`}
            data-active={chip.key === filter.status ? 'true' : 'false'}
          >
            {chip.label}
          </Text>
        ))}
      </View>
      <View className="feedback-sort">
        {SORTS.map((sort) => (
          <Text
            key={sort}
            className={`feedback-sort__option${sort === filter.sort ? ' feedback-sort__option--active' : ''}`}
            onClick={() => sort !== filter.sort && void setFilter({ sort })}
            data-testid={`feedback-sort-${sort}`}
            data-active={sort === filter.sort ? 'true' : 'false'}
          >
            {SORT_LABEL[sort]}
          </Text>
        ))}
      </View>
    </>
  );
}
