import { View, Text } from '@tarojs/components';
import { formatDateTime } from '../shared/admin-text';
import { queueListOf, setAsideReasonText } from './feedback-text';
import type { StaffPostView } from './feedback.slice';
import { AuthorLine, PostChecks, PostImages, openFeedbackPost } from './post-parts';

/**
 * A hidden or rejected post in its list: why it was set aside, and a tap into 反馈处理, where 恢复
 * (hidden) or 通过 (rejected) are. No one-tap buttons here: undoing a decision deserves the full post.
 */
export function SetAsideCard({ post }: { post: StaffPostView }) {
  const reason = setAsideReasonText(post);
  const list = post.review === 'hidden' || post.review === 'rejected' ? queueListOf(post.review) : null;
  return (
    <View
      className="card feedback-card"
      onClick={() => openFeedbackPost(post.id)}
      data-testid="admin-feedback-card"
      data-post-id={post.id}
      data-review={post.review}
    >
      <View className="feedback-card__top">
        <Text className="feedback-card__category" data-testid="admin-feedback-card-category">
          {post.categoryName}
        </Text>
        <Text className="feedback-card__waited" data-testid="admin-feedback-card-submitted">
          提交 {formatDateTime(post.createdAt)}
        </Text>
      </View>
      {reason ? (
        <Text className="admin-refund__reason admin-refund__reason--rejected" data-testid="admin-feedback-card-reason">
          {reason}
        </Text>
      ) : null}
      <Text className="feedback-card__text" data-testid="admin-feedback-card-text">
        {post.text}
      </Text>
      <PostImages images={post.images} testId="admin-feedback-card-images" />
      {post.product ? <Text className="reward-admin__meta">关于商品：{post.product.name}</Text> : null}
      <PostChecks post={post} testId="admin-feedback-card-checks" />
      <AuthorLine author={post.author} testId="admin-feedback-card-author" />
      {list?.open ? (
        <Text className="feedback-link" data-testid="admin-feedback-card-open">
          {list.open}
        </Text>
      ) : null}
    </View>
  );
}
