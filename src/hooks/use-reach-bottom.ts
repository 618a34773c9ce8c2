import { useReachBottom as useTaroReachBottom } from '@tarojs/taro';

/**
 * Runs `callback` when the page is scrolled to its bottom (Taro's onReachBottom), for lists that
 * page on as the person scrolls. Outside Taro's page runtime (jest, where @tarojs/taro is the bare
 * h5 API without React's hooks) there is no scrolling page: the list's 加载更多 button pages on.
 */
export function useReachBottom(callback: () => void): void {
  // eslint-disable-next-line react-hooks/rules-of-hooks -- there for the app's whole life or never: the order of hooks never changes
  if (typeof useTaroReachBottom === 'function') useTaroReachBottom(callback);
}
