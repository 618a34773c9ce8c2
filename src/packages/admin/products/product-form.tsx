import { useState, type ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { AdminProductView, MemberPriceTier, ProductViolation } from '@/services/contracts';
import { type FieldErrors, useAdminToolsStore } from '@/packages/admin/store';
import { formatFen } from '@/utils/money';
import { parseYuanToFen } from '@/utils/money-input';
import { staffErrorText } from '../shared/admin-text';
import { EditFormFooter } from '../shared/edit-form-footer';
import { FieldInput } from '../shared/form-field';
import {
  MEMBER_ONLY_CHOICES,
  MEMBER_PRICE_TIERS,
  STATUS_CHOICES,
  newChannelRow,
  productFormOf,
  readProductForm,
  violationsOf,
  type ChannelRow,
  type ProductForm,
} from './product-form-model';

const SIMPLE_FIELDS: Record<string, string> = {
  name: '商品名称',
  subtitle: '副标题',
  category: '分类',
  description: '商品介绍',
  listPriceFen: '标价',
  channelPrices: '其他渠道价',
  memberPrices: '会员价',
  stock: '库存',
  memberOnlyFromTier: '会员专享',
  sort: '排序',
  images: '图片',
  status: '上下架',
};
const MEMBER_TIERS = new Set<string>(MEMBER_PRICE_TIERS.map(({ tier }) => tier));

/**
 * Where a server detail is shown: the field it is about. 'channelPrices.1.priceFen' -> the channel
 * row 'channelPrices.1'; 'memberPrices.koc' -> that tier's price; 'images.0' -> the images field.
 * Null for a path no field owns (shown in the summary at the top only).
 */
export function fieldOfPath(path: string): string | null {
  if (path in SIMPLE_FIELDS) return path;
  const [head, second] = path.split('.');
  if (head === 'channelPrices' && /^\d+$/.test(second ?? '')) return `channelPrices.${second}`;
  if (head === 'memberPrices' && second && MEMBER_TIERS.has(second)) return `memberPrices.${second}`;
  if (head === 'images' || head === 'name' || head === 'subtitle' || head === 'category' || head === 'description') return head;
  return null;
}

/** The field's name in the summary: '复购会员价', '渠道价（第 2 行）'. */
export function fieldLabel(field: string | null): string {
  if (!field) return '商品';
  if (field in SIMPLE_FIELDS) return SIMPLE_FIELDS[field];
  const [head, second] = field.split('.');
  if (head === 'channelPrices') return `渠道价（第 ${Number(second) + 1} 行）`;
  if (head === 'memberPrices') return `${MEMBER_PRICE_TIERS.find(({ tier }) => tier === second)?.label ?? second}价`;
  return field;
}

/**
 * A summary line: '品牌KOC价 ¥99.00 高于 天猫价 ¥95.00' says which field on its own; '请填写商品分类'
 * gets the field's name in front ('分类：请填写商品分类').
 */
export function summaryLine(path: string, message: string): string {
  const label = fieldLabel(fieldOfPath(path));
  return message.startsWith(label) ? message : `${label}：${message}`;
}

/** One field: its label, the control, then every error about it (or its hint). */
function Field({ label, hint, errors, children }: { label: string; hint?: string; errors: ProductViolation[]; children: ReactNode }) {
  return (
    <View className={`form-field${errors.length > 0 ? ' form-field--invalid' : ''}`}>
      <Text className="form-field__label">{label}</Text>
      {children}
      {errors.length > 0 ? <InlineErrors errors={errors} /> : hint ? <Text className="form-field__hint">{hint}</Text> : null}
    </View>
  );
}

/** Each message about a field, one under the other. */
function InlineErrors({ errors }: { errors: ProductViolation[] }) {
  return (
    <>
      {errors.map(({ path, message }) => (
        <Text key={`${path}:${message}`} className="form-field__error" data-testid="product-violation" data-path={path}>
          {message}
        </Text>
      ))}
    </>
  );
}

/** The same message about the same path once, keeping the first one's place. */
const distinct = (violations: ProductViolation[]): ProductViolation[] => {
  const seen = new Set<string>();
  return violations.filter(({ path, message }) => {
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

const yuanHint = (yuan: string, otherwise?: string) => {
  const fen = parseYuanToFen(yuan);
  return fen === null ? otherwise : `即 ${formatFen(fen)}`;
};

/** Creates a product (`product` null) or edits one. Prices typed in yuan, sent as integer fen. */
export function ProductEditForm({ product, onDone }: { product: AdminProductView | null; onDone: () => void }) {
  const saving = useAdminToolsStore.use.productSaving();
  const saveError = useAdminToolsStore.use.productSaveError();
  const serverViolations = useAdminToolsStore.use.productViolations();
  const saveProduct = useAdminToolsStore((state) => state.saveProduct);
  const setProductStatus = useAdminToolsStore((state) => state.setProductStatus);
  const dismissServer = useAdminToolsStore((state) => state.dismissProductViolations);
  const [form, setForm] = useState<ProductForm>(() => productFormOf(product));
  // What the stored product breaks now (from the list), until the field is changed.
  const [storedViolations, setStoredViolations] = useState<ProductViolation[]>(() => product?.violations ?? []);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const [statusNote, setStatusNote] = useState('');

  // Every message: the form's own checks first, then the server's last refusal, then what is stored.
  const errors = distinct([...violationsOf(localErrors), ...serverViolations, ...storedViolations]);
  const errorsAt = (field: string) => errors.filter(({ path }) => fieldOfPath(path) === field);
  const errorCount = errors.length;

  /** The fields changed: every message about them is out of date. */
  const forget = (fields: string[]) => {
    const stale = (path: string) => fields.includes(fieldOfPath(path) ?? '') || fields.includes(path);
    dismissServer(serverViolations.map(({ path }) => path).filter(stale));
    setLocalErrors((current) => Object.fromEntries(Object.entries(current).filter(([path]) => !stale(path))));
    setStoredViolations((current) => current.filter(({ path }) => !stale(path)));
  };

  // Parity is about every price at once: changing the list price or any channel price may resolve
  // a member price's violation, so a price change forgets every price message.
  const PRICE_FIELDS = () => [
    'listPriceFen',
    'channelPrices',
    'memberPrices',
    ...form.channels.map((_, i) => `channelPrices.${i}`),
    ...MEMBER_PRICE_TIERS.map(({ tier }) => `memberPrices.${tier}`),
  ];

  const change =
    <K extends keyof ProductForm>(field: K, fields: string[]) =>
    (value: ProductForm[K]) => {
      setForm((current) => ({ ...current, [field]: value }));
      forget(fields);
    };

  const setChannel = (index: number, patch: Partial<ChannelRow>) => {
    setForm((current) => ({ ...current, channels: current.channels.map((row, i) => (i === index ? { ...row, ...patch } : row)) }));
    forget(PRICE_FIELDS());
  };

  const addChannel = () => {
    setForm((current) => ({ ...current, channels: [...current.channels, newChannelRow()] }));
    forget(['channelPrices']);
  };

  // Rows after the removed one move up: messages about row numbers no longer match, so all go.
  const removeChannel = (index: number) => {
    setForm((current) => ({ ...current, channels: current.channels.filter((_, i) => i !== index) }));
    forget(PRICE_FIELDS());
  };

  const setMemberPrice = (tier: MemberPriceTier) => (value: string) => {
    setForm((current) => ({ ...current, memberYuan: { ...current.memberYuan, [tier]: value } }));
    forget(PRICE_FIELDS());
  };

  const submit = async () => {
    const read = readProductForm(form, product);
    if (!read.ok) {
      setLocalErrors(read.errors);
      return;
    }
    setLocalErrors({});
    setStatusNote('');
    const result = await saveProduct(read.payload);
    if (!result.ok) {
      scrollToTop();
      return;
    }
    if (result.data.product.status !== form.status) {
      const changed = await setProductStatus(result.data.product._id, form.status);
      if (!changed.ok) {
        setStatusNote(`商品已保存，但${form.status === 'on_sale' ? '上架' : '下架'}失败：${staffErrorText(changed.error)}`);
        return;
      }
    }
    void Taro.showToast({ title: product ? '商品已保存' : '商品已创建', icon: 'success' });
    onDone();
  };

  const formError =
    saveError || Object.keys(localErrors).length > 0 || statusNote
      ? statusNote || (saveError && serverViolations.length === 0 ? staffErrorText(saveError) : '保存未成功：请按标红的提示修改后再保存。')
      : null;

  const text = (
    field: 'name' | 'subtitle' | 'category' | 'description' | 'stock' | 'sort' | 'images',
    testId: string,
    options: { type?: 'text' | 'number' | 'digit'; placeholder?: string; maxLength?: number } = {},
  ) => <FieldInput value={form[field]} onChange={change(field, [field])} testId={testId} {...options} />;

  return (
    <View className="card admin-section product-form" data-testid="product-form" data-mode={product ? 'edit' : 'create'}>
      <View className="admin-section__head">
        <Text className="admin-section__title">{product ? `编辑商品：${product.name}` : '新建商品'}</Text>
        <Text className="admin-section__hint">价格按「元」填写，最多两位小数。会员价不得高于标价和任何渠道价，等级越高价格不得越高。</Text>
      </View>

      {errorCount > 0 ? (
        <View className="product-form__summary" data-testid="product-form-summary" data-count={errorCount}>
          <Text className="product-form__summary-title">
            {saveError?.code === 'PRICE_PARITY_VIOLATION' || (!saveError && Object.keys(localErrors).length === 0)
              ? `价格不符合规则，共 ${errorCount} 处：`
              : `有 ${errorCount} 处需要修改：`}
          </Text>
          {errors.map(({ path, message }) => (
            <Text key={`${path}:${message}`} className="product-form__summary-line" data-testid="product-form-summary-line" data-path={path}>
              {summaryLine(path, message)}
            </Text>
          ))}
        </View>
      ) : null}

      <Field label="商品名称" errors={errorsAt('name')}>
        {text('name', 'product-input-name', { placeholder: '例如 云南保山小粒咖啡豆 250g', maxLength: 40 })}
      </Field>
      <Field label="副标题（选填）" errors={errorsAt('subtitle')}>
        {text('subtitle', 'product-input-subtitle', { placeholder: '一句话卖点', maxLength: 60 })}
      </Field>
      <Field label="分类" errors={errorsAt('category')}>
        {text('category', 'product-input-category', { placeholder: '例如 咖啡豆', maxLength: 20 })}
      </Field>
      <Field label="商品介绍（选填）" errors={errorsAt('description')}>
        {text('description', 'product-input-description', { placeholder: '产地、风味、规格…', maxLength: 2000 })}
      </Field>
      <Field label="标价（元）" hint={yuanHint(form.listYuan, '商品的标价（顾客看到的原价），会员价不得高于它')} errors={errorsAt('listPriceFen')}>
        <FieldInput
          value={form.listYuan}
          onChange={change('listYuan', PRICE_FIELDS())}
          type="digit"
          placeholder="例如 98"
          maxLength={12}
          testId="product-input-listPrice"
        />
      </Field>

      <View className="form-group product-form__group">
        <Text className="form-group__title">其他渠道价（参考）</Text>
        <Text className="form-field__hint">天猫、京东、门店等渠道的售价：任何会员价都不得高于其中任一价格</Text>
        <InlineErrors errors={errorsAt('channelPrices')} />
        {form.channels.map((row, index) => {
          const rowErrors = errorsAt(`channelPrices.${index}`);
          return (
            <View
              key={row.key}
              className={`form-field product-channel${rowErrors.length > 0 ? ' form-field--invalid' : ''}`}
              data-testid={`product-channel-${index}`}
            >
              <View className="product-channel__inputs">
                <View className="product-channel__name">
                  <FieldInput
                    value={row.channel}
                    onChange={(value) => setChannel(index, { channel: value })}
                    placeholder="渠道"
                    maxLength={10}
                    testId={`product-input-channel-${index}`}
                  />
                </View>
                <View className="product-channel__price">
                  <FieldInput
                    value={row.priceYuan}
                    onChange={(value) => setChannel(index, { priceYuan: value })}
                    type="digit"
                    placeholder="价格（元）"
                    maxLength={12}
                    testId={`product-input-channel-price-${index}`}
                  />
                </View>
                <Text className="product-channel__remove" onClick={() => removeChannel(index)} data-testid={`product-channel-remove-${index}`}>
                  删除
                </Text>
              </View>
              <InlineErrors errors={rowErrors} />
            </View>
          );
        })}
        <Button size="small" fill="outline" onClick={addChannel} data-testid="product-channel-add">
          添加渠道
        </Button>
      </View>

      <View className="form-group product-form__group">
        <Text className="form-group__title">会员价（元）</Text>
        <Text className="form-field__hint">基础用户（未入会）按标价购买；等级越高，价格不得越高</Text>
        <InlineErrors errors={errorsAt('memberPrices')} />
        {MEMBER_PRICE_TIERS.map(({ tier, label }) => (
          <Field key={tier} label={label} hint={yuanHint(form.memberYuan[tier])} errors={errorsAt(`memberPrices.${tier}`)}>
            <FieldInput
              value={form.memberYuan[tier]}
              onChange={setMemberPrice(tier)}
              type="digit"
              placeholder="例如 88"
              maxLength={12}
              testId={`product-input-member-${tier}`}
            />
          </Field>
        ))}
      </View>

      <Field label={product ? '设置库存（选填）' : '库存'} hint={product ? `当前库存 ${product.stock}，留空则不修改` : '可售数量'} errors={errorsAt('stock')}>
        {text('stock', 'product-input-stock', { type: 'number', placeholder: product ? String(product.stock) : '例如 100', maxLength: 7 })}
      </Field>
      <Field label="会员专享" hint="专享商品只对该等级及以上的会员开放购买" errors={errorsAt('memberOnlyFromTier')}>
        <View className="choice-row choice-row--wrap">
          {MEMBER_ONLY_CHOICES.map(({ tier, label }) => (
            <Text
              key={tier ?? 'all'}
              className={`choice${form.memberOnlyFromTier === tier ? ' choice--chosen' : ''}`}
              onClick={() => change('memberOnlyFromTier', ['memberOnlyFromTier'])(tier)}
              data-testid={`product-only-${tier ?? 'all'}`}
              data-chosen={form.memberOnlyFromTier === tier}
            >
              {label}
            </Text>
          ))}
        </View>
      </Field>
      <Field label="上下架" errors={errorsAt('status')}>
        <View className="choice-row">
          {STATUS_CHOICES.map(({ status, label }) => (
            <Text
              key={status}
              className={`choice${form.status === status ? ' choice--chosen' : ''}`}
              onClick={() => change('status', ['status'])(status)}
              data-testid={`product-form-status-${status}`}
              data-chosen={form.status === status}
            >
              {label}
            </Text>
          ))}
        </View>
      </Field>
      <Field label="图片地址（选填）" hint="cloud:// 或 https:// 地址，多张用逗号或换行分隔，第一张为封面" errors={errorsAt('images')}>
        {text('images', 'product-input-images', { placeholder: 'cloud://…', maxLength: 2000 })}
      </Field>
      <Field label="排序（选填）" hint="数字越小越靠前；留空为 100" errors={errorsAt('sort')}>
        {text('sort', 'product-input-sort', { type: 'number', maxLength: 4 })}
      </Field>

      <EditFormFooter testIdPrefix="product" error={formError} saving={saving} saveText={product ? '保存修改' : '创建商品'} onCancel={onDone} onSave={submit} />
    </View>
  );
}

/** A refusal is listed at the top of the form: bring it into view. */
function scrollToTop() {
  try {
    Promise.resolve(Taro.pageScrollTo({ scrollTop: 0, duration: 0 })).catch(() => undefined);
  } catch {
    // Not available (tests): nothing to scroll.
  }
}
