import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Input } from '@nutui/nutui-react-taro';
import type { StaffRole } from '@/services/contracts';
import { useAdminToolsStore } from '@/packages/admin/store';
import { roleLabel, staffErrorText } from '../shared/admin-text';

const ROLE_CHOICES: ReadonlyArray<{ role: StaffRole; hint: string }> = [
  { role: 'moderator', hint: '查看运营概览、审核吐槽' },
  { role: 'admin', hint: '另可管理人员权限、查看操作日志' },
];

/** Grants 审核员 or 管理员 to a person by their openid; the server says whether that person exists. */
export function GrantRoleForm() {
  const grantRole = useAdminToolsStore((state) => state.grantRole);
  const change = useAdminToolsStore.use.staffChange();
  const granting = change?.kind === 'grant';
  const [openid, setOpenid] = useState('');
  const [role, setRole] = useState<StaffRole>('moderator');
  const [error, setError] = useState('');
  const trimmed = openid.trim();

  const submit = async () => {
    if (!trimmed || change) return;
    setError('');
    const result = await grantRole({ openid: trimmed, role });
    if (result.ok) {
      setOpenid('');
      void Taro.showToast({ title: `已授予${roleLabel(result.data.role)}`, icon: 'success' });
    } else {
      setError(staffErrorText(result.error));
    }
  };

  return (
    <View className="grant-form" data-testid="grant-form">
      <Text className="grant-form__title">授予权限</Text>
      <View className="grant-form__input">
        <Input
          value={openid}
          onChange={(value) => {
            setOpenid(value);
            setError('');
          }}
          placeholder="对方的 openid"
          clearable
          maxLength={64}
          data-testid="grant-openid-input"
        />
      </View>
      <View className="grant-form__roles">
        {ROLE_CHOICES.map((choice) => (
          <View
            key={choice.role}
            className={`grant-form__role${role === choice.role ? ' grant-form__role--chosen' : ''}`}
            onClick={() => setRole(choice.role)}
            data-testid={`grant-role-${choice.role}`}
            data-chosen={role === choice.role}
          >
            <Text className="grant-form__role-name">{roleLabel(choice.role)}</Text>
            <Text className="grant-form__role-hint">{choice.hint}</Text>
          </View>
        ))}
      </View>
      {error ? (
        <Text className="admin-section__error" data-testid="grant-error">
          {error}
        </Text>
      ) : null}
      <Button type="primary" block disabled={!trimmed || (change !== null && !granting)} loading={granting} onClick={submit} data-testid="grant-submit">
        授予{roleLabel(role)}权限
      </Button>
    </View>
  );
}
