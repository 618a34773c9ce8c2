import { SubscribeSheet as Sheet } from '@/components/subscribe-sheet/subscribe-sheet';
import { useDrawsStore } from '../store';

/** The draws' question for h5's stand-in prompt: asked on the same tap as 参加抽签, and the entry records the answer. */
export function SubscribeSheet() {
  const sheet = useDrawsStore.use.drawSubscribeSheet();
  const answer = useDrawsStore((state) => state.answerDrawSubscribe);
  if (!sheet) return null;
  return (
    <Sheet
      title="开奖结果通知"
      text="开奖后发一条微信消息告诉你结果；若你在候补中被递补，也会通知你。每次授权只发一条。"
      onAnswer={answer}
      testId="draw-subscribe-sheet"
      // The ids the draws journeys and tests have always used.
      buttonTestIds={{ allow: 'draw-subscribe-allow', deny: 'draw-subscribe-deny' }}
    />
  );
}
