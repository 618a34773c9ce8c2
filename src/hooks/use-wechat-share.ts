import { useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import type { ShareAppMessageHandler, ShareTimelineHandler } from './use-share-card';

/**
 * Registers the page's WeChat share handlers (the 转发 menu and openType="share" buttons, and 分享到
 * 朋友圈). The page's config must set enableShareAppMessage / enableShareTimeline. Wrapped so jest,
 * which runs pages outside Taro's page lifecycle, can stand in (src/test-support/use-wechat-share.ts).
 */
export function useWeChatShare(onAppMessage: ShareAppMessageHandler, onTimeline: ShareTimelineHandler): void {
  useShareAppMessage(onAppMessage);
  useShareTimeline(onTimeline);
}
