import { useEffect, useMemo, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { PageState } from '@/components/page-state/page-state';
import type { ReferralConfigView } from '@/services/contracts';
import { selectStaffNames } from '@/store';
import {
  selectAdminReferralSettingsConflict,
  selectAdminReferralSettingsError,
  selectAdminReferralSettingsFieldErrors,
  selectAdminReferralSettingsSaveError,
  selectAdminReferralSettingsSaving,
  selectAdminReferralSettingsStatus,
  selectAdminReferralSettingsView,
  selectCanEditReferralSettings,
  type FieldErrors,
  useAdminToolsStore,
} from '@/store/admin-tools';
import { formatDateTime, nameBookOf, personName, staffErrorText } from './admin-text';
import { FieldInput, FormField } from './form-field';
import { rangeText, readReferralSettingsForm, REFERRAL_SETTINGS_PATHS, referralSettingsFormOf, type ReferralSettingsField, type ReferralSettingsForm } from './referral-settings-form-model';
import { StaffGate } from './staff-gate';
import './index.scss';
import './tools.scss';

/** 推荐规则: the referral programme's window, hold, reward, daily cap and review thresholds. Admins edit; moderators read. */
export default function ReferralSettingsPage() {
  return <StaffGate>{() => <ReferralSettingsArea />}</StaffGate>;
}

function ReferralSettingsArea() {
  const view = useAdminToolsStore(selectAdminReferralSettingsView);
  const status = useAdminToolsStore(selectAdminReferralSettingsStatus);
  const error = useAdminToolsStore(selectAdminReferralSettingsError);
  const load = useAdminToolsStore((state) => state.loadAdminReferralSettings);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <View className="page admin-page" data-testid="referral-settings-page">
      {status === 'error' ? (
        <PageState kind="error" testId="referral-settings-load-error" title="推荐规则加载失败" description={staffErrorText(error)} actionText="重试" onAction={load} />
      ) : status === 'ready' && view ? (
        <ReferralSettingsEditor view={view} />
      ) : (
        <PageState kind="loading" testId="referral-settings-loading" />
      )}
    </View>
  );
}

interface FieldSpec {
  field: ReferralSettingsField;
  label: string;
  unit: string;
  /** One line on what the number does (the range is added from the server's limits). */
  explain: (view: ReferralConfigView) => string;
  type?: 'number' | 'digit';
}

const GROUPS: ReadonlyArray<{ title: string; fields: readonly FieldSpec[] }> = [
  {
    title: '归因与奖励',
    fields: [
      { field: 'attributionWindowDays', label: '归因窗口', unit: '天', explain: () => '好友打开卡片后多少天内加入/下单算你的' },
      { field: 'holdDays', label: '冻结期', unit: '天', explain: (v) => `退款期结束后才确认并发放奖励，不能短于退款期 ${v.refundWindowDays} 天` },
      { field: 'rewardPoints', label: '分享奖励', unit: '积分', explain: () => '每笔确认的好友订单奖励分享者的积分，0 为不奖励' },
      { field: 'minOrderPayYuan', label: '最低实付金额', unit: '元', explain: () => '好友订单实付不低于此金额才算转化', type: 'digit' },
      { field: 'dailyRewardCap', label: '每日奖励上限', unit: '笔', explain: () => '每位分享者每天最多奖励的好友订单，超出的转人工审核' },
    ],
  },
  {
    title: '风控：集中加入',
    fields: [
      { field: 'burstWindowMinutes', label: '统计时段', unit: '分钟', explain: () => '在这段时间内统计同一分享者邀请加入的人数' },
      { field: 'burstMaxReferrals', label: '人数上限', unit: '位', explain: () => '时段内超过此人数，之后的新邀请转人工审核' },
    ],
  },
  {
    title: '风控：沉默邀请',
    fields: [
      { field: 'inactiveMinReferrals', label: '起算人数', unit: '位', explain: () => '分享者至少有这么多位满观察期的邀请时才判断' },
      { field: 'inactiveAfterDays', label: '观察期', unit: '天', explain: () => '好友加入满这么多天后计入判断' },
      { field: 'inactiveMinActivePercent', label: '最低下单比例', unit: '%', explain: () => '其中下过单的好友低于此比例，新邀请转人工审核', type: 'digit' },
    ],
  },
];

function ReferralSettingsEditor({ view }: { view: ReferralConfigView }) {
  const canEdit = useAdminToolsStore(selectCanEditReferralSettings);
  const saving = useAdminToolsStore(selectAdminReferralSettingsSaving);
  const saveError = useAdminToolsStore(selectAdminReferralSettingsSaveError);
  const serverErrors = useAdminToolsStore(selectAdminReferralSettingsFieldErrors);
  const conflict = useAdminToolsStore(selectAdminReferralSettingsConflict);
  const staffNames = useAdminToolsStore(selectStaffNames);
  const save = useAdminToolsStore((state) => state.saveAdminReferralSettings);
  const reload = useAdminToolsStore((state) => state.loadAdminReferralSettings);
  const clearServerError = useAdminToolsStore((state) => state.clearAdminReferralSettingsFieldError);
  const [form, setForm] = useState<ReferralSettingsForm>(() => referralSettingsFormOf(view.config));
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const names = useMemo(() => nameBookOf(staffNames), [staffNames]);
  const readOnly = !canEdit;

  // A saved or reloaded configuration replaces what is on the form.
  useEffect(() => {
    setForm(referralSettingsFormOf(view.config));
    setLocalErrors({});
  }, [view]);

  const errors: FieldErrors = { ...serverErrors, ...localErrors };
  const dirty = JSON.stringify(form) !== JSON.stringify(referralSettingsFormOf(view.config));
  const fieldPaths = new Set<string>(Object.values(REFERRAL_SETTINGS_PATHS));
  const unplaced = Object.entries(serverErrors).filter(([path]) => !fieldPaths.has(path)).map(([, message]) => message);
  const placed = Object.keys(serverErrors).length - unplaced.length;

  const setField = (field: ReferralSettingsField) => (value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    const path = REFERRAL_SETTINGS_PATHS[field];
    clearServerError(path);
    setLocalErrors(({ [path]: _gone, ...rest }) => rest);
  };

  const submit = async () => {
    const read = readReferralSettingsForm(form);
    if (!read.ok) {
      setLocalErrors(read.errors);
      return;
    }
    const result = await save(read.config);
    if (result.ok) void Taro.showToast({ title: '推荐规则已保存', icon: 'success' });
  };

  const numberField = ({ field, label, unit, explain, type = 'number' }: FieldSpec) => {
    const path = REFERRAL_SETTINGS_PATHS[field];
    // Moderators see the explanation too: they answer sharers' questions about these numbers.
    const hint = readOnly ? explain(view) : `${explain(view)}（${rangeText(field, view.limits)} ${unit}）`;
    return (
      <FormField key={field} label={`${label}（${unit}）`} hint={hint} error={errors[path]} errorTestId={`referral-settings-error-${path}`}>
        {readOnly ? (
          <Text className="form-field__value" data-testid={`referral-settings-${field}`}>
            {form[field]}
          </Text>
        ) : (
          <FieldInput value={form[field]} onChange={setField(field)} type={type} maxLength={9} testId={`referral-settings-${field}`} />
        )}
      </FormField>
    );
  };

  return (
    <>
      <View className="card admin-section">
        <View className="admin-section__head">
          <Text className="admin-section__title">推荐规则</Text>
          <Text className="admin-section__hint" data-testid="referral-settings-version">
            {view.isDefault
              ? '当前使用默认规则，尚未保存过'
              : `版本 ${view.version} · ${formatDateTime(view.updatedAt ?? '')} 由${personName(view.updatedBy, names)}保存`}
          </Text>
        </View>
        {readOnly ? (
          <Text className="admin-note" data-testid="referral-settings-readonly">
            你是审核员：可以查看规则，修改需由管理员操作。
          </Text>
        ) : (
          <Text className="admin-note">保存后立即生效：新的加入与订单按新窗口归因、按新冻结期确认；奖励按确认时的规则发放。</Text>
        )}
      </View>

      <View className="ladder-form" data-testid="referral-settings-form" data-readonly={readOnly}>
        {GROUPS.map((group) => (
          <View key={group.title} className="card admin-section">
            <Text className="form-group__title">{group.title}</Text>
            {group.fields.map(numberField)}
          </View>
        ))}

        {conflict ? (
          <View className="card admin-section ladder-conflict" data-testid="referral-settings-conflict">
            <Text className="admin-section__error">{staffErrorText(saveError)}。规则已被其他管理员修改，你的修改尚未保存。请重新加载最新规则后再修改。</Text>
            <Button type="primary" block onClick={() => void reload()} data-testid="referral-settings-reload">
              重新加载
            </Button>
          </View>
        ) : saveError ? (
          <Text className="admin-section__error" data-testid="referral-settings-error">
            {placed > 0 ? `有 ${placed} 项需要修改，见上方标红的项目。` : ''}
            {unplaced.length > 0 ? unplaced.join('；') : placed > 0 ? '' : staffErrorText(saveError)}
          </Text>
        ) : Object.keys(localErrors).length > 0 ? (
          <Text className="admin-section__error" data-testid="referral-settings-error">
            请按提示修改标红的项目。
          </Text>
        ) : null}

        {readOnly ? null : (
          <View className="ladder-form__actions">
            <Button
              fill="outline"
              disabled={!dirty || saving}
              onClick={() => {
                setForm(referralSettingsFormOf(view.config));
                setLocalErrors({});
              }}
              data-testid="referral-settings-reset"
            >
              还原
            </Button>
            <Button type="primary" loading={saving} disabled={saving || conflict} onClick={() => void submit()} data-testid="referral-settings-save">
              保存规则
            </Button>
          </View>
        )}
      </View>
    </>
  );
}
