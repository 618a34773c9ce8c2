import type { AdminProductView, MemberPriceTier, ProductStatus, ProductViolation, SaveProductPayload } from '@/services/contracts';
import type { FieldErrors } from '@/packages/admin/store';
import { fenToYuanInput, parseYuanToFen } from '@/utils/money-input';

// The product form: what staff type (yuan, text) and what the server stores (integer fen, numbers).
// The form only checks that amounts are amounts and numbers are numbers; the price rules (parity
// with the list price and every channel, higher tiers never paying more) are the server's, whose
// per-field details come back keyed by the paths used here ('memberPrices.koc',
// 'channelPrices.0.priceFen', ...).

export interface ChannelRow {
  /** Stable key for rendering (rows are added and removed). */
  key: number;
  channel: string;
  priceYuan: string;
}

export interface ProductForm {
  name: string;
  subtitle: string;
  category: string;
  description: string;
  listYuan: string;
  channels: ChannelRow[];
  memberYuan: Record<MemberPriceTier, string>;
  /** Remaining stock to set; on an edit, empty leaves it as it is (orders move it). */
  stock: string;
  memberOnlyFromTier: MemberPriceTier | null;
  sort: string;
  /** Image addresses, one per line or separated by commas. */
  images: string;
  status: ProductStatus;
}

/** The tiers with a member price, lowest first (a higher one must never pay more). */
export const MEMBER_PRICE_TIERS: ReadonlyArray<{ tier: MemberPriceTier; label: string }> = [
  { tier: 'member', label: '未购会员' },
  { tier: 'buyer', label: '已购会员' },
  { tier: 'repeat_buyer', label: '复购会员' },
  { tier: 'koc', label: '品牌KOC' },
];

export const MEMBER_ONLY_CHOICES: ReadonlyArray<{ tier: MemberPriceTier | null; label: string }> = [
  { tier: null, label: '所有人可买' },
  { tier: 'member', label: '会员专享' },
  { tier: 'buyer', label: '已购会员及以上' },
  { tier: 'repeat_buyer', label: '复购会员及以上' },
  { tier: 'koc', label: '品牌KOC专享' },
];

export const STATUS_CHOICES: ReadonlyArray<{ status: ProductStatus; label: string }> = [
  { status: 'on_sale', label: '上架' },
  { status: 'off_shelf', label: '下架' },
];

export const memberOnlyLabel = (tier: MemberPriceTier | null): string => MEMBER_ONLY_CHOICES.find((choice) => choice.tier === tier)?.label ?? '所有人可买';

export const statusLabel = (status: ProductStatus): string => (status === 'on_sale' ? '在售' : '已下架');

let nextKey = 1;
export const newChannelRow = (channel = '', priceYuan = ''): ChannelRow => ({ key: nextKey++, channel, priceYuan });

export function productFormOf(product: AdminProductView | null): ProductForm {
  if (!product) {
    return {
      name: '',
      subtitle: '',
      category: '',
      description: '',
      listYuan: '',
      channels: [newChannelRow('天猫'), newChannelRow('京东')],
      memberYuan: { member: '', buyer: '', repeat_buyer: '', koc: '' },
      stock: '',
      memberOnlyFromTier: null,
      sort: '',
      images: '',
      status: 'on_sale',
    };
  }
  return {
    name: product.name,
    subtitle: product.subtitle,
    category: product.category,
    description: product.description ?? '',
    listYuan: fenToYuanInput(product.listPriceFen),
    channels: product.channelPrices.map((row) => newChannelRow(row.channel, fenToYuanInput(row.priceFen))),
    memberYuan: {
      member: fenToYuanInput(product.memberPrices.member),
      buyer: fenToYuanInput(product.memberPrices.buyer),
      repeat_buyer: fenToYuanInput(product.memberPrices.repeat_buyer),
      koc: fenToYuanInput(product.memberPrices.koc),
    },
    stock: '',
    memberOnlyFromTier: product.memberOnlyFromTier,
    sort: String(product.sort),
    images: product.images.join('\n'),
    status: product.status,
  };
}

const wholeNumber = (text: string): number | null => (/^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null);
const AMOUNT_ERROR = '请填写金额（元，最多两位小数）';

/** 'a.png, b.png\nc.png' -> ['a.png', 'b.png', 'c.png']. */
export const splitImages = (text: string): string[] =>
  text
    .split(/[\n,，\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);

/**
 * What to send (every field: an edit replaces the product; `productId` when editing), or which
 * fields are not amounts or numbers, keyed by the server's paths.
 */
export function readProductForm(
  form: ProductForm,
  editing: AdminProductView | null,
): { ok: true; payload: SaveProductPayload } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};

  const listPriceFen = parseYuanToFen(form.listYuan);
  if (listPriceFen === null) errors.listPriceFen = AMOUNT_ERROR;

  const channelPrices = form.channels.map((row, index) => {
    const priceFen = parseYuanToFen(row.priceYuan);
    if (!row.channel.trim()) errors[`channelPrices.${index}.channel`] = '请填写渠道名称，例如 天猫';
    if (priceFen === null) errors[`channelPrices.${index}.priceFen`] = AMOUNT_ERROR;
    return { channel: row.channel.trim(), priceFen: priceFen ?? 0 };
  });

  const memberPrices = {} as SaveProductPayload['memberPrices'];
  for (const { tier } of MEMBER_PRICE_TIERS) {
    const fen = parseYuanToFen(form.memberYuan[tier]);
    if (fen === null) errors[`memberPrices.${tier}`] = AMOUNT_ERROR;
    memberPrices[tier] = fen ?? 0;
  }

  const stockText = form.stock.trim();
  const stock = stockText ? wholeNumber(stockText) : undefined;
  if (stock === null) errors.stock = '库存须为整数';
  else if (stock === undefined && !editing) errors.stock = '请填写库存';

  const sortText = form.sort.trim();
  const sort = sortText ? wholeNumber(sortText) : 100;
  if (sort === null) errors.sort = '排序须为整数';

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    payload: {
      ...(editing ? { productId: editing._id } : {}),
      name: form.name.trim(),
      subtitle: form.subtitle.trim(),
      category: form.category.trim(),
      description: form.description.trim(),
      listPriceFen: listPriceFen!,
      channelPrices,
      memberPrices,
      ...(stock !== undefined && stock !== null ? { stock } : {}),
      memberOnlyFromTier: form.memberOnlyFromTier,
      sort: sort!,
      images: splitImages(form.images),
    },
  };
}

/** The form's own findings as a list, like the server's details. */
export const violationsOf = (errors: FieldErrors): ProductViolation[] => Object.entries(errors).map(([path, message]) => ({ path, message }));
