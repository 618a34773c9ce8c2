import { formatFen } from './money';

describe('formatFen', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [30, '¥0.30'],
    [100, '¥1.00'],
    [1234, '¥12.34'],
    [19900, '¥199.00'],
    [123456789, '¥1234567.89'],
    [-5, '-¥0.05'],
    [-1999, '-¥19.99'],
  ])('shows %p fen as %p', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it('has no float error on amounts that are not exact in binary', () => {
    expect(formatFen(10 + 20)).toBe('¥0.30');
    expect(formatFen(Number.MAX_SAFE_INTEGER)).toBe('¥90071992547409.91');
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])('refuses %p, which is not whole fen', (bad) => {
    expect(() => formatFen(bad)).toThrow(TypeError);
  });
});
