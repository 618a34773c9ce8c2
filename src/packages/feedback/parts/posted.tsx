import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ROUTES } from '@/routes';
import type { Posted as PostedAnswer } from '@/services/feedback';

/** Leaves the form for another feedback page; back from there does not return to a sent form. */
function leaveFor(url: typeof ROUTES.feedback | typeof ROUTES.feedbackMine) {
  if (`/${previousRoute()}` === url) void Taro.navigateBack();
  else void Taro.redirectTo({ url });
}

/** The page under this one ('' when none, or outside a page stack). */
function previousRoute(): string {
  try {
    const pages = Taro.getCurrentPages();
    return pages.length > 1 ? (pages[pages.length - 2].route ?? '') : '';
  } catch {
    return '';
  }
}

/** 已提交: what happens next (a person reviews it first, or it is public now), and the ways on. */
export function Posted({ posted }: { posted: PostedAnswer }) {
  return (
    <View className="page feedback-page">
      <View className="card feedback-posted" data-testid="feedback-posted" data-reviewed={posted.reviewed ? 'true' : 'false'}>
        <Text className="feedback-posted__mark">✓</Text>
        <Text className="feedback-posted__title">已提交</Text>
        <Text className="feedback-posted__text" data-testid="feedback-posted-next">
          {posted.reviewed
            ? '感谢你的反馈！品牌审核通过后，其他会员就能看到并点「我也是」。审核结果、官方回复和处理进度都会显示在「我的反馈」里。'
            : '感谢你的反馈！它已公开，其他会员现在就能看到并点「我也是」。官方回复和处理进度会显示在「我的反馈」里。'}
        </Text>
        <View className="feedback-posted__actions">
          <Button type="primary" block onClick={() => leaveFor(ROUTES.feedbackMine)} data-testid="feedback-posted-mine">
            查看我的反馈
          </Button>
          <Button fill="outline" block onClick={() => leaveFor(ROUTES.feedback)} data-testid="feedback-posted-board">
            返回吐槽中心
          </Button>
        </View>
      </View>
    </View>
  );
}
