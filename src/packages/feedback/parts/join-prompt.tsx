import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ROUTES, openPage } from '@/routes';
import { useFeedbackStore } from '../store';

/** A visitor tapped something only members may do (我也是, 关注): the server's sentence and the way to join. */
export function JoinPrompt() {
  const ask = useFeedbackStore.use.feedbackJoinAsk();
  const dismiss = useFeedbackStore((state) => state.dismissFeedbackJoin);
  if (!ask) return null;
  return (
    <View className="feedback-join" data-testid="feedback-join-prompt">
      <View className="feedback-join__panel">
        <Text className="feedback-join__title">加入会员，一起让品牌变得更好</Text>
        <Text className="feedback-join__text">{ask}</Text>
        <View className="feedback-join__actions">
          <Button fill="outline" onClick={dismiss} data-testid="feedback-join-close">
            以后再说
          </Button>
          <Button
            type="primary"
            onClick={() => {
              dismiss();
              openPage(ROUTES.member);
            }}
            data-testid="feedback-join-go"
          >
            去加入会员
          </Button>
        </View>
      </View>
    </View>
  );
}
