import { Text } from '@tarojs/components';
import { reviewText, statusTone } from '../feedback-text';
import type { PostView } from '@/services/feedback';

/** What the brand does about it: 待处理 … 已解决 (the server's word, coloured by how far it got). */
export function StatusBadge({ post }: { post: Pick<PostView, 'status' | 'statusName'> }) {
  return (
    <Text className={`feedback-status feedback-status--${statusTone(post.status)}`} data-testid="feedback-status" data-status={post.status}>
      {post.statusName}
    </Text>
  );
}

/** For the author only: who can see it (审核中 / 已公开 / 未通过：reason / 已隐藏：reason). */
export function ReviewBadge({ post }: { post: Pick<PostView, 'review' | 'reviewName' | 'reviewReason'> }) {
  return (
    <Text className={`feedback-review feedback-review--${post.review}`} data-testid="feedback-review" data-review={post.review}>
      {reviewText(post)}
    </Text>
  );
}

/** The masked nickname and the ladder step the author was on when posting. */
export function AuthorBadge({ author, testId }: { author: PostView['author']; testId: string }) {
  return (
    <>
      <Text className="feedback-card__author" data-testid={`${testId}-author`}>
        {author.name}
      </Text>
      <Text className="feedback-tier" data-testid={`${testId}-tier`} data-tier={author.tier}>
        {author.tierName}
      </Text>
    </>
  );
}
