import { Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import './load-more.scss';

export type LoadMoreStatus = 'idle' | 'loading' | 'error' | 'ready';

interface Props {
  status: LoadMoreStatus | string;
  /** Shown when the last page request failed (already in Chinese). */
  errorText: string;
  hasMore: boolean;
  onLoadMore: () => void;
  /** The page's own error-line class, so the message matches the page's other errors. */
  errorClassName: string;
  testIds: { error: string; more: string; end: string };
}

/** The foot of a paged list: 加载更多 (or 重新加载 after a failure), or 没有更早的记录了 at the end. */
export function LoadMoreFooter({ status, errorText, hasMore, onLoadMore, errorClassName, testIds }: Props) {
  return (
    <>
      {status === 'error' ? (
        <Text className={errorClassName} data-testid={testIds.error}>
          {errorText}
        </Text>
      ) : null}
      {hasMore ? (
        <Button className="load-more__button" block fill="outline" loading={status === 'loading'} onClick={onLoadMore} data-testid={testIds.more}>
          {status === 'error' ? '重新加载' : '加载更多'}
        </Button>
      ) : (
        <Text className="load-more__end" data-testid={testIds.end}>
          没有更早的记录了
        </Text>
      )}
    </>
  );
}
