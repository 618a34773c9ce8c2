import { useEffect, useState } from 'react';
import { StatePage } from '@/components/page-state/page-state';
import { ROUTES, openPage, routeParam } from '@/routes';
import { feedbackErrorText } from './feedback-text';
import { ComposeForm } from './parts/compose-form';
import { Posted } from './parts/posted';
import { useFeedbackStore } from './store';
import './feedback.scss';

/** 我要吐槽 (`?orderId=` from an order's page, or `?productId=`, links the post to it). */
export default function NewFeedbackPage() {
  const [preset] = useState(() => ({ orderId: routeParam('orderId'), productId: routeParam('productId') }));
  const [opened, setOpened] = useState(false);
  const open = useFeedbackStore((state) => state.openFeedbackForm);
  const loadCompose = useFeedbackStore((state) => state.loadFeedbackCompose);
  const loadTemplates = useFeedbackStore((state) => state.loadFeedbackTemplates);
  const info = useFeedbackStore.use.feedbackCompose();
  const status = useFeedbackStore.use.feedbackComposeStatus();
  const error = useFeedbackStore.use.feedbackComposeError();
  const draft = useFeedbackStore.use.feedbackDraft();
  const posted = useFeedbackStore.use.feedbackPosted();

  // Today's allowance is read on every visit. The template ids are read now so that the tap on
  // 提交 can ask for the messages at once (WeChat wants the tap).
  useEffect(() => {
    open(preset);
    setOpened(true);
    void loadCompose();
    void loadTemplates();
  }, [preset, open, loadCompose, loadTemplates]);

  if (!opened) return <StatePage kind="loading" testId="feedback-form-loading" />;
  if (posted) return <Posted posted={posted} />;
  if (status === 'error' && error?.code === 'NOT_A_MEMBER') {
    return (
      <StatePage
        kind="notice"
        testId="feedback-form-join"
        title="加入会员后即可吐槽"
        description="会员可以发布反馈、为别人的反馈点「我也是」，被采纳的建议还有积分奖励。"
        actionText="去加入会员"
        onAction={() => openPage(ROUTES.member)}
      />
    );
  }
  if (status === 'error') {
    return (
      <StatePage
        kind="error"
        testId="feedback-form-load-error"
        title="暂时无法发布"
        description={feedbackErrorText(error)}
        actionText="重试"
        onAction={() => void loadCompose()}
      />
    );
  }
  if (!info || !draft) return <StatePage kind="loading" testId="feedback-form-loading" />;
  return <ComposeForm info={info} draft={draft} />;
}
