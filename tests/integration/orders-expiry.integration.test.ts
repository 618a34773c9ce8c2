/**
 * The `orders-expire` timer asks WeChat Pay before it closes an unpaid order (engineer A's finding):
 * a genuine payment whose notification never got through (lost, not acknowledged, refused) is
 * recorded as paid, with its effects, instead of the order being closed and the money refunded.
 * An order nobody paid is closed as before; one WeChat Pay cannot answer for waits a run, and is
 * closed after the grace.
 */
import type { Database } from '../../core/platform/database';
import { PAY_QUERY_GRACE_MS } from '../../core/orders/order.rules';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { all, memberWithPoints, sdkDb } from './rewards-helpers';
import { beans, putProduct } from './shop-helpers';
import { control, fireTimer, order, PAY_ENV, shop } from './orders-helpers';

jest.setTimeout(60_000);
let p: ProductEmulator;
let db: Database;
const MINUTE = 60_000;
const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);

beforeAll(async () => {
  p = await startProductEmulator(PAY_ENV);
  db = sdkDb();
});
afterAll(async () => {
  quiet.mockRestore();
  await p.emu.close();
});

let seq = 0;
async function buyer(): Promise<{ m: string; pid: string }> {
  const m = `o-exp-${seq}`;
  const pid = `p-exp-${seq++}`;
  await memberWithPoints(db, m, 'member', 0);
  await putProduct(db, pid, beans({ stock: 10 }));
  return { m, pid };
}
const one = (collection: string, id: string) => all(p, collection, { _id: id })[0];

/** Runs `during` while the payment and jobs functions cannot reach WeChat Pay (no merchant number configured). */
async function withoutWeChatPay<T>(during: () => Promise<T>): Promise<T> {
  const saved = process.env.FLYWHEEL_PAY_SUB_MCH_ID;
  delete process.env.FLYWHEEL_PAY_SUB_MCH_ID;
  try {
    return await during();
  } finally {
    process.env.FLYWHEEL_PAY_SUB_MCH_ID = saved;
  }
}

test('paid at WeChat Pay but its notification never got through: the expiry job records it as paid, with its effects, instead of closing it', async () => {
  const { m, pid } = await buyer();
  const o = await order(p, m, [{ productId: pid, qty: 2 }]);
  expect(await shop(p, m, { action: 'pay', orderId: o._id })).toMatchObject({ ok: true });
  // The member pays; the notification arrives while the function cannot confirm it, so it is not
  // acknowledged — and (in this test) never delivered again.
  const lost = await withoutWeChatPay(() => control(p, `/control/payments/${o._id}/confirm`, {}));
  expect(lost.body.delivery.result).toEqual({ errcode: 1, errmsg: 'retry later' });
  expect(one('orders', o._id).status).toBe('pending_payment');

  p.emu.clock.advance(16 * MINUTE);
  const run = await fireTimer(p, 'orders-expire');
  expect(run).toMatchObject({ ok: true, data: { paid: 1, expired: 0, waiting: 0 } });
  expect(one('orders', o._id)).toMatchObject({ status: 'paid', transactionId: expect.any(String), pointsEarned: 230, stock: 'taken', closedAt: null });
  expect(one('members', m)).toMatchObject({ tier: 'buyer', points: 230 });
  expect(one('products', pid)).toMatchObject({ stock: 8, holds: {} });
  expect(all(p, 'refunds', { orderId: o._id })).toEqual([]);
  expect(all(p, 'order_events', { orderId: o._id, status: 'pending' })).toEqual([]);

  // WeChat Pay delivers the notification after all: a replay, nothing more.
  expect((await control(p, `/control/payments/${o._id}/confirm`, {})).body.delivery.result).toEqual({ errcode: 0, errmsg: 'OK' });
  expect(await fireTimer(p, 'orders-expire')).toMatchObject({ ok: true, data: { paid: 0, expired: 0 } });
  expect(all(p, 'points_entries', { memberId: m })).toHaveLength(1);
  expect(one('members', m).points).toBe(230);
});

test('nobody paid: the order is closed as before, whether the member never reached the cashier or left it', async () => {
  const never = await buyer();
  const left = await buyer();
  const a = await order(p, never.m, [{ productId: never.pid, qty: 1 }]);
  const b = await order(p, left.m, [{ productId: left.pid, qty: 1 }]);
  expect(await shop(p, left.m, { action: 'pay', orderId: b._id })).toMatchObject({ ok: true });
  p.emu.clock.advance(16 * MINUTE);
  expect(await fireTimer(p, 'orders-expire')).toMatchObject({ ok: true, data: { expired: 2, paid: 0, waiting: 0 } });
  for (const [o, pid] of [
    [a, never.pid],
    [b, left.pid],
  ] as const) {
    expect(one('orders', o._id)).toMatchObject({ status: 'closed', closeReason: 'expired' });
    expect(one('products', pid)).toMatchObject({ stock: 10, holds: {} });
  }
  // WeChat Pay no longer takes the payment the member left.
  expect((await control(p, `/control/payments/${b._id}`)).body.payment.status).toBe('CLOSED');
});

test('WeChat Pay cannot be asked: the order keeps its stock for a later run, and is closed once the grace has passed', async () => {
  const { m, pid } = await buyer();
  const o = await order(p, m, [{ productId: pid, qty: 3 }]);
  p.emu.clock.advance(16 * MINUTE);
  await withoutWeChatPay(async () => {
    expect(await fireTimer(p, 'orders-expire')).toMatchObject({ ok: true, data: { waiting: 1, expired: 0 } });
    expect(one('orders', o._id).status).toBe('pending_payment');
    expect(one('products', pid).stock).toBe(7);
    p.emu.clock.advance(PAY_QUERY_GRACE_MS);
    expect(await fireTimer(p, 'orders-expire')).toMatchObject({ ok: true, data: { waiting: 0, expired: 1 } });
  });
  expect(one('orders', o._id)).toMatchObject({ status: 'closed', closeReason: 'expired' });
  expect(one('products', pid)).toMatchObject({ stock: 10, holds: {} });
});
