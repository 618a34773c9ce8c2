import { useEffect, useState, type ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { PageState } from '@/components/page-state/page-state';
import type { CloudError } from '@/services/cloud-result';
import type { LoadStatus } from '@/store/kit/load-state';
import { selectIsAdmin, useAdminToolsStore } from '../store';
import { staffErrorText } from './admin-text';
import { StaffGate } from './staff-gate';

// 积分商城管理, 商品与会员价 and 好友助力活动 are one page: a heading with the create button (admins)
// or a read-only note (moderators), the list with its loading, error and empty states, and an edit
// form that replaces the list. Their slices come from one factory (list-slice.ts); this renders them.

/** The page's words and test ids. */
export interface CatalogueWords {
  title: string;
  hint: string;
  create: string;
  readonly: string;
  /** '奖品' for 奖品加载失败. */
  loadFailed: string;
  emptyTitle: string;
  emptyForAdmins: string;
  emptyForModerators: string;
  ids: { page: string; create: string; readonly: string; statusError: string; error: string; loading: string; empty: string; list: string };
  listClass: string;
}

export interface CatalogueSpec<V extends { _id: string }> {
  /** The list slice's names ('Rewards', 'reward'): see list-slice.ts. */
  list: string;
  item: string;
  words: CatalogueWords;
  /** A line under the heading about the whole list (e.g. products whose prices break the rules). */
  notice?: (items: V[]) => ReactNode;
  form: (item: V | null, onDone: () => void) => ReactNode;
  row: (item: V, canEdit: boolean, onEdit: () => void) => ReactNode;
}

/** The form replaces the list: start reading it from its top. */
function scrollToTop() {
  try {
    Promise.resolve(Taro.pageScrollTo({ scrollTop: 0, duration: 0 })).catch(() => undefined);
  } catch {
    // Not available (tests): nothing to scroll.
  }
}

export function CataloguePage<V extends { _id: string }>({ spec }: { spec: CatalogueSpec<V> }) {
  return <StaffGate>{() => <CatalogueArea spec={spec} />}</StaffGate>;
}

function CatalogueArea<V extends { _id: string }>({ spec }: { spec: CatalogueSpec<V> }) {
  const { list, item, words } = spec;
  const use = useAdminToolsStore.use as unknown as Record<string, () => unknown>;
  const Item = `${item[0].toUpperCase()}${item.slice(1)}`;
  const items = use[`admin${list}`]() as V[];
  const status = use[`admin${list}Status`]() as LoadStatus;
  const error = use[`admin${list}Error`]() as CloudError | null;
  const statusError = use[`${item}StatusError`]() as { error: CloudError } | null;
  const load = use[`loadAdmin${list}`]() as () => Promise<void>;
  const clearErrors = use[`clear${Item}Errors`]() as () => void;
  const canEdit = useAdminToolsStore(selectIsAdmin);
  // What the form is open for: a new item (null) or an existing one.
  const [editing, setEditing] = useState<{ item: V | null } | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const open = (next: { item: V | null } | null) => {
    clearErrors();
    setEditing(next);
    scrollToTop();
  };

  if (editing && canEdit) return <View className="page admin-page">{spec.form(editing.item, () => open(null))}</View>;

  return (
    <View className="page admin-page" data-testid={words.ids.page}>
      <View className="card admin-section">
        <View className="admin-section__head">
          <Text className="admin-section__title">{words.title}</Text>
          <Text className="admin-section__hint">{words.hint}</Text>
        </View>
        {spec.notice?.(items)}
        {canEdit ? (
          <Button type="primary" block onClick={() => open({ item: null })} data-testid={words.ids.create}>
            {words.create}
          </Button>
        ) : (
          <Text className="admin-note" data-testid={words.ids.readonly}>
            {words.readonly}
          </Text>
        )}
      </View>
      {statusError ? (
        <Text className="admin-section__error" data-testid={words.ids.statusError}>
          {staffErrorText(statusError.error)}
        </Text>
      ) : null}
      {status === 'error' ? (
        <PageState
          kind="error"
          testId={words.ids.error}
          title={`${words.loadFailed}加载失败`}
          description={staffErrorText(error)}
          actionText="重试"
          onAction={() => void load()}
        />
      ) : status !== 'ready' ? (
        <PageState kind="loading" testId={words.ids.loading} />
      ) : items.length === 0 ? (
        <PageState kind="empty" testId={words.ids.empty} title={words.emptyTitle} description={canEdit ? words.emptyForAdmins : words.emptyForModerators} />
      ) : (
        <View className={words.listClass} data-testid={words.ids.list}>
          {items.map((row) => spec.row(row, canEdit, () => open({ item: row })))}
        </View>
      )}
    </View>
  );
}
