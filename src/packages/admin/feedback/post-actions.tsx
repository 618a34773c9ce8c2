import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useAdminToolsStore } from '@/packages/admin/store';
import type { FeedbackPostDetail, SettableStatus } from './feedback-post.slice';
import { DECISION_DONE, DECISION_LABELS, reviewDecisions } from './feedback-text';
import type { ModerateDecision, ModeratePayload } from './feedback.slice';
import { Outcome, useReport } from './post-outcome';
import { ReasonSheet, type ReasonDecision } from './reason-sheet';

const SETTABLE: readonly string[] = ['open', 'acknowledged', 'planned', 'in_progress', 'resolved', 'declined'] satisfies SettableStatus[];
const isSettable = (status: string): status is SettableStatus => SETTABLE.includes(status);

const DECISION_TOAST: Record<ModerateDecision, string> = { approve: '已通过', reject: '已驳回', hide: '已隐藏', restore: '已恢复' };

/** 审核: the decisions the post's review state allows; reject and hide ask for a reason. */
export function ReviewActions({ detail }: { detail: FeedbackPostDetail }) {
  const { post } = detail;
  const acting = useAdminToolsStore.use.feedbackPostActing();
  const moderate = useAdminToolsStore((state) => state.moderateFeedbackPost);
  const report = useReport();
  const [asking, setAsking] = useState<ReasonDecision | null>(null);
  const decisions = reviewDecisions(post.review);

  const send = async (payload: ModeratePayload) => {
    const result = await moderate(payload);
    if (result.ok) report(payload.decision, DECISION_DONE[payload.decision], DECISION_TOAST[payload.decision]);
  };
  const tap = (decision: ModerateDecision) => {
    if (decision === 'reject' || decision === 'hide') setAsking(decision);
    else void send({ postId: post.id, decision });
  };

  return (
    <View className="card admin-section" data-testid="admin-feedback-post-review-actions">
      <Text className="admin-section__title">审核</Text>
      <View className="feedback-card__actions">
        {decisions.map((decision) => (
          <Button
            key={decision}
            size="small"
            type={decision === 'approve' || decision === 'restore' ? 'primary' : 'danger'}
            fill={decision === 'approve' || decision === 'restore' ? 'solid' : 'outline'}
            loading={acting === decision}
            disabled={acting !== null}
            onClick={() => tap(decision)}
            data-testid={`admin-feedback-post-${decision}`}
          >
            {DECISION_LABELS[decision]}
          </Button>
        ))}
      </View>
      <Outcome actions={['approve', 'reject', 'hide', 'restore']} testId="admin-feedback-post-review" />
      {asking ? (
        <ReasonSheet
          decision={asking}
          templates={detail.rejectTemplates}
          onClose={() => setAsking(null)}
          onSend={(reason) => {
            setAsking(null);
            void send({ postId: post.id, decision: asking, reason });
          }}
        />
      ) : null}
    </View>
  );
}

/** 处理进度: the moves the server allows from the current status, as buttons. */
export function StatusActions({ detail }: { detail: FeedbackPostDetail }) {
  const { post } = detail;
  // The server never offers 已合并 as a move (merging is its own action): only settable statuses are buttons.
  const statusMoves = detail.statusMoves.flatMap((move) => (isSettable(move.status) ? [{ status: move.status, name: move.name }] : []));
  const acting = useAdminToolsStore.use.feedbackPostActing();
  const setStatus = useAdminToolsStore((state) => state.setFeedbackPostStatus);
  const report = useReport();

  const move = async (status: (typeof statusMoves)[number]) => {
    const result = await setStatus(post.id, status.status);
    if (result.ok) report('status', `进度已改为「${status.name}」，作者会收到通知`, '进度已更新');
  };

  return (
    <View className="card admin-section" data-testid="admin-feedback-post-status-actions">
      <View className="admin-section__head">
        <Text className="admin-section__title">处理进度</Text>
        <Text className="admin-section__hint">
          当前：{post.statusName}
          {post.review !== 'published' ? '（公开后才能更新进度）' : statusMoves.length === 0 ? '（已合并，不能再更新）' : ''}
        </Text>
      </View>
      {statusMoves.length > 0 ? (
        <View className="choice-row choice-row--wrap">
          {statusMoves.map((status) => (
            <Button
              key={status.status}
              size="small"
              fill="outline"
              type="primary"
              loading={acting === 'status'}
              disabled={acting !== null}
              onClick={() => void move(status)}
              data-testid={`admin-feedback-status-${status.status}`}
            >
              {status.name}
            </Button>
          ))}
        </View>
      ) : null}
      <Outcome actions={['status']} testId="admin-feedback-post-status-outcome" />
    </View>
  );
}
