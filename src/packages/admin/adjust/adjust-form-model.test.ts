import { readAdjustForm } from './adjust-form-model';

describe('readAdjustForm', () => {
  it('signs the amount and trims', () => {
    expect(readAdjustForm({ openid: ' o1 ', sign: -1, amount: '30', reason: ' 收回 ' })).toEqual({
      ok: true,
      input: { openid: 'o1', amount: -30, reason: '收回' },
    });
  });

  it('refuses more than 1,000,000 and a fraction', () => {
    expect(readAdjustForm({ openid: 'o1', sign: 1, amount: '1000001', reason: '补发积分' })).toMatchObject({
      ok: false,
      errors: { amount: '单次调整不超过 1,000,000 积分' },
    });
    expect(readAdjustForm({ openid: 'o1', sign: 1, amount: '1.5', reason: '补发积分' })).toMatchObject({ ok: false, errors: { amount: '积分调整必须为整数' } });
  });
});
