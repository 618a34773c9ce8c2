import { useEffect } from 'react';
import { View } from '@tarojs/components';
import { LoadMoreFooter } from '@/components/load-more/load-more';
import { PageState } from '@/components/page-state/page-state';
import { usePageShow } from '@/hooks/use-page-show';
import { useReachBottom } from '@/hooks/use-reach-bottom';
import { ROUTES, openPage } from '@/routes';
import { feedbackErrorText } from './feedback-text';
import { PostCard } from './parts/post-card';
import { useFeedbackStore } from './store';
import './feedback.scss';

/** 我的反馈: every post of mine in every state (审核中, 已公开, 未通过 with the reason, 已隐藏), newest first. */
export default function MyFeedbackPage() {
  const list = useFeedbackStore.use.myFeedback();
  const load = useFeedbackStore((state) => state.loadMyFeedback);
  const loadMore = useFeedbackStore((state) => state.loadMoreMyFeedback);

  useEffect(() => {
    void load();
  }, [load]);
  // Back from a thread or from posting: reviews, statuses and replies may have moved.
  usePageShow(() => {
    if (useFeedbackStore.getState().myFeedback.status === 'ready') void load();
  });
  useReachBottom(() => void loadMore());

  if (list.status === 'error') {
    return (
      <View className="page feedback-page">
        <PageState
          kind="error"
          testId="feedback-mine-error"
          title="我的反馈加载失败"
          description={feedbackErrorText(list.error)}
          actionText="重试"
          onAction={() => void load()}
        />
      </View>
    );
  }
  if (list.status !== 'ready') {
    return (
      <View className="page feedback-page">
        <PageState kind="loading" testId="feedback-mine-loading" />
      </View>
    );
  }
  if (list.posts.length === 0) {
    return (
      <View className="page feedback-page">
        <PageState
          kind="empty"
          testId="feedback-mine-empty"
          title="你还没有发过反馈"
          description="对产品、服务、物流有任何想法，都可以说给品牌听。"
          actionText="去吐槽"
          onAction={() => openPage(ROUTES.feedbackNew)}
        />
      </View>
    );
  }
  return (
    <View className="page feedback-page" data-testid="feedback-mine-list">
      {list.posts.map((post) => (
        <PostCard key={post.id} post={post} variant="mine" />
      ))}
      <LoadMoreFooter
        status={list.moreStatus}
        errorText={feedbackErrorText(list.moreError)}
        hasMore={list.cursor !== null}
        onLoadMore={() => void loadMore()}
        errorClassName="feedback-thread__error"
        testIds={{ error: 'feedback-mine-more-error', more: 'feedback-mine-more', end: 'feedback-mine-end' }}
      />
    </View>
  );
}
