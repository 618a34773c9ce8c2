/**
 * Products and prices in the admin area, through the built admin function: moderators read,
 * admins edit, prices that break parity are refused with every violation named and nothing saved,
 * every attempt is audited.
 */
import type { Database } from '../../core/platform/database';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { all, memberWithPoints, sdkDb, staff } from './rewards-helpers';
import { beans, putProduct, seedDemoProducts } from './shop-helpers';

let p: ProductEmulator;
let db: Database;
const ADMIN = 'o-sa-admin';
const MOD = 'o-sa-mod';
const CUSTOMER = 'o-sa-customer';

beforeAll(async () => {
  p = await startProductEmulator();
  db = sdkDb();
  await seedDemoProducts(db);
  // Stored before the rules existed: 品牌KOC pays more than 天猫 and than 复购会员.
  await putProduct(
    db,
    'p-legacy',
    beans({ name: '历史商品', status: 'off_shelf', memberPrices: { member: 11500, buyer: 10900, repeat_buyer: 10500, koc: 11850 } }),
  );
  await staff(db, ADMIN, 'admin');
  await staff(db, MOD, 'moderator');
  await memberWithPoints(db, CUSTOMER, 'buyer', 0);
});
afterAll(() => p.emu.close());

const admin = (openid: string, event: Record<string, unknown>) => p.call('admin', openid, event);
const audit = () => all(p, 'audit_log');
const stored = (id: string) => all(p, 'products', { _id: id })[0];
const { status: _status, ...newBeans } = beans({ name: '新品 测试豆', images: ['cloud://flywheel-local.test/products/new.svg'], description: '新品介绍' });

test('a moderator lists every product, any status, with the violations stored prices have now', async () => {
  const res = await admin(MOD, { action: 'productsList' });
  expect(res.ok).toBe(true);
  const ids = res.data.products.map((x: any) => x._id);
  expect(ids).toEqual(expect.arrayContaining(['p-yirgacheffe', 'p-geisha-limited', 'p-legacy']));
  expect(res.data.products.find((x: any) => x._id === 'p-yirgacheffe')).toMatchObject({
    status: 'on_sale',
    stock: 320,
    memberPrices: { member: 11500, buyer: 10900, repeat_buyer: 10500, koc: 9900 },
    memberOnlyFromTier: null,
    violations: [],
    images: [expect.stringMatching(/^cloud:\/\//)],
  });
  expect(res.data.products.find((x: any) => x._id === 'p-legacy').violations).toEqual([
    { path: 'memberPrices.koc', message: '品牌KOC价 ¥118.50 高于 天猫价 ¥118.00' },
    { path: 'memberPrices.koc', message: '品牌KOC价 ¥118.50 高于 复购会员价 ¥105.00' },
  ]);
  expect(audit()).toContainEqual(expect.objectContaining({ actor: MOD, action: 'products.list', outcome: 'ok' }));
});

test('an admin creates a product: off shelf until put on sale, then customers see it at their price', async () => {
  const res = await admin(ADMIN, { action: 'saveProduct', ...newBeans });
  expect(res).toMatchObject({
    ok: true,
    data: { product: { name: '新品 测试豆', status: 'off_shelf', stock: 10, violations: [], description: '新品介绍', updatedBy: ADMIN } },
  });
  const id = res.data.product._id;
  const inCatalog = async () => (await p.call('shop', CUSTOMER, { action: 'catalog' })).data.products.find((c: any) => c._id === id);
  expect(await inCatalog()).toBeUndefined();
  expect(await admin(ADMIN, { action: 'setProductStatus', productId: id, status: 'on_sale' })).toMatchObject({
    ok: true,
    data: { productId: id, status: 'on_sale', product: { _id: id, status: 'on_sale' } },
  });
  expect(await inCatalog()).toMatchObject({ myPriceFen: 10900, myTier: 'buyer', nextTierOffer: { tier: 'repeat_buyer', priceFen: 10500 } });
  await admin(ADMIN, { action: 'setProductStatus', productId: id, status: 'off_shelf' });
  expect(await inCatalog()).toBeUndefined();
  expect(audit()).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ actor: ADMIN, action: 'products.save', outcome: 'ok', target: expect.objectContaining({ productId: id }) }),
      expect.objectContaining({ actor: ADMIN, action: 'products.status', outcome: 'ok', target: { productId: id, status: 'on_sale' } }),
    ]),
  );
});

test('prices that break parity are refused with every violation named, and nothing is saved', async () => {
  const before = all(p, 'products').length;
  const res = await admin(ADMIN, {
    action: 'saveProduct',
    ...newBeans,
    name: '违规新品',
    channelPrices: [{ channel: '天猫', priceFen: 9800 }],
    memberPrices: { member: 13000, buyer: 9800, repeat_buyer: 9900, koc: 9900 },
  });
  expect(res.ok).toBe(false);
  expect(res.error.code).toBe('PRICE_PARITY_VIOLATION');
  expect(res.error.details).toEqual([
    { path: 'memberPrices.member', message: '未购会员价 ¥130.00 高于 标价 ¥128.00' },
    { path: 'memberPrices.member', message: '未购会员价 ¥130.00 高于 天猫价 ¥98.00' },
    { path: 'memberPrices.repeat_buyer', message: '复购会员价 ¥99.00 高于 天猫价 ¥98.00' },
    { path: 'memberPrices.repeat_buyer', message: '复购会员价 ¥99.00 高于 已购会员价 ¥98.00' },
    { path: 'memberPrices.koc', message: '品牌KOC价 ¥99.00 高于 天猫价 ¥98.00' },
    { path: 'memberPrices.koc', message: '品牌KOC价 ¥99.00 高于 已购会员价 ¥98.00' },
  ]);
  expect(res.error.message).toBe(`会员价不符合价格规则：${res.error.details.map((d: any) => d.message).join('；')}（共 6 处）`);
  expect(all(p, 'products')).toHaveLength(before);
  expect(all(p, 'products', { name: '违规新品' })).toHaveLength(0);
  expect(audit()).toContainEqual(expect.objectContaining({ actor: ADMIN, action: 'products.save', outcome: 'failed', detail: 'PRICE_PARITY_VIOLATION' }));
});

test('an edit that breaks parity leaves the stored product exactly as it was', async () => {
  const original = stored('p-mug');
  const res = await admin(ADMIN, {
    action: 'saveProduct',
    productId: 'p-mug',
    name: '改坏的杯子',
    category: '器具',
    listPriceFen: 12900,
    memberPrices: { member: 11900, buyer: 11500, repeat_buyer: 10900, koc: 13000 },
  });
  expect(res).toMatchObject({
    ok: false,
    error: {
      code: 'PRICE_PARITY_VIOLATION',
      details: [
        { path: 'memberPrices.koc', message: '品牌KOC价 ¥130.00 高于 标价 ¥129.00' },
        { path: 'memberPrices.koc', message: '品牌KOC价 ¥130.00 高于 天猫价 ¥129.00' },
        { path: 'memberPrices.koc', message: '品牌KOC价 ¥130.00 高于 门店价 ¥129.00' },
        { path: 'memberPrices.koc', message: '品牌KOC价 ¥130.00 高于 复购会员价 ¥109.00' },
      ],
    },
  });
  expect(stored('p-mug')).toEqual(original);
});

test('an edit keeps what it does not send (images, description, channels, stock) and the seed’s extra fields', async () => {
  const original = stored('p-drip-bags');
  const res = await admin(ADMIN, {
    action: 'saveProduct',
    productId: 'p-drip-bags',
    name: '山川日常挂耳 12 片装',
    category: '挂耳',
    listPriceFen: 5900,
    memberPrices: { member: 5200, buyer: 4900, repeat_buyer: 4700, koc: 4500 },
  });
  expect(res).toMatchObject({
    ok: true,
    data: {
      product: {
        _id: 'p-drip-bags',
        name: '山川日常挂耳 12 片装',
        status: 'on_sale',
        stock: 1200,
        images: original.images,
        channelPrices: original.channelPrices,
        memberPrices: { member: 5200 },
      },
    },
  });
  expect(stored('p-drip-bags')).toMatchObject({ brand: '山川咖啡', subtitle: original.subtitle, sort: 2, stock: 1200, updatedBy: ADMIN });
  const restocked = await admin(ADMIN, {
    action: 'saveProduct',
    productId: 'p-drip-bags',
    name: '山川日常挂耳 12 片装',
    category: '挂耳',
    listPriceFen: 5900,
    memberPrices: { member: 5200, buyer: 4900, repeat_buyer: 4700, koc: 4500 },
    stock: 0,
  });
  expect(restocked.data.product.stock).toBe(0);
  expect((await p.call('shop', CUSTOMER, { action: 'product', productId: 'p-drip-bags' })).data.product).toMatchObject({ inStock: false, myPriceFen: 4900 });
});

test('a product whose stored prices break parity cannot be put on sale until fixed', async () => {
  const refused = await admin(ADMIN, { action: 'setProductStatus', productId: 'p-legacy', status: 'on_sale' });
  expect(refused).toMatchObject({
    ok: false,
    error: {
      code: 'PRICE_PARITY_VIOLATION',
      message: expect.stringContaining('（共 2 处）'),
      details: [{ path: 'memberPrices.koc' }, { path: 'memberPrices.koc' }],
    },
  });
  expect(stored('p-legacy').status).toBe('off_shelf');
  expect(await admin(ADMIN, { action: 'setProductStatus', productId: 'p-legacy', status: 'off_shelf' })).toMatchObject({ ok: true });
});

test('a moderator cannot save or change status; a customer cannot even list; all audited, nothing changed', async () => {
  const before = JSON.stringify(all(p, 'products'));
  expect(await admin(MOD, { action: 'saveProduct', ...newBeans })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await admin(MOD, { action: 'setProductStatus', productId: 'p-yirgacheffe', status: 'off_shelf' })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
  expect(await admin(CUSTOMER, { action: 'productsList' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await admin(CUSTOMER, { action: 'saveProduct', ...newBeans })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(JSON.stringify(all(p, 'products'))).toBe(before);
  expect(audit()).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ actor: MOD, action: 'products.save', outcome: 'denied' }),
      expect.objectContaining({ actor: MOD, action: 'products.status', outcome: 'denied' }),
      expect.objectContaining({ actor: CUSTOMER, action: 'products.list', outcome: 'denied' }),
      expect.objectContaining({ actor: CUSTOMER, action: 'products.save', outcome: 'denied' }),
    ]),
  );
});

test('unknown products are NOT_FOUND, and audited as failed', async () => {
  expect(await admin(ADMIN, { action: 'saveProduct', ...newBeans, productId: 'p-missing' })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND', message: '商品不存在或已被删除' },
  });
  expect(await admin(ADMIN, { action: 'setProductStatus', productId: 'p-missing', status: 'on_sale' })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  expect(all(p, 'products', { _id: 'p-missing' })).toHaveLength(0);
  expect(audit()).toContainEqual(expect.objectContaining({ actor: ADMIN, action: 'products.save', outcome: 'failed', detail: 'NOT_FOUND' }));
});

describe('malformed input gets VALIDATION_FAILED with the field, and changes nothing', () => {
  test.each([
    ['a price in yuan with decimals', { memberPrices: { member: 115.5, buyer: 10900, repeat_buyer: 10500, koc: 9900 } }, 'memberPrices.member'],
    ['a negative channel price', { channelPrices: [{ channel: '天猫', priceFen: -1 }] }, 'channelPrices.0.priceFen'],
    ['a price as a string', { listPriceFen: '128.00' }, 'listPriceFen'],
    ['a missing tier price', { memberPrices: { member: 11500, buyer: 10900, repeat_buyer: 10500 } }, 'memberPrices.koc'],
    ['an extra tier price', { memberPrices: { member: 11500, buyer: 10900, repeat_buyer: 10500, koc: 9900, follower: 100 } }, 'memberPrices'],
    [
      'a repeated channel',
      {
        channelPrices: [
          { channel: '天猫', priceFen: 11800 },
          { channel: '天猫', priceFen: 11700 },
        ],
      },
      'channelPrices.1.channel',
    ],
    ['a status sneaked into a save', { status: 'on_sale' }, ''],
    ['member-only for followers', { memberOnlyFromTier: 'follower' }, 'memberOnlyFromTier'],
    ['a new product without stock', { stock: undefined }, 'stock'],
    ['an image that is not https or cloud', { images: ['http://x/y.png'] }, 'images.0'],
    ['an empty name', { name: '  ' }, 'name'],
  ])('%s', async (_name, extra, path) => {
    const before = all(p, 'products').length;
    const res = await admin(ADMIN, { action: 'saveProduct', ...newBeans, ...extra });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('输入有误') } });
    expect(res.error.details.map((d: any) => d.path)).toContain(path);
    expect(all(p, 'products')).toHaveLength(before);
  });

  test('setProductStatus only knows on_sale and off_shelf; unknown admin actions are typed', async () => {
    expect(await admin(ADMIN, { action: 'setProductStatus', productId: 'p-mug', status: 'deleted' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await admin(ADMIN, { action: 'deleteProduct', productId: 'p-mug' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
    expect(stored('p-mug').status).toBe('on_sale');
  });
});
