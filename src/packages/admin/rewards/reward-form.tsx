import { View, Text } from '@tarojs/components';
import type { AdminRewardView } from '@/services/contracts';
import { useAdminToolsStore } from '@/packages/admin/store';
import { CouponTermsFields, type FrameCouponField } from '../shared/coupon-terms-fields';
import { EditFormFooter } from '../shared/edit-form-footer';
import { FieldInput, FormField } from '../shared/form-field';
import { MIN_TIER_CHOICES, readRewardForm, rewardFormOf, type RewardForm, type RewardKind } from './reward-form-model';
import { useEditForm } from '../shared/use-edit-form';

const KINDS: ReadonlyArray<{ kind: RewardKind; label: string }> = [
  { kind: 'coupon', label: '优惠券' },
  { kind: 'product', label: '实物' },
];

/** Which form field a server detail belongs to ('coupon' without a field: the coupon group). */
const FIELD_OF_PATH: Record<string, keyof RewardForm | 'coupon'> = {
  title: 'title',
  description: 'description',
  kind: 'kind',
  pointsCost: 'pointsCost',
  stock: 'stock',
  'coupon.valueFen': 'valueYuan',
  'coupon.minSpendFen': 'minSpendYuan',
  'coupon.validDays': 'validDays',
  coupon: 'coupon',
  minTier: 'minTier',
  image: 'image',
  sort: 'sort',
};

/** Creates a reward (`reward` null) or edits one. Money typed in yuan, sent as integer fen. */
export function RewardEditForm({ reward, onDone }: { reward: AdminRewardView | null; onDone: () => void }) {
  const saving = useAdminToolsStore.use.rewardSaving();
  const saveError = useAdminToolsStore.use.rewardSaveError();
  const serverErrors = useAdminToolsStore.use.rewardFieldErrors();
  const saveReward = useAdminToolsStore((state) => state.saveReward);
  const clearServerError = useAdminToolsStore((state) => state.clearRewardFieldError);
  const { form, errors, change, submit, formError } = useEditForm({
    initial: () => rewardFormOf(reward),
    read: (typed: RewardForm) => readRewardForm(typed, reward),
    save: saveReward,
    saveError,
    serverErrors,
    clearServerError,
    owns: (path) => path in FIELD_OF_PATH,
    savedToast: reward ? '奖品已保存' : '奖品已上架',
    onDone,
  });

  const text = (
    field: 'title' | 'description' | 'pointsCost' | 'stock' | 'image' | 'sort',
    path: string,
    testId: string,
    options: { type?: 'text' | 'number' | 'digit'; placeholder?: string; maxLength?: number } = {},
  ) => <FieldInput value={form[field]} onChange={change(field, [path])} testId={testId} {...options} />;

  const couponField: FrameCouponField = ({ path, label, hint, input }) => (
    <FormField label={label} hint={hint} error={errors[path]} errorTestId={`reward-error-${path}`}>
      {input}
    </FormField>
  );

  return (
    <View className="card admin-section reward-form" data-testid="reward-form" data-mode={reward ? 'edit' : 'create'}>
      <View className="admin-section__head">
        <Text className="admin-section__title">{reward ? `编辑奖品：${reward.title}` : '新建奖品'}</Text>
        <Text className="admin-section__hint">{reward ? '保存后立即对会员生效；上下架请在列表中操作' : '新奖品保存后立即上架'}</Text>
      </View>

      <FormField label="奖品名称" error={errors.title} errorTestId="reward-error-title">
        {text('title', 'title', 'reward-title', { placeholder: '例如 10 元代金券', maxLength: 30 })}
      </FormField>
      <FormField label="奖品说明（选填）" error={errors.description} errorTestId="reward-error-description">
        {text('description', 'description', 'reward-description', { placeholder: '会员在商城中看到的说明', maxLength: 200 })}
      </FormField>
      <FormField label="奖品类型" error={errors.kind ?? errors.coupon} errorTestId="reward-error-kind">
        <View className="choice-row">
          {KINDS.map(({ kind, label }) => (
            <Text
              key={kind}
              className={`choice${form.kind === kind ? ' choice--chosen' : ''}`}
              onClick={() => change('kind', ['kind', 'coupon'])(kind)}
              data-testid={`reward-kind-${kind}`}
              data-chosen={form.kind === kind}
            >
              {label}
            </Text>
          ))}
        </View>
      </FormField>
      {form.kind === 'coupon' ? (
        <View className="reward-form__coupon">
          <CouponTermsFields
            values={form}
            onChange={(field, path) => change(field, [path])}
            frame={couponField}
            testIds={{ valueYuan: 'reward-value', minSpendYuan: 'reward-min-spend', validDays: 'reward-valid-days' }}
            minSpendPlaceholder="例如 50"
          />
        </View>
      ) : null}
      <FormField label="所需积分" error={errors.pointsCost} errorTestId="reward-error-pointsCost">
        {text('pointsCost', 'pointsCost', 'reward-points-cost', { type: 'number', placeholder: '例如 300', maxLength: 8 })}
      </FormField>
      <FormField
        label={reward ? '设置剩余库存（选填）' : '库存'}
        hint={reward ? `当前剩余 ${reward.remaining}，留空则不修改` : '可兑换的数量（0～100000）'}
        error={errors.stock}
        errorTestId="reward-error-stock"
      >
        {text('stock', 'stock', 'reward-stock', { type: 'number', placeholder: reward ? String(reward.remaining) : '例如 100', maxLength: 6 })}
      </FormField>
      <FormField label="兑换门槛" error={errors.minTier} errorTestId="reward-error-minTier">
        <View className="choice-row choice-row--wrap">
          {MIN_TIER_CHOICES.map(({ tier, label }) => (
            <Text
              key={tier ?? 'all'}
              className={`choice${form.minTier === tier ? ' choice--chosen' : ''}`}
              onClick={() => change('minTier', ['minTier'])(tier)}
              data-testid={`reward-min-tier-${tier ?? 'all'}`}
              data-chosen={form.minTier === tier}
            >
              {label}
            </Text>
          ))}
        </View>
      </FormField>
      <FormField label="图片地址（选填）" hint="https:// 或 cloud:// 地址" error={errors.image} errorTestId="reward-error-image">
        {text('image', 'image', 'reward-image', { placeholder: 'cloud://…', maxLength: 512 })}
      </FormField>
      <FormField label="排序（选填）" hint="数字越小越靠前；留空为 100" error={errors.sort} errorTestId="reward-error-sort">
        {text('sort', 'sort', 'reward-sort', { type: 'number', maxLength: 4 })}
      </FormField>

      <EditFormFooter testIdPrefix="reward" error={formError} saving={saving} saveText={reward ? '保存修改' : '保存并上架'} onCancel={onDone} onSave={submit} />
    </View>
  );
}
