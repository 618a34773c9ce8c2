import { readRewardForm, rewardFormOf } from './reward-form-model';

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
