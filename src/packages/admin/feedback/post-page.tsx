import { useEffect, useMemo, useState } from 'react';
import { View } from '@tarojs/components';
import { StatePage } from '@/components/page-state/page-state';
import { usePageShow } from '@/hooks/use-page-show';
import { routeParam } from '@/routes';
import { useAdminToolsStore } from '@/packages/admin/store';
import { StaffGate } from '../shared/staff-gate';
import { feedbackErrorText } from './feedback-text';
import { ReviewActions, StatusActions } from './post-actions';
import { PostFacts } from './post-facts';
import { PostMerge } from './post-merge';
import { OutcomeContext, type Done } from './post-outcome';
import { PostReplies } from './post-replies';
import { PostReward } from './post-reward';
import '../shared/admin.scss';
import '../shared/tools.scss';
import './feedback.scss';

/** 反馈处理 (`?id=`): one post in full and everything staff do to it. The server checks and audits each action. */
export default function FeedbackPostPage() {
  return <StaffGate>{() => <PostArea />}</StaffGate>;
}

function PostArea() {
  const [postId] = useState(() => routeParam('id'));
  const detail = useAdminToolsStore.use.feedbackPost();
  const status = useAdminToolsStore.use.feedbackPostStatus();
  const error = useAdminToolsStore.use.feedbackPostError();
  const load = useAdminToolsStore((state) => state.loadFeedbackPost);
  const clearError = useAdminToolsStore((state) => state.clearFeedbackPostError);
  const [done, setDone] = useState<Done | null>(null);
  const outcome = useMemo(() => ({ done, report: setDone }), [done]);

  useEffect(() => {
    clearError();
    if (postId) void load(postId);
  }, [postId, load, clearError]);
  // The first show is the effect's. Back from another post's page (a merge target), the store holds
  // that post: read this one again; otherwise refresh what others may have changed meanwhile.
  usePageShow(() => {
    const state = useAdminToolsStore.getState();
    if (!postId || state.feedbackPostStatus === 'loading') return;
    if (state.feedbackPost?.post.id !== postId) clearError();
    void load(postId);
  });

  if (!postId) {
    return <StatePage kind="empty" testId="admin-feedback-post-missing" title="没有指定反馈" description="请从吐槽审核的队列或看板打开一条反馈。" />;
  }
  const shown = detail && detail.post.id === postId ? detail : null;
  if (!shown) {
    return status === 'error' ? (
      <StatePage
        kind="error"
        testId="admin-feedback-post-error"
        title="反馈加载失败"
        description={feedbackErrorText(error)}
        actionText="重试"
        onAction={() => void load(postId)}
      />
    ) : (
      <StatePage kind="loading" testId="admin-feedback-post-loading" />
    );
  }

  return (
    <OutcomeContext.Provider value={outcome}>
      <View className="page admin-page" data-testid="admin-feedback-post" data-review={shown.post.review} data-status={shown.post.status}>
        <PostFacts post={shown.post} />
        <ReviewActions detail={shown} />
        <StatusActions detail={shown} />
        <PostReplies detail={shown} />
        <PostMerge detail={shown} />
        <PostReward detail={shown} />
      </View>
    </OutcomeContext.Provider>
  );
}
