import { View, Text } from '@tarojs/components';
import type { ReferralConfig, ReferralConfigView } from '@/services/contracts';
import { FieldInput, FormField } from '../shared/form-field';
import {
  rangeText,
  readReferralSettingsForm,
  REFERRAL_SETTINGS_PATHS,
  referralSettingsFormOf,
  type ReferralSettingsField,
  type ReferralSettingsForm,
} from './referral-settings-form-model';
import { SettingsEditorFrame, SettingsEditorPage, type SettingsEditorSpec, useSettingsEditor } from '../settings/settings-editor-shell';
import '../shared/admin.scss';
import '../shared/tools.scss';

const REFERRAL_SETTINGS: SettingsEditorSpec<ReferralConfig, ReferralSettingsForm> = {
  testIdPrefix: 'referral-settings',
  title: '推荐规则',
  savedNote: '保存后立即生效：新的加入与订单按新窗口归因、按新冻结期确认；奖励按确认时的规则发放。',
  slice: 'adminReferralSettings',
  formOf: referralSettingsFormOf,
  read: readReferralSettingsForm,
  fieldPaths: new Set<string>(Object.values(REFERRAL_SETTINGS_PATHS)),
};

/** 推荐规则: the referral programme's window, hold, reward, daily cap and review thresholds. Admins edit; moderators read. */
export default function ReferralSettingsPage() {
  return <SettingsEditorPage spec={REFERRAL_SETTINGS} editor={ReferralSettingsEditor} />;
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
  const editor = useSettingsEditor(REFERRAL_SETTINGS, view);
  const { form, setForm, errors, readOnly, touched } = editor;

  const setField = (field: ReferralSettingsField) => (value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    touched(REFERRAL_SETTINGS_PATHS[field]);
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
    <SettingsEditorFrame editor={editor}>
      {GROUPS.map((group) => (
        <View key={group.title} className="card admin-section">
          <Text className="form-group__title">{group.title}</Text>
          {group.fields.map(numberField)}
        </View>
      ))}
    </SettingsEditorFrame>
  );
}
