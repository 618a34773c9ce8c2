import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { LoadMoreFooter } from '@/components/load-more/load-more';
import { PageState } from '@/components/page-state/page-state';
import { useAdminToolsStore } from '@/packages/admin/store';
import { feedbackErrorText, queueListOf, waitingText } from './feedback-text';
import type { ModeratePayload, QueueReview, StaffPostView } from './feedback.slice';
import { AuthorLine, PostChecks, PostImages, openFeedbackPost } from './post-parts';
import { ReasonSheet, type ReasonDecision } from './reason-sheet';
import { ReviewSwitch } from './review-switch';
import { SetAsideCard } from './set-aside-card';

/** Before the settings arrive (a stable value: a new [] per read would re-render without end). */
const NO_TEMPLATES: readonly string[] = [];

/**
 * 审核: the queue, oldest first, for clearing it fast on a phone; and, behind the switch, the posts
 * set aside (hidden or rejected, the latest decided first) to open and restore or approve.
 */
export function QueueTab({ review, onReview, onOpenBoard }: { review: QueueReview; onReview: (review: QueueReview) => void; onOpenBoard: () => void }) {
  return (
    <View>
      <ReviewSwitch value={review} onChange={onReview} />
      <ReviewList review={review} onOpenBoard={onOpenBoard} />
    </View>
  );
}

function ReviewList({ review, onOpenBoard }: { review: QueueReview; onOpenBoard: () => void }) {
  const cards = useAdminToolsStore.use.feedbackQueue();
  const status = useAdminToolsStore.use.feedbackQueueStatus();
  const error = useAdminToolsStore.use.feedbackQueueError();
  const waiting = useAdminToolsStore.use.feedbackQueueWaiting();
  const cursor = useAdminToolsStore.use.feedbackQueueCursor();
  const moreStatus = useAdminToolsStore.use.feedbackQueueMoreStatus();
  const moreError = useAdminToolsStore.use.feedbackQueueMoreError();
  const notice = useAdminToolsStore.use.feedbackQueueNotice();
  const shownReview = useAdminToolsStore.use.feedbackQueueReview();
  const templates = useAdminToolsStore((state) => state.adminFeedbackSettingsView?.config.rejectTemplates ?? NO_TEMPLATES);
  const load = useAdminToolsStore((state) => state.loadFeedbackQueue);
  const loadMore = useAdminToolsStore((state) => state.loadMoreFeedbackQueue);
  const moderate = useAdminToolsStore((state) => state.moderateQueued);
  const [sheet, setSheet] = useState<{ postId: string; decision: ReasonDecision } | null>(null);

  const list = queueListOf(review);
  const pending = review === 'pending';

  useEffect(() => {
    void load(review);
  }, [load, review]);
  // Every card shown was decided but more wait beyond them: the first page now holds the next ones.
  const drained = status === 'ready' && cards.length === 0 && cursor !== null;
  useEffect(() => {
    if (drained) void load();
  }, [drained, load]);

  const decide = async (payload: ModeratePayload) => {
    const result = await moderate(payload);
    if (result.ok)
      void Taro.showToast({ title: payload.decision === 'approve' ? '已通过' : payload.decision === 'reject' ? '已驳回' : '已隐藏', icon: 'success' });
  };

  if (status === 'error') {
    return (
      <PageState
        kind="error"
        testId="admin-feedback-queue-error"
        title={list.failed}
        description={feedbackErrorText(error)}
        actionText="重试"
        onAction={() => void load(review)}
      />
    );
  }
  // Until the chosen list's own answer is in, the last list's cards are not shown under its name.
  if (status !== 'ready' || shownReview !== review) return <PageState kind="loading" testId="admin-feedback-queue-loading" />;

  return (
    <View data-testid="admin-feedback-queue" data-review={review}>
      <View className="card admin-section feedback-queue__head">
        <Text className="admin-section__title">
          {list.label} <Text data-testid="admin-feedback-waiting">{waiting}</Text> 条
        </Text>
        <Text className="admin-section__hint">{list.hint}</Text>
      </View>
      {notice ? (
        <Text className="admin-note feedback-queue__notice" data-testid="admin-feedback-queue-notice">
          {notice}
        </Text>
      ) : null}
      {drained ? (
        <PageState kind="loading" testId="admin-feedback-queue-loading" />
      ) : cards.length === 0 ? (
        <PageState
          kind="empty"
          testId="admin-feedback-queue-empty"
          title={list.empty}
          description={list.emptyHint}
          {...(pending ? { actionText: '去看板', onAction: onOpenBoard } : {})}
        />
      ) : (
        <>
          {cards.map((post) =>
            // The one-tap decisions belong to the queue; a set-aside post is undone from its own page.
            pending ? (
              <QueueCard key={post.id} post={post} onDecide={decide} onAsk={(decision) => setSheet({ postId: post.id, decision })} />
            ) : (
              <SetAsideCard key={post.id} post={post} />
            ),
          )}
          <LoadMoreFooter
            status={moreStatus}
            errorText={feedbackErrorText(moreError)}
            hasMore={cursor !== null}
            onLoadMore={() => void loadMore()}
            errorClassName="admin-section__error"
            testIds={{ error: 'admin-feedback-queue-more-error', more: 'admin-feedback-queue-more', end: 'admin-feedback-queue-end' }}
          />
        </>
      )}
      {sheet ? (
        <ReasonSheet
          decision={sheet.decision}
          templates={templates}
          onClose={() => setSheet(null)}
          onSend={(reason) => {
            setSheet(null);
            void decide({ postId: sheet.postId, decision: sheet.decision, reason });
          }}
        />
      ) : null}
    </View>
  );
}

function QueueCard({
  post,
  onDecide,
  onAsk,
}: {
  post: StaffPostView;
  onDecide: (payload: ModeratePayload) => Promise<void>;
  onAsk: (decision: ReasonDecision) => void;
}) {
  const refusal = useAdminToolsStore((state) => state.feedbackQueueErrors[post.id] ?? null);
  // The buttons are the card's own taps, not a way into the post.
  const button = (run: () => void) => (event: { stopPropagation: () => void }) => {
    event.stopPropagation();
    run();
  };

  return (
    <View className="card feedback-card" onClick={() => openFeedbackPost(post.id)} data-testid="admin-feedback-card" data-post-id={post.id}>
      <View className="feedback-card__top">
        <Text className="feedback-card__category" data-testid="admin-feedback-card-category">
          {post.categoryName}
        </Text>
        <Text className="feedback-card__waited" data-testid="admin-feedback-card-waited">
          {waitingText(post.waitingMinutes)}
        </Text>
      </View>
      <Text className="feedback-card__text" data-testid="admin-feedback-card-text">
        {post.text}
      </Text>
      <PostImages images={post.images} testId="admin-feedback-card-images" />
      {post.product ? <Text className="reward-admin__meta">关于商品：{post.product.name}</Text> : null}
      <PostChecks post={post} testId="admin-feedback-card-checks" />
      <AuthorLine author={post.author} testId="admin-feedback-card-author" />
      {refusal ? (
        <Text className="admin-section__error" data-testid="admin-feedback-card-error">
          {feedbackErrorText(refusal)}
        </Text>
      ) : null}
      <View className="feedback-card__actions">
        <Button size="small" fill="outline" onClick={button(() => onAsk('hide'))} data-testid="admin-feedback-hide">
          隐藏
        </Button>
        <Button size="small" fill="outline" type="danger" onClick={button(() => onAsk('reject'))} data-testid="admin-feedback-reject">
          驳回
        </Button>
        <Button
          size="small"
          type="primary"
          onClick={button(() => void onDecide({ postId: post.id, decision: 'approve' }))}
          data-testid="admin-feedback-approve"
        >
          通过
        </Button>
      </View>
    </View>
  );
}
