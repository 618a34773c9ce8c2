import type { ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import { type AdminPerkView, type FieldErrors, useAdminToolsStore } from '@/packages/admin/store';
import { CouponTermsFields, type FrameCouponField } from '../shared/coupon-terms-fields';
import { EditFormFooter } from '../shared/edit-form-footer';
import { FieldInput, FormField } from '../shared/form-field';
import { ENGAGEMENT_CHOICES, KIND_CHOICES, PERK_TIER_CHOICES, perkFormOf, readPerkForm, type PerkForm } from './perk-form-model';
import { useEditForm } from '../shared/use-edit-form';

/** The server's paths each field of the form shows the messages of. */
const FIELD_PATHS = [
  'title',
  'description',
  'kind',
  'coupon',
  'coupon.valueFen',
  'coupon.minSpendFen',
  'coupon.validDays',
  'content',
  'requiredFriends',
  'engagement',
  'minTier',
  'startsAt',
  'endsAt',
  'sort',
] as const;
type FieldPath = (typeof FIELD_PATHS)[number];
const OWNED: ReadonlySet<string> = new Set(FIELD_PATHS);

/**
 * WeChat's rule in words, at the top of the form: staff must understand what counts before they
 * configure a perk, and why there is no "share N times" option (诱导分享 gets mini-programs banned).
 */
export function PerkRuleExplainer() {
  return (
    <View className="perk-rule" data-testid="admin-perk-rule-explainer">
      <Text className="perk-rule__title">规则：只有真实加入的好友才算数</Text>
      <Text className="perk-rule__line">
        会员把活动卡片或海报发给好友；好友通过这位会员自己的卡片或海报进入小程序，并在活动期间加入会员（若选择「加入会员并完成首单」，还需完成一笔已支付、未退款的订单），才算
        1 位助力好友。
      </Text>
      <Text className="perk-rule__line">每位好友只算一次，且只算给最先邀请他的会员；被风控暂停审核中的邀请不计入。</Text>
      <Text className="perk-rule__line perk-rule__line--warn">
        仅分享、转发到群、好友打开卡片都不计入。微信禁止以分享为条件发放奖励或解锁内容（诱导分享），违规的小程序会被限制分享甚至封禁，所以这里没有「分享 N 次 /
        分享到 N 个群」的选项。
      </Text>
    </View>
  );
}

/** One field: its label, the control, then each message about it (or its hint). */
function PerkField({ name, label, hint, errors, children }: { name: FieldPath; label: string; hint?: string; errors: FieldErrors; children: ReactNode }) {
  return (
    <FormField testId={`admin-perk-field-${name}`} label={label} hint={hint} error={errors[name]} errorTestId="admin-perk-error" errorPath={name}>
      {children}
    </FormField>
  );
}

function Choices<T extends string>({
  choices,
  value,
  onChange,
  testIdPrefix,
}: {
  choices: ReadonlyArray<{ value: T; label: string }>;
  value: T;
  onChange: (value: T) => void;
  testIdPrefix: string;
}) {
  return (
    <View className="choice-row choice-row--wrap">
      {choices.map((choice) => (
        <Text
          key={choice.value}
          className={`choice${value === choice.value ? ' choice--chosen' : ''}`}
          onClick={() => onChange(choice.value)}
          data-testid={`${testIdPrefix}-${choice.value}`}
          data-chosen={value === choice.value}
        >
          {choice.label}
        </Text>
      ))}
    </View>
  );
}

/** Creates a perk (`perk` null; it starts switched off) or edits one. Coupon amounts typed in yuan, sent as integer fen. */
export function PerkEditForm({ perk, onDone }: { perk: AdminPerkView | null; onDone: () => void }) {
  const saving = useAdminToolsStore.use.perkSaving();
  const saveError = useAdminToolsStore.use.perkSaveError();
  const serverErrors = useAdminToolsStore.use.perkFieldErrors();
  const savePerk = useAdminToolsStore((state) => state.savePerk);
  const clearServerError = useAdminToolsStore((state) => state.clearPerkFieldError);
  const { form, errors, change, submit, formError } = useEditForm({
    initial: () => perkFormOf(perk),
    read: (typed: PerkForm) => readPerkForm(typed, perk),
    save: savePerk,
    saveError,
    serverErrors,
    clearServerError,
    owns: (path) => OWNED.has(path),
    savedToast: perk ? '活动已保存' : '活动已创建',
    onDone,
  });

  type TextField = 'title' | 'description' | 'content' | 'requiredFriends' | 'startsAt' | 'endsAt' | 'sort';
  const text = (field: TextField, path: FieldPath, options: { type?: 'text' | 'number' | 'digit'; placeholder?: string; maxLength?: number } = {}) => (
    <FieldInput value={form[field]} onChange={change(field, [path])} testId={`admin-perk-input-${path}`} {...options} />
  );
  const couponField: FrameCouponField = ({ path, label, hint, input }) => (
    <PerkField name={path} label={label} hint={hint} errors={errors}>
      {input}
    </PerkField>
  );

  return (
    <View className="card admin-section perk-form" data-testid="admin-perk-form" data-mode={perk ? 'edit' : 'create'}>
      <View className="admin-section__head">
        <Text className="admin-section__title">{perk ? `编辑活动：${perk.title}` : '新建好友助力活动'}</Text>
        <Text className="admin-section__hint">
          {perk ? '保存后立即对会员生效；开启或关闭请在列表中操作' : '新活动保存后为关闭状态，在列表中开启后会员可见'}
        </Text>
      </View>

      <PerkRuleExplainer />
      {perk ? (
        <Text className="perk-admin__rule" data-testid="admin-perk-current-rule">
          会员现在看到的规则：{perk.rule}
        </Text>
      ) : null}

      <PerkField name="title" label="活动名称" errors={errors}>
        {text('title', 'title', { placeholder: '例如 邀请 3 位好友得 20 元券', maxLength: 30 })}
      </PerkField>
      <PerkField name="description" label="活动说明（选填）" hint="会员在活动卡片上看到的说明" errors={errors}>
        {text('description', 'description', { placeholder: '例如 好友加入会员即可帮你助力', maxLength: 200 })}
      </PerkField>

      <PerkField name="requiredFriends" label="需要的好友人数" hint="1～20 位；同一位好友只算一次" errors={errors}>
        {text('requiredFriends', 'requiredFriends', { type: 'number', placeholder: '例如 3', maxLength: 2 })}
      </PerkField>
      <PerkField name="engagement" label="好友怎样才算助力" hint="好友须通过会员自己的卡片或海报进入；仅分享或打开不算" errors={errors}>
        <Choices
          choices={ENGAGEMENT_CHOICES.map(({ engagement, label }) => ({ value: engagement, label }))}
          value={form.engagement}
          onChange={change('engagement', ['engagement'])}
          testIdPrefix="admin-perk-engagement"
        />
      </PerkField>

      <PerkField name="kind" label="解锁后的奖励" errors={errors}>
        <Choices
          choices={KIND_CHOICES.map(({ kind, label }) => ({ value: kind, label }))}
          value={form.kind}
          onChange={change('kind', ['kind', 'coupon', 'content'])}
          testIdPrefix="admin-perk-kind"
        />
      </PerkField>
      {form.kind === 'coupon' ? (
        <View className="reward-form__coupon" data-testid="admin-perk-field-coupon" data-invalid={errors.coupon ? 'true' : 'false'}>
          <Text className="form-group__title">优惠券（解锁后会员领取，发到「我的券」）</Text>
          {errors.coupon ? (
            <Text className="form-field__error" data-testid="admin-perk-error" data-path="coupon">
              {errors.coupon}
            </Text>
          ) : null}
          <CouponTermsFields
            values={form}
            onChange={(field, path) => change(field, [path])}
            frame={couponField}
            testIds={{
              valueYuan: 'admin-perk-input-coupon.valueFen',
              minSpendYuan: 'admin-perk-input-coupon.minSpendFen',
              validDays: 'admin-perk-input-coupon.validDays',
            }}
            minSpendPlaceholder="例如 59"
          />
        </View>
      ) : (
        <PerkField name="content" label="专属内容" hint="解锁后才对该会员显示，最多 500 个字" errors={errors}>
          {text('content', 'content', { placeholder: '例如 冲煮笔记、隐藏菜单、线下活动暗号', maxLength: 500 })}
        </PerkField>
      )}

      <PerkField name="minTier" label="参与门槛" hint="该等级及以上的会员可参与；该等级还须在「等级规则」中开启好友助力权益" errors={errors}>
        <Choices
          choices={PERK_TIER_CHOICES.map(({ tier, label }) => ({ value: tier, label }))}
          value={form.minTier}
          onChange={change('minTier', ['minTier'])}
          testIdPrefix="admin-perk-min-tier"
        />
      </PerkField>
      <PerkField
        name="startsAt"
        label="开始时间（选填）"
        hint={perk ? '格式 2025-04-01 10:00；此时间之后加入的好友才计入' : '留空为保存时开始；此时间之后加入的好友才计入'}
        errors={errors}
      >
        {text('startsAt', 'startsAt', { placeholder: '2025-04-01 10:00', maxLength: 16 })}
      </PerkField>
      <PerkField name="endsAt" label="结束时间（选填）" hint="留空为长期有效；只填日期时到当天 23:59 结束" errors={errors}>
        {text('endsAt', 'endsAt', { placeholder: '2025-04-30 23:59', maxLength: 16 })}
      </PerkField>
      <PerkField name="sort" label="排序（选填）" hint="数字越小越靠前；留空为 100" errors={errors}>
        {text('sort', 'sort', { type: 'number', maxLength: 4 })}
      </PerkField>

      <EditFormFooter testIdPrefix="admin-perk" error={formError} saving={saving} saveText={perk ? '保存修改' : '创建活动'} onCancel={onDone} onSave={submit} />
    </View>
  );
}
