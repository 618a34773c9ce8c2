import { ladderFormOf, multiplierToPermille, permilleToMultiplier, readLadderForm } from './ladder-form-model';

describe('multipliers: 倍 on the form, ‰ in the configuration', () => {
  it.each([
    [1000, '1'],
    [1200, '1.2'],
    [1250, '1.25'],
    [1255, '1.255'],
    [5000, '5'],
  ])('%p‰ is %p 倍 and back', (permille, text) => {
    expect(permilleToMultiplier(permille)).toBe(text);
    expect(multiplierToPermille(text)).toBe(permille);
  });

  it.each(['', '1.2345', '-1', 'x', '1,5', '.5'])('refuses %p', (text) => {
    expect(multiplierToPermille(text)).toBeNull();
  });
});

describe('readLadderForm', () => {
  const config = {
    periodDays: 180,
    graceDays: 30,
    thresholds: { buyerOrders: 1, repeatBuyerOrders: 2, kocFriends: 1 },
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
