import { useEffect, useMemo, useState } from 'react';
import { StatePage } from '@/components/page-state/page-state';
import { ROUTES, openPage, routeParam } from '@/routes';
import { feedbackErrorText } from './feedback-text';
import { PostThread } from './parts/post-thread';
import { selectFeedbackThread, useFeedbackStore } from './store';
import './feedback.scss';

/** 吐槽详情 (`?id=`; a subscription message opens it too): the thread, 我也是, 关注 and 官方回复. */
export default function FeedbackDetailPage() {
  const [postId] = useState(() => routeParam('id'));
  const select = useMemo(() => selectFeedbackThread(postId), [postId]);
  const entry = useFeedbackStore(select);
  const load = useFeedbackStore((state) => state.loadFeedbackThread);
  const loadTemplates = useFeedbackStore((state) => state.loadFeedbackTemplates);

  // Every visit: replies, the status and the count move on while the person is away. The template
  // ids are read now so that the tap on 关注 can ask for the message at once (WeChat wants the tap).
  useEffect(() => {
    if (!postId) return;
    void load(postId);
    void loadTemplates();
  }, [postId, load, loadTemplates]);

  if (!postId || (entry.status === 'error' && entry.error?.code === 'NOT_FOUND')) {
    return (
      <StatePage
        kind="empty"
        testId="feedback-not-found"
        title="这条反馈不存在或暂不可见"
        description="它可能还在审核中，或已被隐藏。看看大家的其他反馈吧。"
        actionText="回到吐槽中心"
        onAction={() => openPage(ROUTES.feedback)}
      />
    );
  }
  if (entry.status === 'error' && !entry.value) {
    return (
      <StatePage
        kind="error"
        testId="feedback-detail-error"
        title="反馈加载失败"
        description={feedbackErrorText(entry.error)}
        actionText="重试"
        onAction={() => void load(postId)}
      />
    );
  }
  if (!entry.value) return <StatePage kind="loading" testId="feedback-detail-loading" />;
  return <PostThread thread={entry.value} />;
}
