import { SubscribeSheet } from '@/components/subscribe-sheet/subscribe-sheet';
import type { SubscribePurpose } from '../feedback.slice';
import { useFeedbackStore } from '../store';

const ASKED: Record<SubscribePurpose, { title: string; text: string }> = {
  post: { title: '反馈进展通知', text: '审核结果、品牌回复和处理进度有变化时，发一条微信消息告诉你。每次授权只发一条，拒绝也可正常提交。' },
  follow: { title: '反馈解决通知', text: '这条反馈解决后，发一条微信消息告诉你。拒绝也可正常关注。' },
};

/** The complaint center's questions for h5's stand-in prompt: asked on the tap that posts or follows. */
export function FeedbackSubscribeSheet() {
  const sheet = useFeedbackStore.use.feedbackSubscribeSheet();
  const answer = useFeedbackStore((state) => state.answerFeedbackSubscribe);
  if (!sheet) return null;
  const asked = ASKED[sheet.purpose];
  return <SubscribeSheet title={asked.title} text={asked.text} onAnswer={answer} testId="feedback-subscribe-sheet" />;
}
