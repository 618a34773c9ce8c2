import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useDrawsStore } from '../store';

/**
 * h5's stand-in for WeChat's subscription prompt (requestSubscribeMessage exists only in WeChat):
 * asked on the same tap as 参加抽签, answered 允许 or 拒绝, and the entry records the answer.
 */
export function SubscribeSheet() {
  const sheet = useDrawsStore.use.drawSubscribeSheet();
  const answer = useDrawsStore((state) => state.answerDrawSubscribe);
  if (!sheet) return null;
  return (
    <View className="subscribe-sheet" data-testid="draw-subscribe-sheet">
      <View className="subscribe-sheet__panel">
        <Text className="subscribe-sheet__title">开奖结果通知</Text>
        <Text className="subscribe-sheet__text">开奖后发一条微信消息告诉你结果；若你在候补中被递补，也会通知你。每次授权只发一条。</Text>
        <Text className="subscribe-sheet__note">（网页版模拟微信的订阅消息授权）</Text>
        <View className="subscribe-sheet__actions">
          <Button fill="outline" onClick={() => answer(false)} data-testid="draw-subscribe-deny">
            拒绝
          </Button>
          <Button type="primary" onClick={() => answer(true)} data-testid="draw-subscribe-allow">
            允许
          </Button>
        </View>
      </View>
    </View>
  );
}
