/**
 * Orders under concurrency through the emulator: many buyers of the last units, one buyer
 * tapping many times, and concurrent payment notifications. Stock is never oversold and never
 * goes negative; every unit is accounted for by exactly one hold or sale.
 */
import type { Database } from '../../core/platform/database';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { all, memberWithPoints, sdkDb } from './rewards-helpers';
import { beans, putProduct } from './shop-helpers';
import { control, newRequestId, order, PAY_ENV, shop } from './orders-helpers';

let p: ProductEmulator;
let db: Database;
const product = (id: string) => p.emu.db.find({ collection: 'products', query: { _id: id }, limit: 1 })[0] as any;
const tally = (results: any[]): Record<string, number> =>
  results.reduce((t: Record<string, number>, r) => ({ ...t, [r.ok ? 'ok' : r.error.code]: (t[r.ok ? 'ok' : r.error.code] ?? 0) + 1 }), {});

beforeAll(async () => {
  // 200 simultaneous SDK requests share sockets; Node's default of 10 listeners per socket is only a leak heuristic.
  require('node:events').defaultMaxListeners = 250;
  p = await startProductEmulator(PAY_ENV);
  db = sdkDb();
});
afterAll(() => p.emu.close());

test('200 concurrent orders for a product with stock 20 reserve exactly 20', async () => {
  await putProduct(db, 'p-hot', beans({ stock: 20 }));
  const buyers = Array.from({ length: 200 }, (_, i) => `o-rush-${i}`);
  for (const b of buyers) await memberWithPoints(db, b, 'member', 0);
  const results = await Promise.all(
    buyers.map((b) => shop(p, b, { action: 'createOrder', requestId: newRequestId('rush'), lines: [{ productId: 'p-hot', qty: 1 }] })),
  );
  const counts = tally(results);
  console.log('200 concurrent orders, stock 20:', counts);
  expect(counts.ok).toBe(20);
  expect(counts.ok + (counts.ORDER_OUT_OF_STOCK ?? 0)).toBe(200);
  const after = product('p-hot');
  expect(after.stock).toBe(0);
  expect(Object.keys(after.holds)).toHaveLength(20);
  expect(all(p, 'orders', { 'lines.productId': 'p-hot' })).toHaveLength(20);
});

test('one member tapping “submit” 10 times at once gets one order and holds one unit', async () => {
  await putProduct(db, 'p-tap', beans({ stock: 5 }));
  await memberWithPoints(db, 'o-tapper', 'member', 0);
  const requestId = newRequestId('tap');
  const results = await Promise.all(
    Array.from({ length: 10 }, () => shop(p, 'o-tapper', { action: 'createOrder', requestId, lines: [{ productId: 'p-tap', qty: 1 }] })),
  );
  expect(tally(results)).toEqual({ ok: 10 });
  expect(new Set(results.map((r) => r.data.order._id)).size).toBe(1);
  expect(results.filter((r) => !r.data.replayed).length).toBeLessThanOrEqual(1);
  expect(product('p-tap').stock).toBe(4);
  expect(all(p, 'orders', { memberId: 'o-tapper' })).toHaveLength(1);
});

test('5 concurrent deliveries of one payment notification credit points once', async () => {
  await putProduct(db, 'p-notify', beans({ stock: 5 }));
  await memberWithPoints(db, 'o-notify', 'member', 0);
  const o = await order(p, 'o-notify', [{ productId: 'p-notify', qty: 1 }]);
  await shop(p, 'o-notify', { action: 'pay', orderId: o._id });
  const first = await control(p, `/control/payments/${o._id}/confirm`, {});
  const event = first.body.delivery.event;
  const again = await Promise.all(Array.from({ length: 5 }, () => p.emu.invoke('payment', event, { OPENID: '' })));
  expect(again.map((r) => r.result)).toEqual(Array(5).fill({ errcode: 0, errmsg: 'OK' }));
  expect(all(p, 'points_entries', { memberId: 'o-notify' })).toHaveLength(1);
  expect(p.emu.db.find({ collection: 'members', query: { _id: 'o-notify' }, limit: 1 })[0]).toMatchObject({ points: 115, tier: 'buyer' });
});
