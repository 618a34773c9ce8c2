import { couponConditionText, couponTermsText, debtChangeText, expiringSentence, pointsTone, signedPoints } from './points-text';

describe('points text', () => {
  it.each([
    [120, '+120', 'gain'],
    [-300, '-300', 'loss'],
    [0, '0', 'none'],
  ] as const)('a change of %p reads %p in %p', (delta, text, tone) => {
    expect(signedPoints(delta)).toBe(text);
    expect(pointsTone(delta)).toBe(tone);
  });

  it('says what a line did to the debt', () => {
    expect(debtChangeText(50)).toBe('另有 50 积分计入待抵扣');
    expect(debtChangeText(-30)).toBe('其中 30 积分抵扣了待扣积分');
    expect(debtChangeText(0)).toBe('');
  });

  it('says how many points expire on which day', () => {
    expect(expiringSentence(200, new Date(2025, 3, 3, 23, 59).toISOString())).toBe('200 积分将于 4月3日 过期');
  });

  it('writes coupon terms from integer fen', () => {
    expect(couponTermsText({ valueFen: 1000, minSpendFen: 5000 })).toBe('满 ¥50.00 减 ¥10.00');
    expect(couponTermsText({ valueFen: 550, minSpendFen: 0 })).toBe('无门槛减 ¥5.50');
    expect(couponConditionText(9900)).toBe('满 ¥99.00 可用');
    expect(couponConditionText(0)).toBe('无门槛使用');
  });
});
