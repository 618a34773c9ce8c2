import { View, Text } from '@tarojs/components';
import { QUEUE_LISTS } from './feedback-text';
import type { QueueReview } from './feedback.slice';

/**
 * 待审核 / 已隐藏 / 未通过: which list the 审核 tab shows. A segmented switch rather than more tabs:
 * four tabs crowd a phone's width, and the three lists are one job (deciding on posts).
 */
export function ReviewSwitch({ value, onChange }: { value: QueueReview; onChange: (review: QueueReview) => void }) {
  return (
    <View className="feedback-review-switch" data-testid="admin-feedback-review" data-review={value}>
      {QUEUE_LISTS.map((list) => (
        <View
          key={list.key}
          className={`feedback-review-switch__option${list.key === value ? ' feedback-review-switch__option--active' : ''}`}
          onClick={() => list.key !== value && onChange(list.key)}
          data-testid={`admin-feedback-review-${list.key}`}
          data-active={list.key === value ? 'true' : 'false'}
        >
          <Text>{list.label}</Text>
        </View>
      ))}
    </View>
  );
}
