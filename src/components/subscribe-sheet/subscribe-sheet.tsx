import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import './subscribe-sheet.scss';

interface Props {
  /** The message asked for, e.g. 开奖结果通知. */
  title: string;
  /** What will be sent and when, in the member's words. */
  text: string;
  onAnswer: (accept: boolean) => void;
  /** The sheet's id; its buttons are `<testId>-allow` and `<testId>-deny` unless `buttonTestIds` names them. */
  testId: string;
  buttonTestIds?: { allow: string; deny: string };
}

/**
 * h5's stand-in for WeChat's subscription prompt (requestSubscribeMessage exists only in WeChat):
 * shown on the same tap that asked, answered 允许 or 拒绝, and the store sends the answer on as
 * WeChat's would be. The page renders it only while its store holds a question.
 */
export function SubscribeSheet({ title, text, onAnswer, testId, buttonTestIds }: Props) {
  const ids = buttonTestIds ?? { allow: `${testId}-allow`, deny: `${testId}-deny` };
  return (
    <View className="subscribe-sheet" data-testid={testId}>
      <View className="subscribe-sheet__panel">
        <Text className="subscribe-sheet__title">{title}</Text>
        <Text className="subscribe-sheet__text">{text}</Text>
        <Text className="subscribe-sheet__note">（网页版模拟微信的订阅消息授权）</Text>
        <View className="subscribe-sheet__actions">
          <Button fill="outline" onClick={() => onAnswer(false)} data-testid={ids.deny}>
            拒绝
          </Button>
          <Button type="primary" onClick={() => onAnswer(true)} data-testid={ids.allow}>
            允许
          </Button>
        </View>
      </View>
    </View>
  );
}
