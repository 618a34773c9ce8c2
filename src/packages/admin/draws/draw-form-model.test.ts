import { newDrawForm, readDrawForm, type DrawForm } from './draw-form-model';

const filled = (over: Partial<DrawForm> = {}): DrawForm => ({
  ...newDrawForm(new Date(2025, 3, 1, 9, 30, 45)),
  productId: 'p-kettle',
  title: '限量手冲壶',
  units: '3',
  waitlistLength: '2',
  ...over,
});

describe('the create-draw form', () => {
  it('starts open now (to the minute), closing a day later and drawing ten minutes after that', () => {
    const form = newDrawForm(new Date(2025, 3, 1, 9, 30, 45));
    expect([form.opensAt, form.closesAt, form.drawAt]).toEqual(['2025-04-01 09:30', '2025-04-02 09:30', '2025-04-02 09:40']);
    expect([form.minTier, form.minMemberDays, form.purchaseHours, form.waitlistLength]).toEqual(['member', '0', '24', '0']);
  });

  it('sends numbers and ISO times', () => {
    const read = readDrawForm(filled({ minTier: 'buyer', minMemberDays: '7', description: '  每人一次  ' }));
    expect(read).toEqual({
      ok: true,
      payload: {
        productId: 'p-kettle',
        title: '限量手冲壶',
        description: '每人一次',
        units: 3,
        waitlistLength: 2,
        opensAt: new Date(2025, 3, 1, 9, 30).toISOString(),
        closesAt: new Date(2025, 3, 2, 9, 30).toISOString(),
        drawAt: new Date(2025, 3, 2, 9, 40).toISOString(),
        minTier: 'buyer',
        minMemberDays: 7,
        purchaseHours: 24,
      },
    });
  });

  it('names each field that is not a whole number or a time, and a missing product', () => {
    const read = readDrawForm(filled({ productId: '', units: '2.5', purchaseHours: '', closesAt: '2025-02-30 10:00', drawAt: 'tomorrow' }));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(Object.keys(read.errors).sort()).toEqual(['closesAt', 'drawAt', 'productId', 'purchaseHours', 'units']);
  });

  it('leaves the rules to the server: a close before the open is sent as typed', () => {
    const read = readDrawForm(filled({ closesAt: '2025-03-01 10:00' }));
    expect(read.ok).toBe(true);
  });
});
