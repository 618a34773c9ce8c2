import { useEffect, type ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import { PageState } from '@/components/page-state/page-state';
import type { FieldErrors } from '@/utils/field-errors';
import { useAdminToolsStore } from '@/packages/admin/store';
import { formatFen } from '@/utils/money';
import { staffErrorText } from '../shared/admin-text';
import { EditFormFooter } from '../shared/edit-form-footer';
import { FieldInput, FormField } from '../shared/form-field';
import { useEditForm } from '../shared/use-edit-form';
import { DRAW_TIER_CHOICES, newDrawForm, readDrawForm, type DrawForm } from './draw-form-model';

/** The server's paths each field of the form shows the messages of. */
const FIELD_PATHS = [
  'productId',
  'title',
  'description',
  'units',
  'waitlistLength',
  'opensAt',
  'closesAt',
  'drawAt',
  'minTier',
  'minMemberDays',
  'purchaseHours',
] as const;
type FieldPath = (typeof FIELD_PATHS)[number];
const OWNED: ReadonlySet<string> = new Set(FIELD_PATHS);

function DrawField({ name, label, hint, errors, children }: { name: FieldPath; label: string; hint?: string; errors: FieldErrors; children: ReactNode }) {
  return (
    <FormField testId={`admin-draw-field-${name}`} label={label} hint={hint} error={errors[name]} errorTestId="admin-draw-error" errorPath={name}>
      {children}
    </FormField>
  );
}

/** Creates a draw (admins): the product from the catalogue, units, waitlist, times, eligibility, the winners' purchase window. */
export function DrawCreateForm({ onDone }: { onDone: () => void }) {
  const products = useAdminToolsStore.use.adminProducts();
  const productsStatus = useAdminToolsStore.use.adminProductsStatus();
  const productsError = useAdminToolsStore.use.adminProductsError();
  const loadProducts = useAdminToolsStore((state) => state.loadAdminProducts);
  const creating = useAdminToolsStore.use.drawCreating();
  const createError = useAdminToolsStore.use.drawCreateError();
  const serverErrors = useAdminToolsStore.use.drawFieldErrors();
  const createDraw = useAdminToolsStore((state) => state.createDraw);
  const clearServerError = useAdminToolsStore((state) => state.clearDrawFieldError);
  const offsetMs = useAdminToolsStore.use.adminDrawsClockOffsetMs();
  const { form, errors, change, submit, formError } = useEditForm({
    initial: () => newDrawForm(new Date(Date.now() + offsetMs)),
    read: (typed: DrawForm) => readDrawForm(typed),
    save: createDraw,
    saveError: createError,
    serverErrors,
    clearServerError,
    owns: (path) => OWNED.has(path),
    savedToast: '抽签已创建',
    onDone,
  });

  useEffect(() => {
    if (productsStatus === 'idle') void loadProducts();
  }, [productsStatus, loadProducts]);

  type TextField = Exclude<keyof DrawForm, 'productId' | 'minTier'>;
  const text = (field: TextField, options: { type?: 'text' | 'number'; placeholder?: string; maxLength?: number } = {}) => (
    <FieldInput value={form[field]} onChange={change(field, [field])} testId={`admin-draw-input-${field}`} {...options} />
  );
  const onSale = products.filter((product) => product.status === 'on_sale');

  return (
    <View className="card admin-section draw-form" data-testid="admin-draw-form">
      <View className="admin-section__head">
        <Text className="admin-section__title">新建限量抽签</Text>
        <Text className="admin-section__hint">创建后立即公布种子哈希（承诺），抽签名额从商品库存中预留；开奖前可取消，取消后名额退回库存并通知报名者。</Text>
      </View>

      <DrawField name="productId" label="商品" hint="中签者按各自等级的会员价购买（不高于渠道价）" errors={errors}>
        {productsStatus === 'error' ? (
          <PageState
            kind="error"
            compact
            testId="admin-draw-products-error"
            title="商品加载失败"
            description={staffErrorText(productsError)}
            actionText="重试"
            onAction={() => void loadProducts()}
          />
        ) : productsStatus !== 'ready' ? (
          <PageState kind="loading" compact testId="admin-draw-products-loading" />
        ) : onSale.length === 0 ? (
          <Text className="admin-note">没有在售商品：请先在「商品与会员价」上架商品。</Text>
        ) : (
          <View className="choice-row choice-row--wrap">
            {onSale.map((product) => (
              <Text
                key={product._id}
                className={`choice${form.productId === product._id ? ' choice--chosen' : ''}`}
                onClick={() => change('productId', ['productId', 'units'])(product._id)}
                data-testid={`admin-draw-product-${product._id}`}
                data-chosen={form.productId === product._id}
              >
                {product.name}（{formatFen(product.listPriceFen)}，库存 {product.stock}）
              </Text>
            ))}
          </View>
        )}
      </DrawField>

      <DrawField name="title" label="抽签名称" errors={errors}>
        {text('title', { placeholder: '例如 秋季限定·手冲壶 首发抽签', maxLength: 30 })}
      </DrawField>
      <DrawField name="description" label="抽签说明（选填）" hint="会员在抽签页看到的说明，最多 300 个字" errors={errors}>
        {text('description', { placeholder: '例如 每人限购 1 件', maxLength: 300 })}
      </DrawField>
      <DrawField name="units" label="中签名额" hint="每位中签者购买 1 件；从库存中预留" errors={errors}>
        {text('units', { type: 'number', placeholder: '例如 10', maxLength: 3 })}
      </DrawField>
      <DrawField name="waitlistLength" label="候补人数" hint="中签者逾期未付款时，按抽签顺序依次递补" errors={errors}>
        {text('waitlistLength', { type: 'number', maxLength: 3 })}
      </DrawField>
      <DrawField name="opensAt" label="报名开始" hint="格式 2025-04-30 20:00" errors={errors}>
        {text('opensAt', { placeholder: '2025-04-30 20:00', maxLength: 16 })}
      </DrawField>
      <DrawField name="closesAt" label="报名截止" errors={errors}>
        {text('closesAt', { placeholder: '2025-05-01 20:00', maxLength: 16 })}
      </DrawField>
      <DrawField name="drawAt" label="开奖时间" hint="不早于报名截止；截止 1 分钟后才会开奖" errors={errors}>
        {text('drawAt', { placeholder: '2025-05-01 20:10', maxLength: 16 })}
      </DrawField>
      <DrawField name="minTier" label="参与门槛" errors={errors}>
        <View className="choice-row choice-row--wrap">
          {DRAW_TIER_CHOICES.map((choice) => (
            <Text
              key={choice.tier}
              className={`choice${form.minTier === choice.tier ? ' choice--chosen' : ''}`}
              onClick={() => change('minTier', ['minTier'])(choice.tier)}
              data-testid={`admin-draw-min-tier-${choice.tier}`}
              data-chosen={form.minTier === choice.tier}
            >
              {choice.label}
            </Text>
          ))}
        </View>
      </DrawField>
      <DrawField name="minMemberDays" label="入会天数（至少）" hint="0 为不限" errors={errors}>
        {text('minMemberDays', { type: 'number', maxLength: 4 })}
      </DrawField>
      <DrawField name="purchaseHours" label="付款时限（小时）" hint="中签后多少小时内付款，1～168" errors={errors}>
        {text('purchaseHours', { type: 'number', maxLength: 3 })}
      </DrawField>

      <EditFormFooter testIdPrefix="admin-draw" error={formError} saving={creating} saveText="创建抽签" onCancel={onDone} onSave={submit} />
    </View>
  );
}
