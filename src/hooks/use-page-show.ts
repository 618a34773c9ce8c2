import { useDidShow } from '@tarojs/taro';

/**
 * Runs `callback` each time the page is shown (first show included): a tab page stays mounted,
 * so this is how it learns that something changed elsewhere. Wrapped so jest, which runs pages
 * outside Taro's page lifecycle, can stand in (src/test-support/use-page-show.ts).
 */
export function usePageShow(callback: () => void): void {
  useDidShow(callback);
}
