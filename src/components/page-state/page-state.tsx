import { View } from '@tarojs/components';
import { Button, Empty, Loading } from '@nutui/nutui-react-taro';
import './page-state.scss';

// The non-happy states of a page: loading, failed (with retry), nothing to show, or a notice
// such as "coming soon". One component so every page looks and reads the same in those moments.

export type PageStateKind = 'loading' | 'error' | 'empty' | 'notice';

export interface PageStateProps {
  kind: PageStateKind;
  title?: string;
  description?: string;
  actionText?: string;
  onAction?: () => void;
  testId?: string;
  /** Inside a card section rather than filling a page: less padding. */
  compact?: boolean;
}

// NutUI's Empty loads its default pictures from a remote host; a local mark avoids that.
const MARK_BY_KIND: Record<Exclude<PageStateKind, 'loading'>, string> = { error: '!', empty: '∅', notice: 'i' };

export function PageState({ kind, title, description, actionText, onAction, testId, compact = false }: PageStateProps) {
  const size = compact ? ' page-state--compact' : '';
  if (kind === 'loading') {
    return (
      <View className={`page-state page-state--loading${size}`} data-testid={testId ?? 'page-loading'}>
        <Loading type="circular" direction="vertical">
          {title ?? '加载中…'}
        </Loading>
      </View>
    );
  }
  return (
    <View className={`page-state page-state--${kind}${size}`} data-testid={testId ?? `page-${kind}`}>
      <Empty
        image={<View className={`page-state__mark page-state__mark--${kind}`}>{MARK_BY_KIND[kind]}</View>}
        imageSize={64}
        title={title}
        description={description}
      />
      {actionText && onAction ? (
        <Button className="page-state__action" type="primary" onClick={onAction} data-testid={`${testId ?? `page-${kind}`}-action`}>
          {actionText}
        </Button>
      ) : null}
    </View>
  );
}

/** A page that is only one of those states (nothing loaded yet, nothing to show, no access). */
export function StatePage(props: PageStateProps) {
  return (
    <View className="page">
      <PageState {...props} />
    </View>
  );
}
