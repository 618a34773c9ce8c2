import type { ShareAppMessageHandler, ShareTimelineHandler } from '@/hooks/use-share-card';

// jest only: pages run outside Taro's page lifecycle, so "WeChat asks the page for its card" is
// something a test does by calling shareAppMessage() / shareTimeline().
let appMessage: ShareAppMessageHandler | null = null;
let timeline: ShareTimelineHandler | null = null;

export function useWeChatShare(onAppMessage: ShareAppMessageHandler, onTimeline: ShareTimelineHandler): void {
  appMessage = onAppMessage;
  timeline = onTimeline;
}

/** What the mounted page hands WeChat for 转发 (from the menu, or a share button with its dataset). */
export function shareAppMessage(from: { from?: string; target?: { dataset?: Record<string, string> } } = { from: 'menu' }) {
  if (!appMessage) throw new Error('no page registered a share handler');
  return appMessage(from);
}

export function shareTimeline() {
  if (!timeline) throw new Error('no page registered a timeline handler');
  return timeline();
}
