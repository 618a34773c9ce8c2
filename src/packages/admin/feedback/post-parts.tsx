import { View, Text, Image } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ROUTES } from '@/routes';
import { authorHistoryText, imageCheckText, textCheckText } from './feedback-text';
import type { StaffPostView } from './feedback.slice';

// The pieces of a post that the queue's cards and the post's page both show.

/** Opens 反馈处理 for one post. */
export const openFeedbackPost = (postId: string) => void Taro.navigateTo({ url: `${ROUTES.adminFeedbackPost}?id=${encodeURIComponent(postId)}` });

function preview(urls: string[], current: string) {
  try {
    Promise.resolve(Taro.previewImage({ current, urls })).catch(() => undefined);
  } catch {
    // Not available (tests): nothing to preview.
  }
}

/** Thumbnails; a tap opens the full image (staff see flagged images too, to judge them). */
export function PostImages({ images, testId }: { images: StaffPostView['images']; testId: string }) {
  if (images.length === 0) return null;
  const urls = images.map((image) => image.url);
  return (
    <View className="feedback-images" data-testid={testId}>
      {urls.map((url) => (
        <Image
          key={url}
          className="feedback-images__thumb"
          src={url}
          mode="aspectFill"
          lazyLoad
          onClick={(event) => {
            // Inside a tappable card: the tap is the preview's, not the card's.
            event.stopPropagation();
            preview(urls, url);
          }}
          data-testid={`${testId}-image`}
        />
      ))}
    </View>
  );
}

/** 文字：通过 · 图片：检测中, each in its tone. */
export function PostChecks({ post, testId }: { post: Pick<StaffPostView, 'textCheck' | 'imageChecks'>; testId: string }) {
  const text = textCheckText(post.textCheck);
  const images = imageCheckText(post.imageChecks);
  return (
    <View className="feedback-checks" data-testid={testId}>
      <Text className={`admin-chip admin-chip--${text.tone}`} data-testid={`${testId}-text`} data-suggest={post.textCheck.suggest}>
        {text.text}
      </Text>
      {images ? (
        <Text className={`admin-chip admin-chip--${images.tone}`} data-testid={`${testId}-images`}>
          {images.text}
        </Text>
      ) : null}
    </View>
  );
}

/** 小满 · 已购会员 · 已下单 3 次 · 发帖 2 条. */
export function AuthorLine({ author, testId }: { author: StaffPostView['author']; testId: string }) {
  return (
    <Text className="feedback-author" data-testid={testId}>
      <Text className="feedback-author__name">{author.nickname}</Text>
      <Text className="feedback-author__tier"> · {author.tierName}</Text>
      <Text> · {authorHistoryText(author)}</Text>
    </Text>
  );
}
