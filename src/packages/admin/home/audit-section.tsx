import { useMemo } from 'react';
import { View, Text } from '@tarojs/components';
import { LoadMoreFooter } from '@/components/load-more/load-more';
import { PageState } from '@/components/page-state/page-state';
import type { AuditEntry } from '@/services/contracts';
import { useAdminToolsStore } from '@/packages/admin/store';
import { actionText, actorText, formatDateTime, nameBookOf, outcomeText, repeatText, staffErrorText, type NameBook } from '../shared/admin-text';

/** 操作日志: every admin action, allowed or not, newest first. Admins only. */
export function AuditSection() {
  const entries = useAdminToolsStore.use.auditEntries();
  const status = useAdminToolsStore.use.auditStatus();
  const error = useAdminToolsStore.use.auditError();
  const hasMore = useAdminToolsStore.use.auditHasMore();
  const moreStatus = useAdminToolsStore.use.auditMoreStatus();
  const moreError = useAdminToolsStore.use.auditMoreError();
  const staffNames = useAdminToolsStore.use.staffNames();
  const reload = useAdminToolsStore((state) => state.loadAuditLog);
  const loadMore = useAdminToolsStore((state) => state.loadMoreAudit);
  const changesOnly = useAdminToolsStore.use.auditChangesOnly();
  const setChangesOnly = useAdminToolsStore((state) => state.setAuditChangesOnly);
  const names = useMemo(() => nameBookOf(staffNames), [staffNames]);

  return (
    <View className="card admin-section" data-testid="audit-log">
      <View className="admin-section__head">
        <Text className="admin-section__title">操作日志</Text>
        <Text className="admin-section__hint">后台的每一次操作，无论成功与否，都会记录</Text>
        <Text
          className={`admin-chip audit-filter${changesOnly ? ' audit-filter--on' : ''}`}
          onClick={() => void setChangesOnly(!changesOnly)}
          data-testid="audit-filter-changes"
          data-on={changesOnly ? 'true' : 'false'}
        >
          {changesOnly ? '只看变更操作（点此显示查看记录）' : '显示全部（点此只看变更）'}
        </Text>
      </View>
      {status === 'error' ? (
        <PageState compact kind="error" testId="audit-error" title="日志加载失败" description={staffErrorText(error)} actionText="重试" onAction={reload} />
      ) : status !== 'ready' ? (
        <PageState compact kind="loading" testId="audit-loading" />
      ) : entries.length === 0 ? (
        <PageState compact kind="empty" testId="audit-empty" title="暂无操作记录" />
      ) : (
        <>
          <View className="audit-list">
            {entries.map((entry, index) => (
              <AuditRow key={entry._id ?? `${entry.at}-${index}`} entry={entry} names={names} />
            ))}
          </View>
          <LoadMoreFooter
            status={moreStatus}
            errorText={staffErrorText(moreError)}
            hasMore={hasMore}
            onLoadMore={loadMore}
            errorClassName="admin-section__error"
            testIds={{ error: 'audit-more-error', more: 'audit-load-more', end: 'audit-end' }}
          />
        </>
      )}
    </View>
  );
}

function AuditRow({ entry, names }: { entry: AuditEntry; names: NameBook }) {
  const repeated = repeatText(entry);
  return (
    <View className="audit-row" data-testid="audit-entry" data-action={entry.action} data-outcome={entry.outcome}>
      <View className="audit-row__line">
        <Text className="audit-row__who">{actorText(entry, names)}</Text>
        <Text className={`admin-chip admin-chip--${entry.outcome} audit-row__outcome`}>{outcomeText(entry)}</Text>
        {repeated ? (
          <Text className="audit-row__count" data-testid="audit-count">
            {repeated}
          </Text>
        ) : null}
      </View>
      <Text className="audit-row__what">{actionText(entry, names)}</Text>
      <Text className="audit-row__time">
        {repeated && entry.lastAt ? `${formatDateTime(entry.at)} 至 ${formatDateTime(entry.lastAt)}` : formatDateTime(entry.at)}
      </Text>
    </View>
  );
}
