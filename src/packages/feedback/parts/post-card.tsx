import { View, Text, Image } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ROUTES } from '@/routes';
import { imageSrc } from '@/utils/cloud-image';
import { postTimeText, rewardText } from '../feedback-text';
import type { PostView } from '@/services/feedback';
import { AuthorBadge, ReviewBadge, StatusBadge } from './badges';
import { VoteButton } from './vote-button';

export const openPost = (postId: string) => void Taro.navigateTo({ url: `${ROUTES.feedbackDetail}?id=${encodeURIComponent(postId)}` });

/**
 * A post in a list. On the board: who (masked, with their step), what about, its status, the text
 * (clamped), the photos, 我也是 and the replies. In 我的反馈: who can see it and why not, instead of
 * the author. A tap anywhere but 我也是 opens the thread.
 */
export function PostCard({ post, variant }: { post: PostView; variant: 'board' | 'mine' }) {
  const testId = variant === 'board' ? 'feedback-card' : 'feedback-mine-item';
  return (
    <View
      className="card feedback-card"
      onClick={() => openPost(post.id)}
      data-testid={testId}
      data-post-id={post.id}
      data-status={post.status}
      data-review={post.review}
      data-mine={post.mine ? 'true' : 'false'}
    >
      <View className="feedback-card__head">
        {variant === 'board' ? <AuthorBadge author={post.author} testId={testId} /> : <ReviewBadge post={post} />}
        <Text className="feedback-tag" data-testid={`${testId}-category`}>
          {post.categoryName}
        </Text>
        {post.review === 'published' ? <StatusBadge post={post} /> : null}
        <Text className="feedback-card__time">{postTimeText(post)}</Text>
      </View>
      <Text className="feedback-card__text" data-testid={`${testId}-text`}>
        {post.text}
      </Text>
      {post.images.length > 0 ? (
        <View className="feedback-thumbs" data-testid={`${testId}-images`}>
          {post.images.map((image) => (
            <Image key={image.url} className="feedback-thumbs__image" src={imageSrc(image.url)} mode="aspectFill" lazyLoad />
          ))}
        </View>
      ) : null}
      {post.reward ? (
        <Text className="feedback-card__reward" data-testid={`${testId}-reward`}>
          {rewardText(post.reward.points)}
        </Text>
      ) : null}
      <View className="feedback-card__foot">
        <VoteButton post={post} />
        <Text className="feedback-card__meta" data-testid={`${testId}-replies`}>
          {post.replyCount > 0 ? `官方回复 ${post.replyCount}` : '暂无回复'}
        </Text>
      </View>
    </View>
  );
}
