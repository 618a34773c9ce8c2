/**
 * Payments under a burst (issue 11, "hold up under a burst"), through the built functions and
 * WeChat Pay's simulation, with the emulator's own tallies (`GET /control/stats`): transactions
 * started and aborted, database calls, function time-limit hits.
 *
 *  - Friends of one popular sharer (25, 50, 100) pay at once: every payment records its conversion,
 *    no more than the daily cap is pending (the rest flagged for review), and the sharer's cap does
 *    not serialise them (few aborted transactions).
 *  - 10, 50 and 200 concurrent buyers, half of them friends of one sharer: checkout, then the
 *    payment notifications, each phase at once. Targets: under 5% of transactions aborted, no
 *    time-limit hit, and the database calls per payment notification stay at the bar.
 *  - Refund approvals (units back on sale), payment notifications and new checkouts of one
 *    popular product, all at once: no transaction conflicts on the product document (every write
 *    to it is a conditional update outside transactions) and its stock exact.
 *
 * Counts and ratios only, never timings.
 */
import type { Database } from '../../core/platform/database';
import { DEFAULT_REFERRAL_CONFIG } from '../../core/referrals/referral.config';
import { admin, control, newRequestId, PAY_ENV, shop } from './orders-helpers';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { all, memberWithPoints, sdkDb, staff } from './rewards-helpers';
import { beans, putProduct } from './shop-helpers';
import { shareCode, visit } from './referrals-helpers';

jest.setTimeout(300_000);

let p: ProductEmulator;
let db: Database;
let seq = 0;
const PRODUCT = 'p-burst';
const CAP = DEFAULT_REFERRAL_CONFIG.dailyRewardCap;
/** Database calls for one friend's payment notification, the first of the sharer's day (bench:orders). */
const FRIEND_PAYMENT_BAR = 34;

beforeAll(async () => {
  // 200 simultaneous SDK requests share sockets; Node's default of 10 listeners per socket is only a leak heuristic.
  require('node:events').defaultMaxListeners = 500;
  p = await startProductEmulator(PAY_ENV);
  db = sdkDb();
  await putProduct(db, PRODUCT, beans({ stock: 100_000 }));
});
afterAll(() => p.emu.close());

interface Tally {
  started: number;
  aborted: number;
  committed: number;
  dbCalls: number;
  timeouts: number;
  failures: number;
  /** Transaction writes refused on a `products` document (another transaction held it or wrote it first). */
  productConflicts: number;
}

async function tally(): Promise<Tally> {
  const { body } = await control(p, '/control/stats');
  const fns = Object.values(body.functions as Record<string, { timeouts: number; failures: number }>);
  const dbCalls = Object.entries(body.requests as Record<string, number>)
    .filter(([k]) => k.startsWith('database.'))
    .reduce((s, [, n]) => s + n, 0);
  return {
    started: body.transactions.started,
    aborted: body.transactions.aborted,
    committed: body.transactions.committed,
    dbCalls,
    timeouts: fns.reduce((s, f) => s + f.timeouts, 0),
    failures: fns.reduce((s, f) => s + f.failures, 0),
    productConflicts: body.transactions.conflictsByCollection?.products ?? 0,
  };
}

/** What happened between two tallies. */
async function measured<T>(run: () => Promise<T>): Promise<{ result: T; delta: Tally }> {
  const before = await tally();
  const result = await run();
  const after = await tally();
  const delta = Object.fromEntries(Object.keys(after).map((k) => [k, after[k as keyof Tally] - before[k as keyof Tally]])) as unknown as Tally;
  return { result, delta };
}

const abortedShare = (t: Tally) => (t.started === 0 ? 0 : t.aborted / t.started);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

async function sharerWithCode(tag: string): Promise<{ sharer: string; code: string }> {
  const sharer = `o-burst-${tag}-sharer-${seq++}`;
  await memberWithPoints(db, sharer, 'member', 0);
  return { sharer, code: await shareCode(p, sharer) };
}

/** Members ready to buy; those given a code opened that card first (the sharer's friends). */
async function buyers(tag: string, n: number, friendCode: (i: number) => string | null): Promise<string[]> {
  const ids = Array.from({ length: n }, (_v, i) => `o-burst-${tag}-${seq++}-${i}`);
  for (const [i, b] of ids.entries()) {
    await memberWithPoints(db, b, 'member', 0);
    const code = friendCode(i);
    if (code) {
      const v = await visit(p, b, code);
      if (!v.ok) throw new Error(`visit: ${JSON.stringify(v.error)}`);
    }
  }
  return ids;
}

/** Creates the order and starts its payment (the member is at the cashier); returns the order id. */
async function atCashier(buyer: string, productId = PRODUCT): Promise<string> {
  const created = await shop(p, buyer, { action: 'createOrder', requestId: newRequestId('burst'), lines: [{ productId, qty: 1 }] });
  if (!created.ok) throw new Error(`createOrder: ${JSON.stringify(created.error)}`);
  const started = await shop(p, buyer, { action: 'pay', orderId: created.data.order._id });
  if (!started.ok) throw new Error(`pay: ${JSON.stringify(started.error)}`);
  return created.data.order._id;
}

/** WeChat Pay confirms the payment and delivers its notification to the payment function. */
async function confirm(orderId: string): Promise<any> {
  const res = await control(p, `/control/payments/${orderId}/confirm`, {});
  if (res.status !== 200) throw new Error(`confirm ${orderId}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.delivery?.result;
}

describe('friends of one popular sharer pay at once', () => {
  test.each([25, 50, 100])('%i friends: each payment records its conversion, the cap (20 a day) is exact, and they do not serialise', async (n) => {
    const { sharer, code } = await sharerWithCode(`cap${n}`);
    const friends = await buyers(`cap${n}`, n, () => code);
    const orders: string[] = [];
    for (const f of friends) orders.push(await atCashier(f));

    const { result: acks, delta } = await measured(() => Promise.all(orders.map(confirm)));
    expect(acks.every((a) => a?.errcode === 0 && a.errmsg === 'OK')).toBe(true);

    const conversions = all(p, 'conversions', { sharerId: sharer });
    expect(conversions).toHaveLength(n);
    expect(conversions.filter((c) => c.status === 'pending')).toHaveLength(Math.min(n, CAP));
    expect(conversions.filter((c) => c.status === 'flagged' && c.flags.includes('daily_cap'))).toHaveLength(Math.max(0, n - CAP));
    expect(all(p, 'referral_flags', { sharerId: sharer, status: 'open' })).toHaveLength(Math.max(0, n - CAP));
    // The cap's places: exactly the cap (never more), each held by one pending conversion.
    const places = all(p, 'referral_cap_slots', { sharerId: sharer });
    expect(places).toHaveLength(1);
    const held = Object.keys(places[0].orders);
    expect(places[0].taken).toBe(held.length);
    expect(held.sort()).toEqual(
      conversions
        .filter((c) => c.status === 'pending')
        .map((c) => c._id)
        .sort(),
    );
    expect(conversions.filter((c) => c.capPlace)).toHaveLength(Math.min(n, CAP));
    expect(all(p, 'order_events', { type: 'referral_convert', status: 'pending' }).filter((e) => orders.includes(e.orderId))).toHaveLength(0);

    console.log(
      `${n} friends of one sharer pay at once: transactions ${delta.started} started, ${delta.aborted} aborted (${pct(abortedShare(delta))}); ` +
        `${(delta.dbCalls / n).toFixed(1)} database calls per payment; time-limit hits ${delta.timeouts}; ${conversions.length} conversions, ${held.length} cap places taken`,
    );
    expect(delta.timeouts).toBe(0);
    expect(delta.failures).toBe(0);
    expect(abortedShare(delta)).toBeLessThan(0.05);
    // No retries inflate the round trips: at most bench:orders' bar for one friend's payment.
    expect(delta.dbCalls / n).toBeLessThanOrEqual(FRIEND_PAYMENT_BAR);
  });
});

describe('mixed buyers at once (half of them friends of one sharer)', () => {
  test.each([10, 50, 200])('%i concurrent buyers: under 5%% of transactions aborted, no time-limit hit', async (n) => {
    const { sharer, code } = await sharerWithCode(`mix${n}`);
    const people = await buyers(`mix${n}`, n, (i) => (i % 2 === 0 ? code : null));

    const checkout = await measured(() => Promise.all(people.map((b) => atCashier(b))));
    const orders = checkout.result;
    const payment = await measured(() => Promise.all(orders.map(confirm)));
    expect(payment.result.every((a) => a?.errcode === 0 && a.errmsg === 'OK')).toBe(true);

    const paid = orders.map((id) => all(p, 'orders', { _id: id })[0]);
    expect(paid.every((o) => o.status === 'paid' && typeof o.pointsEarned === 'number')).toBe(true);
    expect(all(p, 'conversions', { sharerId: sharer })).toHaveLength(Math.ceil(n / 2));
    expect(all(p, 'order_events', { status: 'pending' }).filter((e) => orders.includes(e.orderId))).toHaveLength(0);

    for (const [phase, t] of [
      ['checkout', checkout.delta],
      ['payment', payment.delta],
    ] as const) {
      console.log(
        `${n} concurrent buyers, ${phase}: transactions ${t.started} started, ${t.aborted} aborted (${pct(abortedShare(t))}); ` +
          `${(t.dbCalls / n).toFixed(1)} database calls per ${phase === 'checkout' ? 'buyer (create + pay)' : 'payment notification'}; time-limit hits ${t.timeouts}`,
      );
      expect(t.timeouts).toBe(0);
      expect(t.failures).toBe(0);
      expect(abortedShare(t)).toBeLessThan(0.05);
      if (phase === 'payment') expect(t.dbCalls / n).toBeLessThanOrEqual(FRIEND_PAYMENT_BAR);
    }
  });
});

describe('refunds, payments and checkouts of one popular product at once', () => {
  const ADMIN = 'o-burst-admin';

  test.each([10, 50])('%i of each: no transaction conflict on the product, its stock exact, every refund restocked once', async (n) => {
    const product = `p-burst-refunds-${n}`;
    const initial = 10_000;
    await putProduct(db, product, beans({ stock: initial }));
    await staff(db, ADMIN, 'admin');
    // Paid orders whose refunds wait for staff; orders at the cashier; buyers about to check out.
    const refunders = await buyers(`ref${n}`, n, () => null);
    const refunded: string[] = [];
    for (const b of refunders) {
      const orderId = await atCashier(b, product);
      await confirm(orderId);
      const asked = await shop(p, b, { action: 'requestRefund', orderId, reason: '不想要了' });
      if (!asked.ok) throw new Error(`requestRefund: ${JSON.stringify(asked.error)}`);
      refunded.push(orderId);
    }
    const payers = await buyers(`pay${n}`, n, () => null);
    const paying: string[] = [];
    for (const b of payers) paying.push(await atCashier(b, product));
    const newcomers = await buyers(`new${n}`, n, () => null);

    const { result, delta } = await measured(() =>
      Promise.all([
        Promise.all(refunded.map((orderId) => admin(p, ADMIN, { action: 'decideRefund', refundId: `R${orderId}`, decision: 'approve', restock: true }))),
        Promise.all(paying.map(confirm)),
        Promise.all(newcomers.map((b) => atCashier(b, product))),
      ]),
    );
    const [decisions, acks, checkedOut] = result;
    expect(decisions.filter((d) => !d.ok)).toEqual([]);
    expect(acks.every((a) => a?.errcode === 0 && a.errmsg === 'OK')).toBe(true);

    // Stock: the refunded units are back, the paid ones sold, the new checkouts held; nothing else.
    const doc = all(p, 'products', { _id: product })[0];
    expect(doc.stock).toBe(initial - paying.length - checkedOut.length);
    expect(Object.keys(doc.holds ?? {}).sort()).toEqual([...checkedOut].sort());
    expect(Object.keys(doc.restocks ?? {}).sort()).toEqual([...refunded].sort());
    expect(Object.values(doc.restocks ?? {}).every((m: any) => m.qty === 1)).toBe(true);
    const events = all(p, 'order_events', {}).filter((e) => refunded.includes(e.orderId) || paying.includes(e.orderId));
    expect(events.filter((e) => e.status !== 'done')).toEqual([]);
    expect(events.filter((e) => e.type === 'stock_restore')).toHaveLength(n);
    // The points and the ladder fact were applied in each approval's own transaction.
    expect(events.filter((e) => e.type === 'points_reverse' || e.type === 'ladder_refunded')).toEqual([]);
    expect(all(p, 'points_entries', {}).filter((e) => refunded.some((id) => e._id === `order:${id}:reverse`))).toHaveLength(n);

    console.log(
      `${n} refund approvals + ${n} payments + ${n} checkouts of one product at once: transactions ${delta.started} started, ${delta.aborted} aborted (${pct(abortedShare(delta))}), ` +
        `${delta.productConflicts} conflicts on the product; ${(delta.dbCalls / (3 * n)).toFixed(1)} database calls per operation; time-limit hits ${delta.timeouts}`,
    );
    expect(delta.productConflicts).toBe(0);
    expect(delta.timeouts).toBe(0);
    expect(delta.failures).toBe(0);
    expect(abortedShare(delta)).toBeLessThan(0.05);
  });
});
