import { isOrderFilter, payBeforeText, unitsText } from './order-text';

const local = (d: number, h: number, m: number) => new Date(2025, 2, d, h, m).toISOString();

describe('order texts', () => {
  it('says by when to pay: the time today, the date and time another day', () => {
    const now = new Date(2025, 2, 4, 14, 5);
    expect(payBeforeText(local(4, 14, 30), now)).toBe('请在 14:30 前支付');
    expect(payBeforeText(local(5, 0, 5), now)).toBe('请在 3月5日 00:05 前支付');
    expect(payBeforeText('not a date', now)).toBe('');
  });

  it('counts units and knows the list filters', () => {
    expect(unitsText([{ qty: 2 }, { qty: 1 }])).toBe('共 3 件');
    expect(isOrderFilter('refund')).toBe(true);
    expect(isOrderFilter('refunded')).toBe(false);
  });
});
