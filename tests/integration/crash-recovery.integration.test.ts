/**
 * Recovery from a crash at any step of the multi-step flows (issue 11): checkout (stock hold, then
 * the order), payment (marked paid, then its effects), refund (decided, effects, WeChat Pay's
 * refund and its notification), and the ladder and referral timers. After the platform's own
 * recovery — the client retrying with the same request id, WeChat re-delivering a notification,
 * the timers — the database must be exactly what a run without the crash leaves.
 */
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { crashEveryStep, wipe, type CrashScenario } from './crash-helpers';
import { control, fireTimer, shop } from './orders-helpers';
import { putProduct, beans } from './shop-helpers';
import { join, shareCode, visit } from './referrals-helpers';
import { recordLadderFact } from '../../core/ladder/ladder.usecases';
import { all, expectMemberConsistent, memberWithPoints, sdkDb, staff } from './rewards-helpers';
import { ORPHAN_HOLD_AGE_MS } from '../../core/rewards/rewards.holds.rules';
import { orderIdFor } from '../../core/orders/order.rules';

jest.setTimeout(240_000);

let p: ProductEmulator;
const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
const quietLog = jest.spyOn(console, 'log').mockImplementation(() => undefined);

beforeAll(async () => {
  p = await startProductEmulator({ FLYWHEEL_PAY_SUB_MCH_ID: '1900000109' });
});
afterAll(async () => {
  quiet.mockRestore();
  quietLog.mockRestore();
  await p.emu.close();
});

const MINUTE = 60_000;
let runSeq = 0;
/** Each run pays with a fresh order number: WeChat Pay's own records outlive the database wipe. */
const freshRequestId = () => `crash-${Date.now().toString(36)}-${(runSeq++).toString(36)}`;

async function advance(ms: number): Promise<void> {
  p.emu.clock.advance(ms);
}

/** The timer, run until it reports nothing left to do (each run is bounded, like WeChat's). */
async function drainOrderEvents(): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await advance(10 * MINUTE);
    await fireTimer(p, 'order-events');
  }
}

async function memberWithOrder(qty: number): Promise<{ member: string; orderId: string; requestId: string }> {
  await putProduct(sdkDb(), 'p1', beans({ stock: 5 }));
  const member = 'crash-member';
  await join(p, member);
  const requestId = freshRequestId();
  const res = await shop(p, member, { action: 'createOrder', requestId, lines: [{ productId: 'p1', qty }] });
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  return { member, orderId: res.data.order._id, requestId };
}

async function paid(ctx: { member: string; orderId: string }): Promise<void> {
  const started = await shop(p, ctx.member, { action: 'pay', orderId: ctx.orderId });
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  const confirmed = await control(p, `/control/payments/${started.data.outTradeNo}/confirm`, {});
  if (confirmed.status !== 200) throw new Error(JSON.stringify(confirmed.body));
}

function expectRecovered(result: Awaited<ReturnType<typeof crashEveryStep>>, minCrashPoints: number): void {
  expect(result.crashPoints).toBeGreaterThanOrEqual(minCrashPoints);
  expect(result.runs).toHaveLength(result.crashPoints * 2);
  if (result.mismatches.length) {
    const report = result.mismatches.map((m) => `crash ${m.timing} write ${m.crashPoint} (flow: ${m.outcome})\n${m.diff}`).join('\n\n');
    throw new Error(`${result.mismatches.length} of ${result.runs.length} crash runs did not recover:\n${report}`);
  }
}

const checkout: CrashScenario<{ member: string; requestId: string }> = {
  name: 'checkout',
  async setup(p) {
    await putProduct(sdkDb(), 'p1', beans({ stock: 5 }));
    await join(p, 'crash-member');
    return { member: 'crash-member', requestId: freshRequestId() };
  },
  aliases: (c) => ({ [orderIdFor(c.member, c.requestId)]: '<order>', [c.requestId]: '<request>' }),
  flow: (p, c) => shop(p, c.member, { action: 'createOrder', requestId: c.requestId, lines: [{ productId: 'p1', qty: 2 }] }),
  async recover(p, c) {
    // The client saw an error (or nothing) and retries with the same request id until it gets an answer.
    for (let i = 0; i < 3; i++) {
      const res = await shop(p, c.member, { action: 'createOrder', requestId: c.requestId, lines: [{ productId: 'p1', qty: 2 }] });
      if (res.ok) break;
    }
    // A hold the crash orphaned is given back by the expiry job (after its grace); a live order keeps its own.
    await advance(11 * MINUTE);
    await fireTimer(p, 'orders-expire');
  },
};

test('checkout: a crash after the stock hold or before the order recovers to the same order and stock', async () => {
  expectRecovered(await crashEveryStep(p, checkout), 2);
});

test('checkout: when the member gives up after a crash, the expiry job gives every held unit back', async () => {
  // No retry: the order (if it was written) expires unpaid and a hold without an order is released.
  const abandoned: typeof checkout = {
    ...checkout,
    name: 'checkout-abandoned',
    // Whether a closed order (and its closing event) exists depends on whether the crash came before
    // it was written; the stock must not.
    ignore: ['orders', 'order_events'],
    normalise: (collection, d) => {
      if (collection !== 'products' || !d.holds || Object.keys(d.holds).length > 0) return d;
      const { holds: _none, ...rest } = d;
      return rest;
    },
    async recover(p) {
      await advance(20 * MINUTE);
      await fireTimer(p, 'orders-expire');
    },
  };
  const result = await crashEveryStep(p, abandoned);
  expectRecovered(result, 2);
  const product = p.emu.db.find({ collection: 'products', query: { _id: 'p1' }, limit: 1 })[0] as any;
  expect(product.stock).toBe(5);
  expect(Object.keys(product.holds ?? {})).toEqual([]);
});

type PaidCtx = { member: string; orderId: string; requestId: string };
const payment: CrashScenario<PaidCtx> = {
  name: 'payment',
  setup: () => memberWithOrder(2),
  aliases: (c) => ({ [c.orderId]: '<order>', [c.requestId]: '<request>' }),
  normalise: (collection, d) => (collection === 'orders' ? { ...d, transactionId: d.transactionId ? '<txn>' : d.transactionId } : d),
  flow: (_p, c) => paid(c),
  async recover(_p, c) {
    // WeChat Pay re-delivers a notification until it is acknowledged; the timer applies what is left.
    await control(p, `/control/payments/${c.orderId}/confirm`, {});
    await drainOrderEvents();
  },
};

test('payment: a crash between marking the order paid and applying its effects recovers to one set of effects', async () => {
  expectRecovered(await crashEveryStep(p, payment), 3);
});

type SharedPaidCtx = PaidCtx & { code: string };
const paymentThroughShare: CrashScenario<SharedPaidCtx> = {
  name: 'payment-through-share',
  async setup(p) {
    // A friend who opened a member's card buys: the payment also takes a place under the sharer's
    // daily cap and records the conversion.
    await putProduct(sdkDb(), 'p1', beans({ stock: 5 }));
    await join(p, 'crash-sharer');
    const code = await shareCode(p, 'crash-sharer');
    const member = 'crash-friend';
    await visit(p, member, code);
    await join(p, member);
    const requestId = freshRequestId();
    const res = await shop(p, member, { action: 'createOrder', requestId, lines: [{ productId: 'p1', qty: 1 }] });
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    return { member, orderId: res.data.order._id, requestId, code };
  },
  aliases: (c) => ({ [c.orderId]: '<order>', [c.requestId]: '<request>', [c.code]: '<code>' }),
  normalise: payment.normalise,
  flow: (_p, c) => paid(c),
  recover: payment.recover,
};

test('payment through a friend’s card: a crash around the cap place or the conversion recovers to one place and one conversion', async () => {
  const result = await crashEveryStep(p, paymentThroughShare);
  expectRecovered(result, 5);
  expect(p.emu.db.find({ collection: 'conversions', query: {}, limit: 10 })).toHaveLength(1);
  expect(p.emu.db.find({ collection: 'referral_cap_slots', query: {}, limit: 10 })).toEqual([expect.objectContaining({ sharerId: 'crash-sharer', taken: 1 })]);
});

type RefundCtx = PaidCtx & { admin: string; refundId: string };
const refund: CrashScenario<RefundCtx> = {
  name: 'refund',
  async setup() {
    const o = await memberWithOrder(1);
    await paid(o);
    await drainOrderEvents();
    await staff(sdkDb(), 'crash-admin', 'admin');
    const asked = await shop(p, o.member, { action: 'requestRefund', orderId: o.orderId, reason: '不想要了' });
    if (!asked.ok) throw new Error(JSON.stringify(asked.error));
    return { ...o, admin: 'crash-admin', refundId: asked.data.order.refund?.id ?? `R${o.orderId}` };
  },
  aliases: (c) => ({ [c.orderId]: '<order>', [c.requestId]: '<request>' }),
  normalise: (collection, d) => (collection === 'orders' ? { ...d, transactionId: d.transactionId ? '<txn>' : d.transactionId } : d),
  async flow(_p, c) {
    const decided = await p.call('admin', c.admin, { action: 'decideRefund', refundId: `R${c.orderId}`, decision: 'approve', restock: true });
    // WeChat Pay settles the refund it accepted and notifies the payment function.
    await control(p, `/control/refunds/R${c.orderId}/confirm`, {});
    return decided;
  },
  async recover(_p, c) {
    // Staff see an error and press approve again; the timer sends what is pending to WeChat Pay.
    await p.call('admin', c.admin, { action: 'decideRefund', refundId: `R${c.orderId}`, decision: 'approve', restock: true });
    await drainOrderEvents();
    // WeChat Pay settles (or re-delivers its settlement notice).
    await control(p, `/control/refunds/R${c.orderId}/confirm`, {});
  },
};

test('refund: a crash anywhere in approving, reversing and settling a refund recovers to one reversal', async () => {
  expectRecovered(await crashEveryStep(p, refund), 3);
});

const DAY = 24 * 60 * MINUTE;
const fireJob = (name: string) => fireTimer(p, name);

const ladderNightly: CrashScenario<{ members: string[] }> = {
  name: 'ladder-nightly',
  async setup() {
    // Three repeat buyers whose second order was refunded: the nightly run after the grace moves each down a step.
    const members = ['crash-lad-a', 'crash-lad-b', 'crash-lad-c'];
    const db = sdkDb();
    for (const m of members) {
      await join(p, m);
      await recordLadderFact(db, { kind: 'order_paid', memberId: m, orderId: `${m}-o1`, paidAt: new Date(p.emu.clock.now()) });
      await recordLadderFact(db, { kind: 'order_paid', memberId: m, orderId: `${m}-o2`, paidAt: new Date(p.emu.clock.now()) });
      await recordLadderFact(db, { kind: 'order_refunded', memberId: m, orderId: `${m}-o2`, refundedAt: new Date(p.emu.clock.now()) });
    }
    await advance(31 * DAY);
    return { members };
  },
  // A run's own tallies (members processed, changed) describe that run, not the ladder.
  normalise: (collection, d) => (collection === 'job_checkpoints' ? { ...d, processed: '<tally>', changed: '<tally>' } : d),
  flow: () => fireJob('ladder-nightly'),
  // The next night's run (or WeChat's retry of a failed one) finishes the work from its checkpoint.
  recover: async () => {
    await fireJob('ladder-nightly');
  },
};

test('ladder timer: a crash in the middle of the nightly run is finished by the next run, with one change per member', async () => {
  expectRecovered(await crashEveryStep(p, ladderNightly), 3);
});

type ConfirmCtx = { sharer: string; code: string; friends: string[]; orderIds: string[]; requestIds: string[] };

const byKey = (key: string) => (a: any, b: any) => (String(a[key]) < String(b[key]) ? -1 : String(a[key]) > String(b[key]) ? 1 : 0);

/**
 * The only difference a crash may leave: a run that failed on one conversion goes on with the
 * next, and the retry confirms the first later, so independent items are processed in another
 * order (the ledger's running balance and the lots' order follow). Totals are still compared.
 */
function orderInsensitive(collection: string, d: any): any {
  if (collection === 'points_entries') return { ...d, balanceAfter: '<running>' };
  if (collection === 'points_wallets' && Array.isArray(d.lots)) return { ...d, lots: [...d.lots].sort(byKey('key')) };
  if (collection === 'member_facts' && Array.isArray(d.conversions)) return { ...d, conversions: [...d.conversions].sort(byKey('orderId')) };
  if (collection === 'orders') return { ...d, transactionId: d.transactionId ? '<txn>' : d.transactionId };
  return d;
}
const referralConfirm: CrashScenario<ConfirmCtx> = {
  name: 'referral-confirm',
  async setup() {
    const db = sdkDb();
    await putProduct(db, 'p1', beans({ stock: 50 }));
    const sharer = 'crash-sharer';
    await join(p, sharer);
    const code = await shareCode(p, sharer);
    const friends = ['crash-friend-a', 'crash-friend-b'];
    const orderIds: string[] = [];
    const requestIds: string[] = [];
    for (const f of friends) {
      await visit(p, f, code);
      await join(p, f);
      const requestId = freshRequestId();
      const o = await shop(p, f, { action: 'createOrder', requestId, lines: [{ productId: 'p1', qty: 1 }] });
      if (!o.ok) throw new Error(JSON.stringify(o.error));
      await paid({ member: f, orderId: o.data.order._id });
      orderIds.push(o.data.order._id);
      requestIds.push(requestId);
    }
    await drainOrderEvents();
    // Past the hold (the refund window): both conversions are due.
    await advance(8 * DAY);
    return { sharer, code, friends, orderIds, requestIds };
  },
  aliases: (c) =>
    Object.fromEntries([[c.code, '<code>'], ...c.orderIds.map((id, i) => [id, `<order-${i}>`]), ...c.requestIds.map((id, i) => [id, `<request-${i}>`])]),
  normalise: orderInsensitive,
  flow: () => fireJob('referral-confirm'),
  recover: async () => {
    await fireJob('referral-confirm');
  },
};

test('referral timer: a crash while confirming and rewarding conversions is finished by the next run, rewarding each once', async () => {
  expectRecovered(await crashEveryStep(p, referralConfirm), 2);
});

type RedeemCtx = { member: string; rewardId: string; requestId: string };

/** A coupon reward with stock 1 (one shard: every run takes the same unit) and a member who can afford it. */
async function rewardAndRedeemer(): Promise<RedeemCtx> {
  const db = sdkDb();
  const at = new Date(p.emu.clock.now());
  const rewardId = 'rw_crash';
  await db
    .collection('rewards')
    .doc(rewardId)
    .set({
      data: {
        title: '崩溃测试券',
        description: '',
        kind: 'coupon',
        pointsCost: 100,
        image: null,
        coupon: { valueFen: 1000, minSpendFen: 5000, validDays: 7 },
        minTier: null,
        status: 'active',
        sort: 1,
        stockShards: 1,
        createdAt: at,
        updatedAt: at,
        updatedBy: 'crash-admin',
      },
    });
  await db
    .collection('reward_stock')
    .doc(`${rewardId}:0`)
    .set({ data: { rewardId, index: 0, remaining: 1, updatedAt: at } });
  await memberWithPoints(db, 'crash-redeemer', 'member', 300);
  return { member: 'crash-redeemer', rewardId, requestId: 'crash-redeem-0001' };
}

const redeemOnce = (c: RedeemCtx) => p.call('points', c.member, { action: 'redeem', rewardId: c.rewardId, requestId: c.requestId });

const redemption: CrashScenario<RedeemCtx> = {
  name: 'redemption',
  setup: () => rewardAndRedeemer(),
  flow: (_p, c) => redeemOnce(c),
  async recover(_p, c) {
    // The member saw an error (or nothing) and the app retries with the same request id; with a
    // stock of 1, a retry that did not take over its earlier call's unit would find it sold out.
    for (let i = 0; i < 4; i++) {
      const res = await redeemOnce(c);
      if (res.ok) break;
    }
    // And the timer, past the orphan age: nothing may be left for it, or it finishes what is.
    await advance(ORPHAN_HOLD_AGE_MS + MINUTE);
    await fireJob('reward-holds');
  },
};

test('redemption: a crash at any step (unit taken, lane, commit, hold settled) recovers to one coupon, points spent once, stock 0', async () => {
  const result = await crashEveryStep(p, redemption);
  expectRecovered(result, 4);
  expect(all(p, 'coupons', { memberId: 'crash-redeemer' })).toHaveLength(1);
  expect(all(p, 'members', { _id: 'crash-redeemer' })[0].points).toBe(200);
  expect(all(p, 'reward_stock', { rewardId: 'rw_crash' })).toEqual([expect.objectContaining({ remaining: 0, held: 0, holds: {} })]);
});

test('redemption: when the member gives up after a crash, the holds job leaves stock + redemptions = 1 and the books whole', async () => {
  // Without the retry the outcome depends on where the crash came: after the commit the coupon
  // stands; before it, the request is voided and the unit given back. Never both, never neither.
  await wipe(p);
  let ctx = await rewardAndRedeemer();
  p.emu.faults.clear();
  await redeemOnce(ctx);
  const crashPoints = p.emu.faults.committingWrites;
  expect(crashPoints).toBeGreaterThanOrEqual(4);
  const outcomes: string[] = [];
  for (let k = 0; k < crashPoints; k++) {
    for (const timing of ['before', 'after'] as const) {
      await wipe(p);
      ctx = await rewardAndRedeemer();
      p.emu.faults.clear();
      p.emu.faults.add({ writesOnly: true, skip: k, timing, message: `crash at write ${k + 1}` });
      await redeemOnce(ctx).catch(() => undefined);
      p.emu.faults.clear();
      await advance(ORPHAN_HOLD_AGE_MS + MINUTE);
      const run = await fireJob('reward-holds');
      expect(run).toMatchObject({ ok: true, data: { waiting: 0 } });

      const shard = all(p, 'reward_stock', { rewardId: ctx.rewardId })[0];
      const record = all(p, 'redemptions', { _id: `redeem:${ctx.member}:${ctx.requestId}` })[0] ?? null;
      const redeemed = record && record.status !== 'void' ? 1 : 0;
      expect({ crash: `${timing} write ${k + 1}`, stock: shard.remaining + redeemed, holds: shard.holds ?? {}, held: shard.held ?? 0 }).toEqual({
        crash: `${timing} write ${k + 1}`,
        stock: 1,
        holds: {},
        held: 0,
      });
      expect(all(p, 'members', { _id: ctx.member })[0].points).toBe(redeemed ? 200 : 300);
      expect(all(p, 'coupons', { memberId: ctx.member })).toHaveLength(redeemed);
      expectMemberConsistent(p, ctx.member);
      // A late retry is told what happened: the coupon, or that the request was voided (no points taken).
      const late = await redeemOnce(ctx);
      if (redeemed) expect(late).toMatchObject({ ok: true, data: { replayed: true, balance: 200 } });
      else if (record) expect(late).toMatchObject({ ok: false, error: { code: 'REQUEST_ID_REUSED', message: '该兑换请求已失效，积分未扣除，请重新兑换' } });
      outcomes.push(`${timing} ${k + 1}: ${record ? record.status : 'nothing'}`);
    }
  }
  // Both endings occur: a crash before the commit is voided and given back, one after it stands.
  expect(outcomes).toEqual(expect.arrayContaining([expect.stringMatching(/void$/), expect.stringMatching(/issued$/)]));
});
