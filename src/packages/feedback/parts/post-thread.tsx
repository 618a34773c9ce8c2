import { View, Text, Image } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ROUTES, openPage, openProduct } from '@/routes';
import { imageSrc } from '@/utils/cloud-image';
import { feedbackErrorText, postTimeText, REVIEW_HINT, rewardText } from '../feedback-text';
import type { PostView, ThreadView } from '@/services/feedback';
import { useFeedbackStore } from '../store';
import { AuthorBadge, ReviewBadge, StatusBadge } from './badges';
import { JoinPrompt } from './join-prompt';
import { openPost } from './post-card';
import { Replies } from './replies';
import { FeedbackSubscribeSheet } from './subscribe-sheet';
import { VoteButton } from './vote-button';

/** A post's page: the post in full, who can see it (for its author), 我也是, 关注, and the brand's replies. */
export function PostThread({ thread }: { thread: ThreadView }) {
  const { post, replies } = thread;
  const open = post.review === 'published' && post.status !== 'duplicate';
  return (
    <View className="page" data-testid="feedback-detail" data-post-id={post.id} data-status={post.status} data-review={post.review}>
      {post.mergedInto ? <MergedNote into={post.mergedInto} /> : null}
      <View className="card feedback-thread">
        <View className="feedback-card__head">
          <AuthorBadge author={post.author} testId="feedback-detail" />
          <Text className="feedback-tag" data-testid="feedback-detail-category">
            {post.categoryName}
          </Text>
          {post.review === 'published' ? <StatusBadge post={post} /> : null}
        </View>
        <Text className="feedback-thread__text" selectable data-testid="feedback-detail-text">
          {post.text}
        </Text>
        <Photos images={post.images} />
        {post.product ? (
          <Text className="feedback-thread__link" onClick={() => openProduct(post.product!.id)} data-testid="feedback-detail-product">
            相关商品：{post.product.name} ›
          </Text>
        ) : null}
        {post.orderLabel ? (
          <Text className="feedback-thread__line" data-testid="feedback-detail-order">
            {post.orderLabel}
          </Text>
        ) : null}
        <Text className="feedback-thread__line" data-testid="feedback-detail-time">
          发布于 {postTimeText(post)}
        </Text>
        {post.reward ? (
          <Text className="feedback-card__reward" data-testid="feedback-detail-reward">
            {rewardText(post.reward.points)}
          </Text>
        ) : null}
        {post.mine ? (
          <View className="feedback-mine-review">
            <ReviewBadge post={post} />
            <Text className="feedback-mine-review__hint" data-testid="feedback-review-hint">
              {REVIEW_HINT[post.review]}
            </Text>
          </View>
        ) : null}
        <View className="feedback-thread__actions">
          <VoteButton post={post} />
          {open && !post.mine ? <FollowButton post={post} /> : null}
        </View>
        <FollowError postId={post.id} />
      </View>
      <Replies replies={replies} />
      <Text className="feedback-thread__link" onClick={() => openPage(ROUTES.feedback)} data-testid="feedback-detail-board">
        看看大家的反馈 ›
      </Text>
      <JoinPrompt />
      <FeedbackSubscribeSheet />
    </View>
  );
}

function MergedNote({ into }: { into: string }) {
  return (
    <View className="feedback-merged" data-testid="feedback-merged">
      <Text>这条反馈与另一条相同，已合并至另一条反馈，「我也是」和关注已一并转过去。</Text>
      <Text className="feedback-thread__link" onClick={() => openPost(into)} data-testid="feedback-merged-link">
        查看合并后的反馈 ›
      </Text>
    </View>
  );
}

function Photos({ images }: { images: PostView['images'] }) {
  if (images.length === 0) return null;
  const urls = images.map((image) => imageSrc(image.url));
  return (
    <View className="feedback-thumbs" data-testid="feedback-detail-images">
      {urls.map((url) => (
        <Image
          key={url}
          className="feedback-thumbs__image"
          src={url}
          mode="aspectFill"
          onClick={() => void Taro.previewImage({ current: url, urls })}
          data-testid="feedback-detail-image"
        />
      ))}
    </View>
  );
}

/** 关注 / 已关注. Following asks, on this very tap, for the message that it was resolved. */
function FollowButton({ post }: { post: PostView }) {
  const busy = useFeedbackStore((state) => state.feedbackFollowing === post.id);
  const follow = useFeedbackStore((state) => state.followFeedback);
  const onTap = () => {
    if (busy) return;
    void follow(post.id, !post.following).then((result) => {
      if (result?.ok) void Taro.showToast({ title: result.data.following ? '已关注，解决后通知你' : '已取消关注', icon: 'none' });
    });
  };
  return (
    <Button
      size="small"
      type="primary"
      fill={post.following ? 'outline' : 'solid'}
      loading={busy}
      onClick={onTap}
      data-testid="feedback-follow"
      data-following={post.following ? 'true' : 'false'}
    >
      {post.following ? '已关注' : '关注'}
    </Button>
  );
}

function FollowError({ postId }: { postId: string }) {
  const error = useFeedbackStore((state) => (state.feedbackFollowError?.postId === postId ? state.feedbackFollowError.error : null));
  if (!error) return null;
  return (
    <Text className="feedback-thread__error" data-testid="feedback-follow-error">
      {feedbackErrorText(error)}
    </Text>
  );
}
