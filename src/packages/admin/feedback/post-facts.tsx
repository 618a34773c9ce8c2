import { View, Text } from '@tarojs/components';
import { formatDateTime } from '../shared/admin-text';
import type { FeedbackReview, StaffPostView } from './feedback.slice';
import { waitingText } from './feedback-text';
import { AuthorLine, PostChecks, PostImages, openFeedbackPost } from './post-parts';

const REVIEW_TONE: Record<FeedbackReview, string> = { pending: 'denied', published: 'ok', rejected: 'failed', hidden: 'failed' };

/** The post in full: states, text, images, what it is about, the checks, the author, votes and followers. */
export function PostFacts({ post }: { post: StaffPostView }) {
  return (
    <View className="card admin-section feedback-post" data-testid="admin-feedback-post-facts">
      <View className="feedback-card__top">
        <Text className="feedback-card__category">{post.categoryName}</Text>
        <View className="feedback-post__chips">
          <Text className={`admin-chip admin-chip--${REVIEW_TONE[post.review]}`} data-testid="admin-feedback-post-review" data-review={post.review}>
            {post.reviewName}
          </Text>
          <Text className="admin-chip admin-chip--plain" data-testid="admin-feedback-post-status" data-status={post.status}>
            {post.statusName}
          </Text>
        </View>
      </View>
      {post.reviewReason ? (
        <Text className="admin-refund__reason admin-refund__reason--rejected" data-testid="admin-feedback-post-reason">
          {post.review === 'hidden' ? '隐藏原因' : '驳回理由'}：{post.reviewReason}
        </Text>
      ) : null}
      <Text className="feedback-card__text feedback-card__text--full" data-testid="admin-feedback-post-text">
        {post.text}
      </Text>
      <PostImages images={post.images} testId="admin-feedback-post-images" />
      {post.product ? (
        <Text className="reward-admin__meta" data-testid="admin-feedback-post-product">
          关于商品：{post.product.name}
        </Text>
      ) : null}
      {post.orderLabel ? (
        <Text className="reward-admin__meta" data-testid="admin-feedback-post-order">
          {post.orderLabel}
        </Text>
      ) : null}
      <PostChecks post={post} testId="admin-feedback-post-checks" />
      <AuthorLine author={post.author} testId="admin-feedback-post-author" />
      <View className="reward-admin__numbers">
        <Figure value={post.votes} label="我也是" testId="admin-feedback-post-votes" />
        <Figure value={post.followers} label="关注" testId="admin-feedback-post-followers" />
        <Figure value={post.replyCount} label="官方回复" testId="admin-feedback-post-reply-count" />
      </View>
      <Text className="reward-admin__meta">
        提交 {formatDateTime(post.createdAt)}
        {post.publishedAt ? ` · 公开 ${formatDateTime(post.publishedAt)}` : ''}
        {post.waitingMinutes !== null ? ` · ${waitingText(post.waitingMinutes)}` : ''}
      </Text>
      {post.mergedInto ? (
        <Text className="feedback-link" onClick={() => openFeedbackPost(post.mergedInto!)} data-testid="admin-feedback-post-merged">
          已合并到另一条反馈，我也是与关注者已并入 · 查看 ›
        </Text>
      ) : null}
      {post.reward ? (
        <Text className="feedback-outcome" data-testid="admin-feedback-rewarded">
          已奖励 {post.reward.points} 积分
        </Text>
      ) : null}
    </View>
  );
}

function Figure({ value, label, testId }: { value: number; label: string; testId: string }) {
  return (
    <View className="reward-admin__number">
      <Text className="reward-admin__value" data-testid={testId}>
        {value}
      </Text>
      <Text className="reward-admin__label">{label}</Text>
    </View>
  );
}
