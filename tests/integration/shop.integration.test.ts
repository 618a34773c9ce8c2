/**
 * The shop function, built as deployed, through the emulator with the real SDK: every caller sees
 * their own tier's price and what the next step would pay; member-only products stay hidden below
 * their step; the client cannot send its own prices or tier.
 */
import type { Database } from '../../core/platform/database';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { memberWithPoints, sdkDb } from './rewards-helpers';
import { beans, putProduct, seedDemoProducts } from './shop-helpers';

let p: ProductEmulator;
let db: Database;
const FOLLOWER = 'o-shop-follower';
const MEMBER = 'o-shop-member';
const BUYER = 'o-shop-buyer';
const KOC = 'o-shop-koc';

beforeAll(async () => {
  p = await startProductEmulator();
  db = sdkDb();
  await seedDemoProducts(db);
  await putProduct(db, 'p-off', beans({ name: '已下架', status: 'off_shelf', sort: 0 }));
  await putProduct(db, 'p-sold-out', beans({ name: '售罄', stock: 0, sort: 6 }));
  await putProduct(db, 'p-koc-only', beans({ name: 'KOC 专享', memberOnlyFromTier: 'koc', sort: 7 }));
  await memberWithPoints(db, FOLLOWER, 'follower', 0);
  await memberWithPoints(db, MEMBER, 'member', 0);
  await memberWithPoints(db, BUYER, 'buyer', 0);
  await memberWithPoints(db, KOC, 'koc', 0);
});
afterAll(() => p.emu.close());

const shop = (openid: string, event: Record<string, unknown>) => p.call('shop', openid, event);
const catalogOf = async (openid: string) => {
  const res = await shop(openid, { action: 'catalog' });
  expect(res.ok).toBe(true);
  return res.data.products as any[];
};
const card = (cards: any[], id: string) => cards.find((c) => c._id === id);

describe('catalog at the caller’s own price', () => {
  test('a follower sees list prices, what joining would pay, and no member-only products', async () => {
    const cards = await catalogOf(FOLLOWER);
    expect(cards.map((c) => c._id)).toEqual(['p-yirgacheffe', 'p-drip-bags', 'p-cold-brew', 'p-mug', 'p-sold-out']);
    expect(card(cards, 'p-yirgacheffe')).toEqual({
      _id: 'p-yirgacheffe',
      name: '耶加雪菲 水洗 咖啡豆 250g',
      subtitle: '柑橘与茉莉花香，浅烘',
      category: '咖啡豆',
      image: 'cloud://flywheel-local.test/products/p-yirgacheffe.svg',
      listPriceFen: 12800,
      myPriceFen: 12800,
      myTier: 'follower',
      myTierName: '基础用户',
      nextTierOffer: { tier: 'member', tierName: '未购会员', priceFen: 11500 },
      memberOnlyFromTier: null,
      inStock: true,
    });
    expect(card(cards, 'p-sold-out')).toMatchObject({ inStock: false, image: null });
  });

  test('a member pays the member price and is offered the 已购会员 price; 已购会员-only stays hidden', async () => {
    const cards = await catalogOf(MEMBER);
    expect(cards.map((c) => c._id)).not.toContain('p-geisha-limited');
    expect(card(cards, 'p-yirgacheffe')).toMatchObject({
      myPriceFen: 11500,
      myTier: 'member',
      myTierName: '未购会员',
      nextTierOffer: { tier: 'buyer', tierName: '已购会员', priceFen: 10900 },
    });
    expect(card(cards, 'p-mug')).toMatchObject({ myPriceFen: 11900, nextTierOffer: { tier: 'buyer', priceFen: 11500 } });
  });

  test('a buyer sees the 已购会员-only product at their price, offered the 复购会员 price', async () => {
    const cards = await catalogOf(BUYER);
    expect(cards.map((c) => c._id)).toEqual(['p-yirgacheffe', 'p-drip-bags', 'p-cold-brew', 'p-geisha-limited', 'p-mug', 'p-sold-out']);
    expect(card(cards, 'p-geisha-limited')).toMatchObject({
      listPriceFen: 39800,
      myPriceFen: 36800,
      memberOnlyFromTier: 'buyer',
      nextTierOffer: { tier: 'repeat_buyer', tierName: '复购会员', priceFen: 34800 },
    });
    expect(card(cards, 'p-drip-bags')).toMatchObject({ myPriceFen: 4900, myTierName: '已购会员' });
  });

  test('a KOC pays the lowest price and has nothing further to be offered; KOC-only products appear', async () => {
    const cards = await catalogOf(KOC);
    expect(cards.map((c) => c._id)).toContain('p-koc-only');
    expect(card(cards, 'p-yirgacheffe')).toMatchObject({ myPriceFen: 9900, myTier: 'koc', myTierName: '品牌KOC', nextTierOffer: null });
    expect(card(cards, 'p-cold-brew')).toMatchObject({ myPriceFen: 7300, nextTierOffer: null });
  });

  test('someone who never opened the app is priced as a follower; nothing is written for them', async () => {
    const cards = await catalogOf('o-shop-stranger');
    expect(card(cards, 'p-cold-brew')).toMatchObject({ myPriceFen: 8900, myTier: 'follower' });
    expect(p.emu.db.find({ collection: 'members', query: { _id: 'o-shop-stranger' }, limit: 1 })).toHaveLength(0);
  });

  test('the price follows the tier stored on the server the moment it changes', async () => {
    const id = 'o-shop-climber';
    await memberWithPoints(db, id, 'member', 0);
    expect(card(await catalogOf(id), 'p-yirgacheffe').myPriceFen).toBe(11500);
    await db
      .collection('members')
      .doc(id)
      .update({ data: { tier: 'repeat_buyer' } });
    expect(card(await catalogOf(id), 'p-yirgacheffe')).toMatchObject({
      myPriceFen: 10500,
      myTier: 'repeat_buyer',
      nextTierOffer: { tier: 'koc', priceFen: 9900 },
    });
  });
});

describe('product page', () => {
  test('shows every image, the channel prices and the whole ladder of prices', async () => {
    const res = await shop(BUYER, { action: 'product', productId: 'p-yirgacheffe' });
    expect(res).toEqual({
      ok: true,
      data: {
        product: expect.objectContaining({
          _id: 'p-yirgacheffe',
          myPriceFen: 10900,
          myTier: 'buyer',
          nextTierOffer: { tier: 'repeat_buyer', tierName: '复购会员', priceFen: 10500 },
          images: ['cloud://flywheel-local.test/products/p-yirgacheffe.svg'],
          channelPrices: [
            { channel: '天猫', priceFen: 11800 },
            { channel: '京东', priceFen: 11900 },
            { channel: '门店', priceFen: 12800 },
          ],
          tierPrices: [
            { tier: 'follower', tierName: '基础用户', priceFen: 12800 },
            { tier: 'member', tierName: '未购会员', priceFen: 11500 },
            { tier: 'buyer', tierName: '已购会员', priceFen: 10900 },
            { tier: 'repeat_buyer', tierName: '复购会员', priceFen: 10500 },
            { tier: 'koc', tierName: '品牌KOC', priceFen: 9900 },
          ],
          description: '',
        }),
      },
    });
  });

  test('member-only products are NOT_FOUND below their step, and so are off-shelf and unknown ones', async () => {
    const notFound = { ok: false, error: { code: 'NOT_FOUND', message: '商品不存在或暂不可见' } };
    expect(await shop(FOLLOWER, { action: 'product', productId: 'p-geisha-limited' })).toEqual(notFound);
    expect(await shop(MEMBER, { action: 'product', productId: 'p-geisha-limited' })).toEqual(notFound);
    expect(await shop(BUYER, { action: 'product', productId: 'p-koc-only' })).toEqual(notFound);
    expect(await shop(KOC, { action: 'product', productId: 'p-off' })).toEqual(notFound);
    expect(await shop(KOC, { action: 'product', productId: 'p-nothing-here' })).toEqual(notFound);
    expect((await shop(BUYER, { action: 'product', productId: 'p-geisha-limited' })).data.product.myPriceFen).toBe(36800);
  });
});

describe('the client cannot set its own price or tier', () => {
  test.each([
    ['catalog', { tier: 'koc' }, 'tier'],
    ['catalog', { myPriceFen: 1 }, 'myPriceFen'],
    ['product', { productId: 'p-yirgacheffe', priceFen: 1 }, 'priceFen'],
    ['product', { productId: 'p-yirgacheffe', tier: 'koc', memberPrices: { member: 1 } }, 'tier'],
  ])('%s with %p is refused with VALIDATION_FAILED', async (act, extra, field) => {
    const res = await shop(MEMBER, { action: act, ...extra });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(JSON.stringify(res.error)).toContain(field);
  });

  test('and the price it gets is still the server’s', async () => {
    await shop(MEMBER, { action: 'product', productId: 'p-yirgacheffe', priceFen: 1 });
    expect((await shop(MEMBER, { action: 'product', productId: 'p-yirgacheffe' })).data.product.myPriceFen).toBe(11500);
  });

  test('an OPENID in the event is ignored: identity is the WeChat context', async () => {
    const res = await shop(MEMBER, { action: 'catalog', userInfo: { openId: KOC } });
    expect(card(res.data.products, 'p-yirgacheffe')).toMatchObject({ myTier: 'member', myPriceFen: 11500 });
  });
});

describe('malformed input and unknown actions get typed errors', () => {
  test.each([
    [{ action: 'product' }, 'VALIDATION_FAILED'],
    [{ action: 'product', productId: 42 }, 'VALIDATION_FAILED'],
    [{ action: 'product', productId: '' }, 'VALIDATION_FAILED'],
    [{ action: 'product', productId: '../members/o-x' }, 'VALIDATION_FAILED'],
    [{ action: 'product', productId: 'x'.repeat(65) }, 'VALIDATION_FAILED'],
    [{ action: 'checkout' }, 'UNKNOWN_ACTION'],
    [{}, 'UNKNOWN_ACTION'],
    [{ action: 7 }, 'UNKNOWN_ACTION'],
  ])('%p -> %s', async (event, code) => {
    const res = await shop(MEMBER, event);
    expect(res).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
  });

  test('a call without an OPENID is UNAUTHENTICATED', async () => {
    const { result } = await p.emu.invoke('shop', { action: 'catalog' }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
