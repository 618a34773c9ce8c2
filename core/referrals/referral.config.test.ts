import { REFUND_WINDOW_DAYS } from '../catalog/sale-terms';
import { z } from 'zod';
import { DEFAULT_REFERRAL_CONFIG as C, parseReferralConfig, referralConfigSchema, referralConfigShape, type ReferralConfig } from './referral.config';

const withChange = (change: (c: ReferralConfig) => void): unknown => {
  const copy = structuredClone(C);
  change(copy);
  return copy;
};

describe('referral configuration', () => {
  test('the defaults are valid, and the hold is the refund window', () => {
    expect(parseReferralConfig(C)).toEqual({ ok: true, data: C });
    expect(C.holdDays).toBe(REFUND_WINDOW_DAYS);
  });

  test.each<[string, unknown, string, string]>([
    ['the window is at least a day', withChange((c) => (c.attributionWindowDays = 0)), 'attributionWindowDays', '归因窗口至少 1 天'],
    ['the window is at most 30 days', withChange((c) => (c.attributionWindowDays = 31)), 'attributionWindowDays', '归因窗口最多 30 天'],
    [
      'the hold is never shorter than the refund window, and says why',
      withChange((c) => (c.holdDays = REFUND_WINDOW_DAYS - 1)),
      'holdDays',
      `冻结期不能短于退款期（${REFUND_WINDOW_DAYS} 天）：退款期内的退款会撤销转化，奖励须在退款期结束后才发放`,
    ],
    ['the hold is at most 30 days', withChange((c) => (c.holdDays = 31)), 'holdDays', '冻结期最多 30 天'],
    ['the reward is not negative', withChange((c) => (c.rewardPoints = -1)), 'rewardPoints', '分享奖励不能为负数'],
    ['the reward is at most 100000', withChange((c) => (c.rewardPoints = 100_001)), 'rewardPoints', '分享奖励最多 100000 积分'],
    ['the reward is whole points', withChange((c) => (c.rewardPoints = 1.5)), 'rewardPoints', '分享奖励需为整数'],
    ['an order pays at least a fen', withChange((c) => (c.minOrderPayFen = 0)), 'minOrderPayFen', '最低实付金额至少 0.01 元'],
    ['the daily cap is at least 1', withChange((c) => (c.dailyRewardCap = 0)), 'dailyRewardCap', '每日奖励上限至少 1 笔'],
    ['the daily cap is at most 1000', withChange((c) => (c.dailyRewardCap = 1001)), 'dailyRewardCap', '每日奖励上限最多 1000 笔'],
    ['the burst window is positive', withChange((c) => (c.burst.windowMinutes = 0)), 'burst.windowMinutes', '集中加入时段至少 1 分钟'],
    ['the burst count is positive', withChange((c) => (c.burst.maxReferrals = 0)), 'burst.maxReferrals', '集中加入人数至少 1 位'],
    ['the inactive thresholds are positive', withChange((c) => (c.inactive.minActivePermille = 0)), 'inactive.minActivePermille', '最低下单比例至少 1 ‰'],
    ['a share above 100% is refused', withChange((c) => (c.inactive.minActivePermille = 1001)), 'inactive.minActivePermille', '最低下单比例最多 1000 ‰'],
    ['a missing number is named', withChange((c) => delete (c as Partial<ReferralConfig>).dailyRewardCap), 'dailyRewardCap', '每日奖励上限需为整数'],
    ['unknown fields are refused', { ...C, bonus: 1 }, '', ''],
  ])('%s', (_name, input, path, message) => {
    const res = parseReferralConfig(input);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('VALIDATION_FAILED');
    expect(res.error.message).toMatch(/^推荐规则有误：/);
    if (path) expect(res.error.details).toContainEqual({ path, message });
  });

  test('every wrong field is named at once', () => {
    const res = parseReferralConfig({ ...C, attributionWindowDays: 0, rewardPoints: -5, burst: { windowMinutes: 0, maxReferrals: 0 } });
    expect(res.ok || res.error.details?.map((d) => d.path)).toEqual(['attributionWindowDays', 'rewardPoints', 'burst.windowMinutes', 'burst.maxReferrals']);
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
    const shape = structureOf(z.toJSONSchema(referralConfigShape, { io: 'input' }));
    expect(shape).toEqual(structureOf(z.toJSONSchema(referralConfigSchema, { io: 'input' })).map((p) => p.replace(':integer', ':number')));
    expect(shape.some((p) => p.endsWith(':open'))).toBe(false);
    expect(shape).toHaveLength(5 + 2 + 3);
  });

  test('accepts what the rules accept, and leaves ranges to them', () => {
    expect(referralConfigShape.safeParse(C).success).toBe(true);
    expect(referralConfigShape.safeParse({ ...C, holdDays: 1 }).success).toBe(true);
  });

  test.each<[string, unknown]>([
    ['an extra key at the top', { ...C, bonus: 1 }],
    ['an operator key in a group', { ...C, burst: { ...C.burst, $inc: 1 } }],
    ['a dotted key', { ...C, 'burst.windowMinutes': 1 }],
    ['a string for a number', { ...C, rewardPoints: '100' }],
    ['a missing group', { ...C, inactive: undefined }],
    ['null', null],
  ])('refuses %s', (_name, input) => {
    expect(referralConfigShape.safeParse(input).success).toBe(false);
  });
});
