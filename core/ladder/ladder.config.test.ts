import { z } from 'zod';
import { benefitsOf, DEFAULT_LADDER_CONFIG as C, ladderConfigSchema, ladderConfigShape, parseLadderConfig, type LadderConfig } from './ladder.config';
import { multiplierText } from './ladder.text';
import { ladderOverview } from './ladder.view';

const withChange = (change: (c: LadderConfig) => void): unknown => {
  const copy = structuredClone(C);
  change(copy);
  return copy;
};

describe('ladder configuration', () => {
  test('the defaults are valid: 180-day period, 30-day grace, 1/2 orders, 1 friend, ×1 ×1 ×1.2 ×1.5 ×2', () => {
    expect(parseLadderConfig(C)).toEqual({ ok: true, data: C });
    expect(Object.values(C.benefits).map((b) => b.pointsMultiplierPermille)).toEqual([1000, 1000, 1200, 1500, 2000]);
  });

  test.each<[string, unknown, string, string]>([
    [
      'repeat must be more than buyer',
      withChange((c) => (c.thresholds.repeatBuyerOrders = 1)),
      'thresholds.repeatBuyerOrders',
      '复购会员的订单数需大于已购会员的订单数',
    ],
    ['thresholds are positive', withChange((c) => (c.thresholds.buyerOrders = 0)), 'thresholds.buyerOrders', '已购会员订单数至少为 1'],
    ['thresholds are integers', withChange((c) => (c.thresholds.kocFriends = 1.5)), 'thresholds.kocFriends', '品牌KOC好友数需为正整数'],
    ['the period is at least a day', withChange((c) => (c.periodDays = 0)), 'periodDays', '统计周期至少 1 天'],
    ['the grace is at most a year', withChange((c) => (c.graceDays = 366)), 'graceDays', '保级期最多 365 天'],
    [
      'multipliers are at least ×1',
      withChange((c) => (c.benefits.member.pointsMultiplierPermille = 999)),
      'benefits.member.pointsMultiplierPermille',
      '积分倍数不能低于 1000‰（1 倍）',
    ],
    [
      'multipliers are at most ×5',
      withChange((c) => (c.benefits.koc.pointsMultiplierPermille = 5001)),
      'benefits.koc.pointsMultiplierPermille',
      '积分倍数不能高于 5000‰（5 倍）',
    ],
    [
      'a higher step never earns less',
      withChange((c) => (c.benefits.repeat_buyer.pointsMultiplierPermille = 1100)),
      'benefits.repeat_buyer.pointsMultiplierPermille',
      '复购会员的积分倍数不能低于已购会员',
    ],
    [
      'a higher step never loses an eligibility',
      withChange((c) => (c.benefits.koc.drawsEligible = false)),
      'benefits.koc.drawsEligible',
      '复购会员可参与抽签时，品牌KOC也应可以',
    ],
    ['every step has its benefits', withChange((c) => delete (c.benefits as Partial<LadderConfig['benefits']>).koc), 'benefits.koc', ''],
    ['unknown fields are refused', { ...C, bonus: 1 }, '', ''],
  ])('%s', (_name, input, path, message) => {
    const res = parseLadderConfig(input);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('LADDER_CONFIG_INVALID');
    expect(res.error.message).toMatch(/^等级配置有误：/);
    if (path) expect(res.error.details).toContainEqual({ path, message: message ? message : expect.any(String) });
  });

  test('benefits carry the member price level, which is the tier itself', () => {
    expect(benefitsOf(C, 'repeat_buyer')).toEqual({
      tier: 'repeat_buyer',
      priceLevel: 'repeat_buyer',
      pointsMultiplierPermille: 1500,
      perksEligible: true,
      drawsEligible: true,
    });
  });

  test('multipliers in words use integer arithmetic', () => {
    expect([1000, 1200, 1250, 1500, 2000, 1005].map(multiplierText)).toEqual(['1', '1.2', '1.25', '1.5', '2', '1.005']);
  });

  test('the overview lists the five steps with requirements and benefits in words', () => {
    const { steps, periodDays, graceDays } = ladderOverview(C);
    expect({ periodDays, graceDays }).toEqual({ periodDays: 180, graceDays: 30 });
    expect(steps.map((s) => [s.name, s.requirement])).toEqual([
      ['基础用户', '打开小程序即可'],
      ['未购会员', '同意会员协议，加入会员'],
      ['已购会员', '近 180 天有 1 笔已支付且未退款的订单'],
      ['复购会员', '近 180 天有 2 笔已支付且未退款的订单'],
      ['品牌KOC', '复购会员，且近 180 天至少 1 位好友通过你的分享购买'],
    ]);
    expect(steps[0].benefitLines).toEqual(['1 倍积分', '按商品原价购买']);
    expect(steps[3].benefitLines).toEqual(['1.5 倍积分', '享复购会员价', '可参与限量抽签', '可解锁好友助力福利']);
  });
});

/** Every property path of a JSON schema with its type: the structure, without ranges. */
function structureOf(schema: any, path = ''): string[] {
  if (schema.type !== 'object') return [`${path}:${schema.type}`];
  return Object.keys(schema.properties)
    .sort()
    .flatMap((k) => structureOf(schema.properties[k], path ? `${path}.${k}` : k))
    .concat(schema.additionalProperties === false ? [] : [`${path}:open`]);
}

describe('the configuration shape the admin entry checks', () => {
  test('has exactly the keys and types of the rules, every object closed', () => {
    const shape = structureOf(z.toJSONSchema(ladderConfigShape, { io: 'input' }));
    expect(shape).toEqual(
      structureOf(z.toJSONSchema(ladderConfigSchema, { io: 'input', unrepresentable: 'any' })).map((p) => p.replace(':integer', ':number')),
    );
    expect(shape.some((p) => p.endsWith(':open'))).toBe(false);
    expect(shape).toHaveLength(2 + 3 + 5 * 3);
  });

  test('accepts what the rules accept, and leaves ranges to them', () => {
    expect(ladderConfigShape.safeParse(C).success).toBe(true);
    expect(ladderConfigShape.safeParse(withChange((c) => (c.graceDays = 9999))).success).toBe(true);
  });

  test.each<[string, unknown]>([
    ['an extra key at the top', { ...C, bonus: 1 }],
    ['an extra key in a tier', withChange((c) => ((c.benefits.koc as any).$set = 1))],
    ['a dotted key', { ...C, 'thresholds.buyerOrders': 1 }],
    ['a string for a number', withChange((c) => ((c as any).periodDays = '180'))],
    ['an object for a number', withChange((c) => ((c.thresholds as any).kocFriends = { $gt: 0 }))],
    ['a missing tier', withChange((c) => delete (c.benefits as any).koc)],
    ['an array', [C]],
    ['a 1 MB string', { ...C, periodDays: 'x'.repeat(1 << 20) }],
  ])('refuses %s', (_name, input) => {
    expect(ladderConfigShape.safeParse(input).success).toBe(false);
  });
});
