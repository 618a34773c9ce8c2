import { ladderView } from '@/test-support/admin-fixtures';
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
  const config = ladderView().config;

  it('round-trips a configuration', () => {
    expect(readLadderForm(ladderFormOf(config))).toEqual({ ok: true, config });
  });

  it('keys what is not a number by the configuration path the server uses', () => {
    const form = ladderFormOf(config);
    const read = readLadderForm({ ...form, kocFriends: 'two', benefits: { ...form.benefits, koc: { ...form.benefits.koc, multiplier: '' } } });
    expect(read).toEqual({ ok: false, errors: { 'thresholds.kocFriends': '请填写整数', 'benefits.koc.pointsMultiplierPermille': expect.any(String) } });
  });
});
