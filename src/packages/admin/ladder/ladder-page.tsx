import { View, Text } from '@tarojs/components';
import type { LadderConfig, LadderConfigView, TierKey } from '@/services/contracts';
import { FieldInput, FormField, ToggleChip } from '../shared/form-field';
import {
  LADDER_NUMBER_PATHS,
  LADDER_TIERS,
  drawsPath,
  ladderFormOf,
  multiplierPath,
  perksPath,
  readLadderForm,
  type LadderForm,
  type LadderNumberField,
} from './ladder-form-model';
import { SettingsEditorFrame, SettingsEditorPage, type SettingsEditorSpec, useSettingsEditor } from '../settings/settings-editor-shell';
import '../shared/admin.scss';
import '../shared/tools.scss';
import './ladder.scss';

const LADDER_SETTINGS: SettingsEditorSpec<LadderConfig, LadderForm> = {
  testIdPrefix: 'ladder-config',
  title: '等级规则',
  savedNote: '保存后，会员在下一次订单变动或当晚的定时评估时按新规则调整等级。',
  slice: 'adminLadder',
  formOf: ladderFormOf,
  read: readLadderForm,
  fieldPaths: new Set<string>([
    ...Object.values(LADDER_NUMBER_PATHS),
    ...LADDER_TIERS.flatMap((tier) => [multiplierPath(tier), perksPath(tier), drawsPath(tier)]),
  ]),
};

/** 等级规则: the ladder's periods, thresholds and per-tier benefits. Admins edit; moderators read. */
export default function LadderConfigPage() {
  return <SettingsEditorPage spec={LADDER_SETTINGS} editor={LadderEditor} />;
}

const NUMBER_FIELDS: ReadonlyArray<{ field: LadderNumberField; label: string; unit: string; hint: string }> = [
  { field: 'periodDays', label: '统计周期', unit: '天', hint: '只统计这段时间内已支付且未退款的订单（1～365 天）' },
  { field: 'graceDays', label: '保级期', unit: '天', hint: '不再满足条件时，保留原等级的天数（1～365 天）' },
];

const THRESHOLD_FIELDS: ReadonlyArray<{ field: LadderNumberField; label: string; hint: string }> = [
  { field: 'buyerOrders', label: '已购会员：订单数', hint: '统计周期内至少几笔订单' },
  { field: 'repeatBuyerOrders', label: '复购会员：订单数', hint: '须大于已购会员的订单数' },
  { field: 'kocFriends', label: '品牌KOC：好友数', hint: '在复购会员基础上，通过分享购买的不同好友数' },
];

function LadderEditor({ view }: { view: LadderConfigView }) {
  const editor = useSettingsEditor(LADDER_SETTINGS, view);
  const { form, setForm, errors, readOnly, touched } = editor;

  const setNumber = (field: LadderNumberField) => (value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    touched(LADDER_NUMBER_PATHS[field]);
  };
  const setBenefit = (tier: TierKey, change: Partial<LadderForm['benefits'][TierKey]>, path: string) => {
    setForm((current) => ({ ...current, benefits: { ...current.benefits, [tier]: { ...current.benefits[tier], ...change } } }));
    touched(path);
  };

  const numberField = (field: LadderNumberField, label: string, hint: string, unit = '') => {
    const path = LADDER_NUMBER_PATHS[field];
    return (
      <FormField
        key={field}
        label={unit ? `${label}（${unit}）` : label}
        hint={readOnly ? undefined : hint}
        error={errors[path]}
        errorTestId={`ladder-error-${path}`}
      >
        {readOnly ? (
          <Text className="form-field__value" data-testid={`ladder-${field}`}>
            {form[field]}
          </Text>
        ) : (
          <FieldInput value={form[field]} onChange={setNumber(field)} type="number" maxLength={4} testId={`ladder-${field}`} />
        )}
      </FormField>
    );
  };

  return (
    <SettingsEditorFrame editor={editor}>
      <View className="card admin-section">
        <Text className="form-group__title">周期</Text>
        {NUMBER_FIELDS.map(({ field, label, unit, hint }) => numberField(field, label, hint, unit))}
      </View>

      <View className="card admin-section">
        <Text className="form-group__title">升级门槛</Text>
        {THRESHOLD_FIELDS.map(({ field, label, hint }) => numberField(field, label, hint))}
      </View>

      <View className="card admin-section">
        <Text className="form-group__title">各等级权益</Text>
        {LADDER_TIERS.map((tier, index) => {
          const step = view.steps.find((s) => s.tier === tier);
          const b = form.benefits[tier];
          const toggleError = errors[perksPath(tier)] ?? errors[drawsPath(tier)];
          return (
            <View key={tier} className="tier-benefits" data-testid={`ladder-tier-${tier}`}>
              <View className="tier-benefits__head">
                <Text className="funnel__step">{index + 1}</Text>
                <Text className="tier-benefits__name">{step?.name ?? tier}</Text>
              </View>
              {step ? <Text className="tier-benefits__requirement">{step.requirement}</Text> : null}
              <FormField
                label="积分倍数（倍）"
                hint={readOnly ? undefined : '1～5 倍，最多三位小数；高等级不低于低等级'}
                error={errors[multiplierPath(tier)]}
                errorTestId={`ladder-error-${multiplierPath(tier)}`}
              >
                {readOnly ? (
                  <Text className="form-field__value" data-testid={`ladder-multiplier-${tier}`}>
                    {b.multiplier} 倍
                  </Text>
                ) : (
                  <FieldInput
                    value={b.multiplier}
                    onChange={(value) => setBenefit(tier, { multiplier: value }, multiplierPath(tier))}
                    type="digit"
                    maxLength={5}
                    testId={`ladder-multiplier-${tier}`}
                  />
                )}
              </FormField>
              <View className="tier-benefits__toggles">
                <ToggleChip
                  label="可解锁福利"
                  checked={b.perksEligible}
                  readOnly={readOnly}
                  onChange={(perksEligible) => setBenefit(tier, { perksEligible }, perksPath(tier))}
                  testId={`ladder-perks-${tier}`}
                />
                <ToggleChip
                  label="可参与抽签"
                  checked={b.drawsEligible}
                  readOnly={readOnly}
                  onChange={(drawsEligible) => setBenefit(tier, { drawsEligible }, drawsPath(tier))}
                  testId={`ladder-draws-${tier}`}
                />
              </View>
              {toggleError ? (
                <Text className="form-field__error" data-testid={`ladder-error-benefits.${tier}`}>
                  {toggleError}
                </Text>
              ) : null}
            </View>
          );
        })}
      </View>
    </SettingsEditorFrame>
  );
}
