import { useEffect, useMemo, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { PageState } from '@/components/page-state/page-state';
import type { LadderConfigView, TierKey } from '@/services/contracts';
import { selectStaffNames } from '@/store';
import { selectAdminLadderConflict, selectAdminLadderError, selectAdminLadderFieldErrors, selectAdminLadderSaveError, selectAdminLadderSaving, selectAdminLadderStatus, selectAdminLadderView, selectCanEditLadder, type FieldErrors, useAdminToolsStore } from '@/store/admin-tools';
import { formatDateTime, nameBookOf, personName, staffErrorText } from './admin-text';
import { FieldInput, FormField, ToggleChip } from './form-field';
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
import { StaffGate } from './staff-gate';
import './index.scss';
import './tools.scss';

/** 等级规则: the ladder's periods, thresholds and per-tier benefits. Admins edit; moderators read. */
export default function LadderConfigPage() {
  return <StaffGate>{() => <LadderArea />}</StaffGate>;
}

function LadderArea() {
  const view = useAdminToolsStore(selectAdminLadderView);
  const status = useAdminToolsStore(selectAdminLadderStatus);
  const error = useAdminToolsStore(selectAdminLadderError);
  const load = useAdminToolsStore((state) => state.loadAdminLadder);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <View className="page admin-page" data-testid="ladder-config-page">
      {status === 'error' ? (
        <PageState kind="error" testId="ladder-config-load-error" title="等级规则加载失败" description={staffErrorText(error)} actionText="重试" onAction={load} />
      ) : status === 'ready' && view ? (
        <LadderEditor view={view} />
      ) : (
        <PageState kind="loading" testId="ladder-config-loading" />
      )}
    </View>
  );
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
  const canEdit = useAdminToolsStore(selectCanEditLadder);
  const saving = useAdminToolsStore(selectAdminLadderSaving);
  const saveError = useAdminToolsStore(selectAdminLadderSaveError);
  const serverErrors = useAdminToolsStore(selectAdminLadderFieldErrors);
  const conflict = useAdminToolsStore(selectAdminLadderConflict);
  const staffNames = useAdminToolsStore(selectStaffNames);
  const save = useAdminToolsStore((state) => state.saveAdminLadder);
  const reload = useAdminToolsStore((state) => state.loadAdminLadder);
  const clearServerError = useAdminToolsStore((state) => state.clearAdminLadderFieldError);
  const [form, setForm] = useState<LadderForm>(() => ladderFormOf(view.config));
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const names = useMemo(() => nameBookOf(staffNames), [staffNames]);
  const readOnly = !canEdit;

  // A saved or reloaded configuration replaces what is on the form.
  useEffect(() => {
    setForm(ladderFormOf(view.config));
    setLocalErrors({});
  }, [view]);

  const errors: FieldErrors = { ...serverErrors, ...localErrors };
  const dirty = JSON.stringify(form) !== JSON.stringify(ladderFormOf(view.config));
  const fieldPaths = new Set<string>([
    ...Object.values(LADDER_NUMBER_PATHS),
    ...LADDER_TIERS.flatMap((tier) => [multiplierPath(tier), perksPath(tier), drawsPath(tier)]),
  ]);
  const unplaced = Object.entries(serverErrors).filter(([path]) => !fieldPaths.has(path)).map(([, message]) => message);
  const placed = Object.keys(serverErrors).length - unplaced.length;

  const touched = (path: string) => {
    clearServerError(path);
    setLocalErrors(({ [path]: _gone, ...rest }) => rest);
  };
  const setNumber = (field: LadderNumberField) => (value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    touched(LADDER_NUMBER_PATHS[field]);
  };
  const setBenefit = (tier: TierKey, change: Partial<LadderForm['benefits'][TierKey]>, path: string) => {
    setForm((current) => ({ ...current, benefits: { ...current.benefits, [tier]: { ...current.benefits[tier], ...change } } }));
    touched(path);
  };

  const submit = async () => {
    const read = readLadderForm(form);
    if (!read.ok) {
      setLocalErrors(read.errors);
      return;
    }
    const result = await save(read.config);
    if (result.ok) void Taro.showToast({ title: '等级规则已保存', icon: 'success' });
  };

  const numberField = (field: LadderNumberField, label: string, hint: string, unit = '') => {
    const path = LADDER_NUMBER_PATHS[field];
    return (
      <FormField key={field} label={unit ? `${label}（${unit}）` : label} hint={readOnly ? undefined : hint} error={errors[path]} errorTestId={`ladder-error-${path}`}>
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
    <>
      <View className="card admin-section">
        <View className="admin-section__head">
          <Text className="admin-section__title">等级规则</Text>
          <Text className="admin-section__hint" data-testid="ladder-config-version">
            {view.isDefault
              ? '当前使用默认规则，尚未保存过'
              : `版本 ${view.version} · ${formatDateTime(view.updatedAt ?? '')} 由${personName(view.updatedBy, names)}保存`}
          </Text>
        </View>
        {readOnly ? (
          <Text className="admin-note" data-testid="ladder-config-readonly">
            你是审核员：可以查看规则，修改需由管理员操作。
          </Text>
        ) : (
          <Text className="admin-note">保存后，会员在下一次订单变动或当晚的定时评估时按新规则调整等级。</Text>
        )}
      </View>

      <View className="ladder-form" data-testid="ladder-config-form" data-readonly={readOnly}>
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
                <FormField label="积分倍数（倍）" hint={readOnly ? undefined : '1～5 倍，最多三位小数；高等级不低于低等级'} error={errors[multiplierPath(tier)]} errorTestId={`ladder-error-${multiplierPath(tier)}`}>
                  {readOnly ? (
                    <Text className="form-field__value" data-testid={`ladder-multiplier-${tier}`}>
                      {b.multiplier} 倍
                    </Text>
                  ) : (
                    <FieldInput value={b.multiplier} onChange={(value) => setBenefit(tier, { multiplier: value }, multiplierPath(tier))} type="digit" maxLength={5} testId={`ladder-multiplier-${tier}`} />
                  )}
                </FormField>
                <View className="tier-benefits__toggles">
                  <ToggleChip label="可解锁福利" checked={b.perksEligible} readOnly={readOnly} onChange={(perksEligible) => setBenefit(tier, { perksEligible }, perksPath(tier))} testId={`ladder-perks-${tier}`} />
                  <ToggleChip label="可参与抽签" checked={b.drawsEligible} readOnly={readOnly} onChange={(drawsEligible) => setBenefit(tier, { drawsEligible }, drawsPath(tier))} testId={`ladder-draws-${tier}`} />
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

        {conflict ? (
          <View className="card admin-section ladder-conflict" data-testid="ladder-config-conflict">
            <Text className="admin-section__error">{staffErrorText(saveError)}。规则已被其他管理员修改，你的修改尚未保存。请重新加载最新规则后再修改。</Text>
            <Button type="primary" block onClick={() => void reload()} data-testid="ladder-config-reload">
              重新加载
            </Button>
          </View>
        ) : saveError ? (
          <Text className="admin-section__error" data-testid="ladder-config-error">
            {placed > 0 ? `有 ${placed} 项需要修改，见上方标红的项目。` : ''}
            {unplaced.length > 0 ? unplaced.join('；') : placed > 0 ? '' : staffErrorText(saveError)}
          </Text>
        ) : Object.keys(localErrors).length > 0 ? (
          <Text className="admin-section__error" data-testid="ladder-config-error">
            请按提示修改标红的项目。
          </Text>
        ) : null}

        {readOnly ? null : (
          <View className="ladder-form__actions">
            <Button fill="outline" disabled={!dirty || saving} onClick={() => {
                setForm(ladderFormOf(view.config));
                setLocalErrors({});
              }} data-testid="ladder-config-reset">
              还原
            </Button>
            <Button type="primary" loading={saving} disabled={saving || conflict} onClick={() => void submit()} data-testid="ladder-config-save">
              保存规则
            </Button>
          </View>
        )}
      </View>
    </>
  );
}
