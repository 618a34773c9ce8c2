import { readAdjustForm } from '../adjust/adjust-form-model';
import { ladderFormOf, multiplierToPermille, permilleToMultiplier, readLadderForm } from '../ladder/ladder-form-model';
import { readRewardForm, rewardFormOf } from '../rewards/reward-form-model';

describe('multipliers: 倍 on the form, ‰ in the configuration', () => {
  it.each([[1000, '1'], [1200, '1.2'], [1250, '1.25'], [1255, '1.255'], [5000, '5']])('%p‰ is %p 倍 and back', (permille, text) => {
    expect(permilleToMultiplier(permille)).toBe(text);
    expect(multiplierToPermille(text)).toBe(permille);
  });

  it.each(['', '1.2345', '-1', 'x', '1,5', '.5'])('refuses %p', (text) => {
    expect(multiplierToPermille(text)).toBeNull();
  });
});

describe('readLadderForm', () => {
  const config = {
    periodDays: 180, graceDays: 30, thresholds: { buyerOrders: 1, repeatBuyerOrders: 2, kocFriends: 1 },
    benefits: {
      follower: { pointsMultiplierPermille: 1000, perksEligible: false, drawsEligible: false },
      member: { pointsMultiplierPermille: 1000, perksEligible: true, drawsEligible: true },
      buyer: { pointsMultiplierPermille: 1200, perksEligible: true, drawsEligible: true },
      repeat_buyer: { pointsMultiplierPermille: 1500, perksEligible: true, drawsEligible: true },
      koc: { pointsMultiplierPermille: 2000, perksEligible: true, drawsEligible: true },
    },
  };

  it('round-trips a configuration', () => {
    expect(readLadderForm(ladderFormOf(config))).toEqual({ ok: true, config });
  });

  it('keys what is not a number by the configuration path the server uses', () => {
    const form = ladderFormOf(config);
    const read = readLadderForm({ ...form, kocFriends: 'two', benefits: { ...form.benefits, koc: { ...form.benefits.koc, multiplier: '' } } });
    expect(read).toEqual({ ok: false, errors: { 'thresholds.kocFriends': '请填写整数', 'benefits.koc.pointsMultiplierPermille': expect.any(String) } });
  });
});

describe('readRewardForm', () => {
  it('a product has no coupon, and a new reward needs stock', () => {
    const form = { ...rewardFormOf(null), title: '帆布袋', kind: 'product' as const, pointsCost: '800', valueYuan: 'junk' };
    expect(readRewardForm(form, null)).toEqual({ ok: false, errors: { stock: '请填写库存' } });
    const read = readRewardForm({ ...form, stock: '0' }, null);
    expect(read).toEqual({ ok: true, payload: expect.objectContaining({ kind: 'product', coupon: null, stock: 0, pointsCost: 800 }) });
  });

  it('refuses money with more than two decimals, keyed by the coupon field path', () => {
    const form = { ...rewardFormOf(null), title: '券', pointsCost: '1', stock: '1', valueYuan: '1.005' };
    expect(readRewardForm(form, null)).toEqual({ ok: false, errors: { 'coupon.valueFen': expect.stringContaining('最多两位小数') } });
  });
});

describe('readAdjustForm', () => {
  it('signs the amount and trims', () => {
    expect(readAdjustForm({ openid: ' o1 ', sign: -1, amount: '30', reason: ' 收回 ' })).toEqual({ ok: true, input: { openid: 'o1', amount: -30, reason: '收回' } });
  });

  it('refuses more than 1,000,000 and a fraction', () => {
    expect(readAdjustForm({ openid: 'o1', sign: 1, amount: '1000001', reason: '补发积分' })).toMatchObject({ ok: false, errors: { amount: '单次调整不超过 1,000,000 积分' } });
    expect(readAdjustForm({ openid: 'o1', sign: 1, amount: '1.5', reason: '补发积分' })).toMatchObject({ ok: false, errors: { amount: '积分调整必须为整数' } });
  });
});
