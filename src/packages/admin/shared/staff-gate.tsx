import { Fragment, type ReactElement } from 'react';
import { StatePage } from '@/components/page-state/page-state';
import { useSession } from '@/hooks/use-session';
import { ROUTES, openPage } from '@/routes';
import type { SessionProfile } from '@/services/contracts';
import { errorText } from '@/utils/error-text';
import { selectIsStaff, useAppStore } from '@/store';

/**
 * Every page of the staff area opens behind this: the session first, then the role. The entry is
 * hidden from customers, but a page can still be opened by its path, so each page checks the role
 * too; the server checks it again on every admin action. `children` renders once a staff member is
 * known, keyed by who they are, so a change of identity starts the page afresh.
 */
export function StaffGate({ children }: { children: (profile: SessionProfile) => ReactElement }) {
  const { status, profile, error, retry } = useSession();
  const isStaff = useAppStore(selectIsStaff);

  if (status === 'error') {
    return <StatePage kind="error" testId="admin-error" title="身份校验失败" description={errorText(error)} actionText="重试" onAction={retry} />;
  }
  if (status !== 'ready' || !profile) {
    return <StatePage kind="loading" testId="admin-loading" />;
  }
  if (!isStaff) {
    return (
      <StatePage
        kind="notice"
        testId="admin-forbidden"
        title="仅限品牌员工访问"
        description="管理后台只对品牌的审核员和管理员开放。"
        actionText="返回首页"
        onAction={() => openPage(ROUTES.home)}
      />
    );
  }
  return <Fragment key={`${profile.memberId}:${profile.role}`}>{children(profile)}</Fragment>;
}
