import { useMemo, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Dialog } from '@nutui/nutui-react-taro';
import { PageState } from '@/components/page-state/page-state';
import type { StaffMember } from '@/services/contracts';
import { useAdminToolsStore } from '@/packages/admin/store';
import { formatDateTime, grantedByText, nameBookOf, roleLabel, shortOpenid, staffErrorText, type NameBook } from '../shared/admin-text';
import { GrantRoleForm } from './grant-role-form';

/** 人员权限: who is staff, granting a role by openid, revoking one. Admins only. */
export function StaffSection() {
  const staff = useAdminToolsStore.use.staffMembers();
  const status = useAdminToolsStore.use.staffStatus();
  const error = useAdminToolsStore.use.staffError();
  const change = useAdminToolsStore.use.staffChange();
  const me = useAdminToolsStore.use.profile();
  const reload = useAdminToolsStore((state) => state.loadStaff);
  const revokeRole = useAdminToolsStore((state) => state.revokeRole);
  const staffNames = useAdminToolsStore.use.staffNames();
  const names = useMemo(() => nameBookOf(staffNames), [staffNames]);
  const [confirming, setConfirming] = useState<StaffMember | null>(null);
  const [revokeError, setRevokeError] = useState('');

  const revoke = async () => {
    if (!confirming) return;
    const person = confirming;
    setRevokeError('');
    const result = await revokeRole(person._id);
    if (result.ok) void Taro.showToast({ title: `已撤销${person.nickname}的权限`, icon: 'success' });
    else setRevokeError(staffErrorText(result.error));
  };

  return (
    <View className="card admin-section" data-testid="staff-section">
      <View className="admin-section__head">
        <Text className="admin-section__title">人员权限</Text>
        <Text className="admin-section__hint">审核员可查看概览；管理员还可管理人员与查看日志</Text>
      </View>
      {status === 'error' ? (
        <PageState compact kind="error" testId="staff-error" title="人员列表加载失败" description={staffErrorText(error)} actionText="重试" onAction={reload} />
      ) : status !== 'ready' ? (
        <PageState compact kind="loading" testId="staff-loading" />
      ) : staff.length === 0 ? (
        <PageState compact kind="empty" testId="staff-empty" title="还没有工作人员" description="用下面的表单授予第一位审核员或管理员。" />
      ) : (
        <View className="staff-list" data-testid="staff-list">
          {staff.map((person) => (
            <StaffRow
              key={person._id}
              person={person}
              names={names}
              isMe={person._id === me?.memberId}
              revoking={change?.kind === 'revoke' && change.openid === person._id}
              busy={change !== null}
              onRevoke={() => {
                setRevokeError('');
                setConfirming(person);
              }}
            />
          ))}
        </View>
      )}
      {revokeError ? (
        <Text className="admin-section__error" data-testid="revoke-error">
          {revokeError}
        </Text>
      ) : null}
      <GrantRoleForm />
      <Dialog
        visible={confirming !== null}
        title="撤销权限"
        content={confirming ? `确定撤销「${confirming.nickname}」的${roleLabel(confirming.role)}权限吗？撤销后对方将无法进入管理后台。` : ''}
        confirmText="撤销"
        cancelText="取消"
        onConfirm={revoke}
        onCancel={() => setConfirming(null)}
        onClose={() => setConfirming(null)}
      />
    </View>
  );
}

interface StaffRowProps {
  person: StaffMember;
  names: NameBook;
  isMe: boolean;
  revoking: boolean;
  busy: boolean;
  onRevoke: () => void;
}

function StaffRow({ person, names, isMe, revoking, busy, onRevoke }: StaffRowProps) {
  return (
    <View className="staff-row" data-testid={`staff-row-${person._id}`} data-role={person.role}>
      <View className="staff-row__main">
        <View className="staff-row__name-line">
          <Text className="staff-row__name">{person.nickname}</Text>
          {isMe ? <Text className="staff-row__me">（我）</Text> : null}
          <Text className={`admin-chip admin-chip--${person.role} staff-row__role`} data-testid={`staff-role-${person._id}`}>
            {roleLabel(person.role)}
          </Text>
        </View>
        <Text className="staff-row__meta">openid {shortOpenid(person._id)}</Text>
        <Text className="staff-row__meta">
          {formatDateTime(person.grantedAt)} 由{grantedByText(person.grantedBy, names)}授予
        </Text>
      </View>
      <Button size="small" fill="outline" type="danger" loading={revoking} disabled={busy} onClick={onRevoke} data-testid={`revoke-${person._id}`}>
        撤销
      </Button>
    </View>
  );
}
