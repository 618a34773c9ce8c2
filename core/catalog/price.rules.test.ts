import fc from 'fast-check';
import { TIERS, tierRank, type Tier } from '../members/tiers';
import { MEMBER_TIERS, type PricedProduct } from './catalog.model';
import { checkParity, formatFen, isFen, nextTierOffer, parityMessage, priceFor, tierPrices, visibleTo } from './price.rules';

/** 耶加雪菲 from the demo brand: a product that keeps parity. */
const beans: PricedProduct = {
  listPriceFen: 12800,
  channelPrices: [
    { channel: '天猫', priceFen: 11800 },
    { channel: '京东', priceFen: 11900 },
    { channel: '门店', priceFen: 12800 },
  ],
  memberPrices: { member: 11500, buyer: 10900, repeat_buyer: 10500, koc: 9900 },
  memberOnlyFromTier: null,
};
const withPrices = (memberPrices: Partial<PricedProduct['memberPrices']>, extra: Partial<PricedProduct> = {}): PricedProduct => ({
  ...beans,
  ...extra,
  memberPrices: { ...beans.memberPrices, ...memberPrices },
});

describe('money', () => {
  test.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [9900, '¥99.00'],
    [12345, '¥123.45'],
    [-150, '-¥1.50'],
  ])('%d fen is %s', (fen, text) => expect(formatFen(fen)).toBe(text));

  test.each([
    [0, true],
    [100, true],
    [1.5, false],
    [-1, false],
    [NaN, false],
    [Infinity, false],
    ['100', false],
    [null, false],
  ])('isFen(%p) is %p', (v, expected) => {
    expect(isFen(v)).toBe(expected);
  });
});

describe('priceFor', () => {
  test.each([
    ['follower', 12800],
    ['member', 11500],
    ['buyer', 10900],
    ['repeat_buyer', 10500],
    ['koc', 9900],
  ] as const)('a %s pays %d fen', (tier, fen) => expect(priceFor(beans, tier)).toBe(fen));

  test('a follower pays the list price even when channels are cheaper', () => {
    expect(priceFor(beans, 'follower')).toBe(12800);
  });

  test('stored prices that break the rules are still capped: list, channels, lower steps', () => {
    const broken = withPrices({ member: 13000, buyer: 11000, repeat_buyer: 12000, koc: 11700 });
    expect(priceFor(broken, 'member')).toBe(11800); // not above 天猫
    expect(priceFor(broken, 'buyer')).toBe(11000);
    expect(priceFor(broken, 'repeat_buyer')).toBe(11000); // not above 已购会员
    expect(priceFor(broken, 'koc')).toBe(11000);
  });

  test('a missing member price falls back to the cheapest of list and channels', () => {
    const missing = { ...beans, memberPrices: { buyer: 10900 } as PricedProduct['memberPrices'] };
    expect(priceFor(missing, 'member')).toBe(11800);
    expect(priceFor(missing, 'buyer')).toBe(10900);
  });

  test('tierPrices lists the whole ladder, follower = list', () => {
    expect(tierPrices(beans)).toEqual([
      { tier: 'follower', tierName: '基础用户', priceFen: 12800 },
      { tier: 'member', tierName: '未购会员', priceFen: 11500 },
      { tier: 'buyer', tierName: '已购会员', priceFen: 10900 },
      { tier: 'repeat_buyer', tierName: '复购会员', priceFen: 10500 },
      { tier: 'koc', tierName: '品牌KOC', priceFen: 9900 },
    ]);
  });
});

describe('nextTierOffer', () => {
  test.each([
    ['follower', { tier: 'member', tierName: '未购会员', priceFen: 11500 }],
    ['member', { tier: 'buyer', tierName: '已购会员', priceFen: 10900 }],
    ['buyer', { tier: 'repeat_buyer', tierName: '复购会员', priceFen: 10500 }],
    ['repeat_buyer', { tier: 'koc', tierName: '品牌KOC', priceFen: 9900 }],
    ['koc', null],
  ] as const)('for a %s: %p', (tier, offer) => expect(nextTierOffer(beans, tier)).toEqual(offer));

  test('skips steps that pay the same and offers the first that pays less', () => {
    const flat = withPrices({ member: 12800, buyer: 12800, repeat_buyer: 11000, koc: 11000 }, { channelPrices: [] });
    expect(nextTierOffer(flat, 'follower')).toEqual({ tier: 'repeat_buyer', tierName: '复购会员', priceFen: 11000 });
    expect(nextTierOffer(flat, 'repeat_buyer')).toBeNull();
  });

  test('no offer when every step pays the list price', () => {
    const same = withPrices({ member: 12800, buyer: 12800, repeat_buyer: 12800, koc: 12800 }, { channelPrices: [] });
    expect(TIERS.map((t) => nextTierOffer(same, t))).toEqual([null, null, null, null, null]);
  });
});

describe('visibleTo', () => {
  test.each([
    [null, 'follower', true],
    [null, 'koc', true],
    ['member', 'follower', false],
    ['member', 'member', true],
    ['buyer', 'member', false],
    ['buyer', 'buyer', true],
    ['buyer', 'koc', true],
    ['koc', 'repeat_buyer', false],
    ['koc', 'koc', true],
  ] as const)('member-only from %p, seen by a %s: %p', (from, tier, visible) => {
    expect(visibleTo({ memberOnlyFromTier: from }, tier)).toBe(visible);
  });

  test('a follower never sees a member-only product, even one marked from 基础用户 in bad data', () => {
    expect(visibleTo({ memberOnlyFromTier: 'follower' as never }, 'follower')).toBe(false);
  });
});

describe('checkParity', () => {
  test('the demo product keeps parity', () => expect(checkParity(beans)).toEqual([]));

  test('equal to the list price and to the cheapest channel is allowed', () => {
    expect(checkParity(withPrices({ member: 11800, buyer: 11800, repeat_buyer: 11800, koc: 11800 }))).toEqual([]);
  });

  test.each([
    [
      'above the list price',
      withPrices({ member: 13000 }, { channelPrices: [] }),
      [{ path: 'memberPrices.member', message: '未购会员价 ¥130.00 高于 标价 ¥128.00' }],
    ],
    [
      'above a channel price',
      withPrices({ member: 9800, buyer: 9800, repeat_buyer: 9800, koc: 9900 }, { channelPrices: [{ channel: '天猫', priceFen: 9800 }] }),
      [
        { path: 'memberPrices.koc', message: '品牌KOC价 ¥99.00 高于 天猫价 ¥98.00' },
        { path: 'memberPrices.koc', message: '品牌KOC价 ¥99.00 高于 复购会员价 ¥98.00' },
      ],
    ],
    [
      'a higher step paying more than a lower one',
      withPrices({ repeat_buyer: 11000 }),
      [{ path: 'memberPrices.repeat_buyer', message: '复购会员价 ¥110.00 高于 已购会员价 ¥109.00' }],
    ],
    [
      'compared with the cheapest lower step, not only the next one',
      withPrices({ member: 11000, buyer: 11400, repeat_buyer: 11200 }),
      [
        { path: 'memberPrices.buyer', message: '已购会员价 ¥114.00 高于 未购会员价 ¥110.00' },
        { path: 'memberPrices.repeat_buyer', message: '复购会员价 ¥112.00 高于 未购会员价 ¥110.00' },
      ],
    ],
    ['a non-integer member price', withPrices({ buyer: 109.5 }), [{ path: 'memberPrices.buyer', message: '已购会员价须为非负整数（分）' }]],
    ['a negative member price', withPrices({ koc: -1 }), [{ path: 'memberPrices.koc', message: '品牌KOC价须为非负整数（分）' }]],
    [
      'a missing member price',
      { ...beans, memberPrices: { member: 11500, buyer: 10900, repeat_buyer: 10500 } as PricedProduct['memberPrices'] },
      [{ path: 'memberPrices.koc', message: '品牌KOC价未设置' }],
    ],
    ['a bad list price', withPrices({}, { listPriceFen: 128.5 }), [{ path: 'listPriceFen', message: '标价须为非负整数（分）' }]],
    [
      'a bad channel price',
      withPrices({}, { channelPrices: [{ channel: '京东', priceFen: -100 }] }),
      [{ path: 'channelPrices.0.priceFen', message: '京东价须为非负整数（分）' }],
    ],
    [
      'an empty or repeated channel',
      withPrices(
        {},
        {
          channelPrices: [
            { channel: ' ', priceFen: 12800 },
            { channel: '天猫', priceFen: 12800 },
            { channel: '天猫', priceFen: 12800 },
          ],
        },
      ),
      [
        { path: 'channelPrices.0.channel', message: '渠道名称不能为空' },
        { path: 'channelPrices.2.channel', message: '渠道「天猫」重复' },
      ],
    ],
  ] as const)('%s', (_name, product, violations) => {
    expect(checkParity(product as PricedProduct)).toEqual(violations);
  });

  test('lists every violation of a product, each with its field', () => {
    const bad = withPrices({ member: 13000, buyer: 12000, repeat_buyer: 12500, koc: 9900 });
    const v = checkParity(bad);
    expect(v).toEqual([
      { path: 'memberPrices.member', message: '未购会员价 ¥130.00 高于 标价 ¥128.00' },
      { path: 'memberPrices.member', message: '未购会员价 ¥130.00 高于 天猫价 ¥118.00' },
      { path: 'memberPrices.member', message: '未购会员价 ¥130.00 高于 京东价 ¥119.00' },
      { path: 'memberPrices.member', message: '未购会员价 ¥130.00 高于 门店价 ¥128.00' },
      { path: 'memberPrices.buyer', message: '已购会员价 ¥120.00 高于 天猫价 ¥118.00' },
      { path: 'memberPrices.buyer', message: '已购会员价 ¥120.00 高于 京东价 ¥119.00' },
      { path: 'memberPrices.repeat_buyer', message: '复购会员价 ¥125.00 高于 天猫价 ¥118.00' },
      { path: 'memberPrices.repeat_buyer', message: '复购会员价 ¥125.00 高于 京东价 ¥119.00' },
      { path: 'memberPrices.repeat_buyer', message: '复购会员价 ¥125.00 高于 已购会员价 ¥120.00' },
    ]);
    expect(parityMessage(v.slice(0, 2))).toBe('会员价不符合价格规则：未购会员价 ¥130.00 高于 标价 ¥128.00；未购会员价 ¥130.00 高于 天猫价 ¥118.00（共 2 处）');
  });
});

describe('properties', () => {
  const fen = fc.integer({ min: 0, max: 50_000 });
  const channels = fc.uniqueArray(fc.record({ channel: fc.constantFrom('天猫', '京东', '门店', '抖音'), priceFen: fen }), {
    maxLength: 4,
    selector: (c) => c.channel,
  });
  const anyProduct = fc.record({
    listPriceFen: fen,
    channelPrices: channels,
    memberPrices: fc.record({ member: fen, buyer: fen, repeat_buyer: fen, koc: fen }),
    memberOnlyFromTier: fc.constantFrom(null, ...MEMBER_TIERS),
  });
  // Random prices almost never keep parity; half the products are built near the boundary
  // (member prices stepping down from the cheapest channel, some equal, some a fen over).
  const nearValid = fc.tuple(anyProduct, fc.array(fc.integer({ min: -1, max: 300 }), { minLength: 4, maxLength: 4 })).map(([p, steps]) => {
    let cap = Math.min(p.listPriceFen, ...p.channelPrices.map((c) => c.priceFen));
    const prices = steps.map((d) => (cap = Math.max(0, cap - d)));
    return { ...p, memberPrices: { member: prices[0], buyer: prices[1], repeat_buyer: prices[2], koc: prices[3] } };
  });
  const product = fc.oneof(anyProduct, nearValid);
  const tier = fc.constantFrom<Tier>(...TIERS);

  test('a product that passes checkParity never charges a higher step more, nor a member more than list or any channel', () => {
    fc.assert(
      fc.property(product, tier, tier, (p, a, b) => {
        fc.pre(checkParity(p).length === 0);
        const [low, high] = tierRank(a) <= tierRank(b) ? [a, b] : [b, a];
        expect(priceFor(p, high)).toBeLessThanOrEqual(priceFor(p, low));
        expect(priceFor(p, a)).toBeLessThanOrEqual(p.listPriceFen);
        if (a !== 'follower') for (const c of p.channelPrices) expect(priceFor(p, a)).toBeLessThanOrEqual(c.priceFen);
        // And for valid data the charged price is exactly the stored one.
        if (a !== 'follower') expect(priceFor(p, a)).toBe(p.memberPrices[a]);
      }),
      { numRuns: 2000 },
    );
  });

  test('whatever is stored, a member never pays more than list, any channel or a lower step', () => {
    fc.assert(
      fc.property(product, tier, (p, t) => {
        const price = priceFor(p, t);
        expect(isFen(price)).toBe(true);
        if (t === 'follower') return;
        expect(price).toBeLessThanOrEqual(p.listPriceFen);
        for (const c of p.channelPrices) expect(price).toBeLessThanOrEqual(c.priceFen);
        for (const lower of TIERS.filter((x) => tierRank(x) < tierRank(t))) expect(price).toBeLessThanOrEqual(priceFor(p, lower));
      }),
    );
  });

  test('a next-tier offer is a higher step that pays strictly less, and the nearest such', () => {
    fc.assert(
      fc.property(product, tier, (p, t) => {
        const offer = nextTierOffer(p, t);
        const cheaper = TIERS.filter((x) => tierRank(x) > tierRank(t) && priceFor(p, x) < priceFor(p, t));
        if (!offer) return expect(cheaper).toEqual([]);
        expect(offer.tier).toBe(cheaper[0]);
        expect(offer.priceFen).toBe(priceFor(p, offer.tier));
      }),
    );
  });
});
