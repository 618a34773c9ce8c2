import { useEffect } from 'react';
import { View, Text } from '@tarojs/components';
import { LoadMoreFooter } from '@/components/load-more/load-more';
import { PageState } from '@/components/page-state/page-state';
import { usePageShow } from '@/hooks/use-page-show';
import { useReachBottom } from '@/hooks/use-reach-bottom';
import { ROUTES, openPage } from '@/routes';
import { feedbackErrorText } from './feedback-text';
import { BoardFilters } from './parts/board-filters';
import { JoinPrompt } from './parts/join-prompt';
import { PostCard } from './parts/post-card';
import { useFeedbackStore } from './store';
import './feedback.scss';

/** 吐槽中心: published posts by category and status, newest or most 我也是, page after page. */
export default function FeedbackPage() {
  const filter = useFeedbackStore.use.feedbackFilter();
  const board = useFeedbackStore.use.feedbackBoard();
  const load = useFeedbackStore((state) => state.loadFeedbackBoard);
  const loadMore = useFeedbackStore((state) => state.loadMoreFeedback);

  useEffect(() => {
    void load();
  }, [load]);
  // The first show is the effect's; back from a thread or from posting, counts and statuses may have moved.
  usePageShow(() => {
    if (useFeedbackStore.getState().feedbackBoard.status === 'ready') void load();
  });
  useReachBottom(() => void loadMore());

  const filtered = filter.category !== 'all' || filter.status !== 'all';

  return (
    <View className="page feedback-page" data-testid="feedback-board" data-category={filter.category} data-status={filter.status} data-sort={filter.sort}>
      <View className="feedback-head">
        <Text className="feedback-head__title">吐槽中心</Text>
        <Text className="feedback-head__hint" data-testid="feedback-intro">
          说出你对产品和服务的意见，品牌会公开回复，被采纳的建议有积分奖励。看到和你一样的想法，点「我也是」。
        </Text>
        <View className="feedback-head__actions">
          <Text className="feedback-head__new" onClick={() => openPage(ROUTES.feedbackNew)} data-testid="feedback-new">
            我要吐槽
          </Text>
          <Text className="feedback-head__link" onClick={() => openPage(ROUTES.feedbackMine)} data-testid="feedback-mine-link">
            我的反馈 ›
          </Text>
        </View>
      </View>

      <BoardFilters />

      {board.status === 'error' ? (
        <PageState
          kind="error"
          testId="feedback-error"
          title="吐槽加载失败"
          description={feedbackErrorText(board.error)}
          actionText="重试"
          onAction={() => void load()}
        />
      ) : board.status !== 'ready' ? (
        <PageState kind="loading" testId="feedback-loading" />
      ) : board.posts.length === 0 ? (
        <PageState
          kind="empty"
          testId="feedback-empty"
          title={filtered ? '这里还没有反馈' : '还没有人吐槽'}
          description={filtered ? '换个分类或状态看看，或者说说你的想法。' : '你的意见会被品牌认真看到，来发第一条吧。'}
          actionText="发第一条"
          onAction={() => openPage(ROUTES.feedbackNew)}
        />
      ) : (
        <View className="feedback-list" data-testid="feedback-list">
          {board.posts.map((post) => (
            <PostCard key={post.id} post={post} variant="board" />
          ))}
          <LoadMoreFooter
            status={board.moreStatus}
            errorText={feedbackErrorText(board.moreError)}
            hasMore={board.cursor !== null}
            onLoadMore={() => void loadMore()}
            errorClassName="feedback-thread__error"
            testIds={{ error: 'feedback-more-error', more: 'feedback-more', end: 'feedback-end' }}
          />
        </View>
      )}
      <JoinPrompt />
    </View>
  );
}
