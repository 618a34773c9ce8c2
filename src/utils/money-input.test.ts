import { fenToYuanInput, parseYuanToFen } from './money-input';

describe('parseYuanToFen', () => {
  it.each([
    ['12', 1200],
    ['12.5', 1250],
    ['12.50', 1250],
    ['0.05', 5],
    ['0', 0],
    [' 8.8 ', 880],
    ['19.99', 1999],
  ])('reads %p yuan as %p fen', (text, fen) => {
    expect(parseYuanToFen(text)).toBe(fen);
  });

  it.each(['', '-1', '1.234', 'abc', '1,000', '.5', '1.', '¥10'])('refuses %p', (text) => {
    expect(parseYuanToFen(text)).toBeNull();
  });

  it('round-trips with fenToYuanInput', () => {
    for (const fen of [0, 5, 30, 1250, 1999, 100000]) expect(parseYuanToFen(fenToYuanInput(fen))).toBe(fen);
    expect(fenToYuanInput(1200)).toBe('12.00');
  });
});
