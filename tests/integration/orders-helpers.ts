/** Shared steps for the order suites: buy, pay through the emulator's WeChat Pay, fire the order timers. */
import type { Database, DocRef, TransactionDb } from '../../core/platform/database';
import type { PaymentGateway } from '../../core/orders/payment.port';
import type { ProductEmulator } from './product-emulator';

export const PAY_ENV = { FLYWHEEL_PAY_SUB_MCH_ID: '1900000109' };

/** A payment gateway for tests that must never reach WeChat Pay. */
export const NO_PAY: PaymentGateway = {
  unifiedOrder: async () => ({ ok: false, message: 'not in this test' }),
  closeOrder: async () => ({ ok: true, data: null }),
  refund: async () => ({ ok: false, message: 'not in this test' }),
  queryOrder: async () => ({ ok: false, message: 'not in this test' }),
  queryRefund: async () => ({ ok: false, message: 'not in this test' }),
};

/** An available 满100减20 coupon `id` of `memberId`, issued now on the emulator's clock (30 days). */
export async function putCoupon(p: ProductEmulator, db: Database, id: string, memberId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const at = new Date(p.emu.clock.now());
  await db
    .collection('coupons')
    .doc(id)
    .set({
      data: {
        memberId,
        rewardId: 'r-test',
        title: '满100减20',
        valueFen: 2000,
        minSpendFen: 10000,
        state: 'available',
        issuedAt: at,
        expiresAt: new Date(at.getTime() + 30 * 86400_000),
        usedAt: null,
        redemptionId: `test:${id}`,
        ...extra,
      },
    });
  return id;
}

export async function control(p: ProductEmulator, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${p.emu.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

let requestSeq = 0;
export const newRequestId = (tag = 'req') => `${tag}-${Date.now().toString(36)}-${(requestSeq++).toString(36)}`;

export const shop = (p: ProductEmulator, openid: string, event: Record<string, unknown>) => p.call('shop', openid, event);
export const admin = (p: ProductEmulator, openid: string, event: Record<string, unknown>) => p.call('admin', openid, event);

/** Creates an order for `lines` and returns its view (fails the test on an error). */
export async function order(p: ProductEmulator, openid: string, lines: Array<{ productId: string; qty: number }>, couponId?: string): Promise<any> {
  const res = await shop(p, openid, { action: 'createOrder', requestId: newRequestId(), lines, ...(couponId ? { couponId } : {}) });
  if (!res.ok) throw new Error(`createOrder: ${res.error.code} ${res.error.message}`);
  return res.data.order;
}

/** The member starts the payment and the emulator's WeChat Pay confirms it (delivering the callback). */
export async function payFor(p: ProductEmulator, openid: string, orderId: string): Promise<any> {
  const started = await shop(p, openid, { action: 'pay', orderId });
  if (!started.ok) throw new Error(`pay: ${started.error.code} ${started.error.message}`);
  const confirmed = await control(p, `/control/payments/${started.data.outTradeNo}/confirm`, {});
  if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return confirmed.body;
}

export async function buyAndPay(p: ProductEmulator, openid: string, lines: Array<{ productId: string; qty: number }>, couponId?: string): Promise<string> {
  const o = await order(p, openid, lines, couponId);
  await payFor(p, openid, o._id);
  return o._id;
}

/** Fires the jobs function's timer `name` now, on the emulator's clock, as WeChat's trigger would. */
export async function fireTimer(p: ProductEmulator, name: string): Promise<any> {
  const at = new Date(p.emu.clock.now()).toISOString();
  return (await p.emu.invoke('jobs', { Type: 'Timer', TriggerName: name, Time: at, Message: '' }, { OPENID: '', SOURCE: 'wx_trigger' })).result;
}

/**
 * The SDK database, except that the first transaction attempt that reads `<collection>/<id>` stops
 * right after that read (found or not) and runs `during` (a competing step that commits, the clock moving on)
 * before it goes on. The attempt then conflicts on its write and is retried: a deterministic way
 * to make a flow lose a race.
 */
export function pausingDb(db: Database, collection: string, id: string, during: () => Promise<void>): Database & { paused: () => boolean } {
  let paused = false;
  const wrapDoc = (doc: DocRef): DocRef => ({
    get: async () => {
      // A read of a missing document fails ("does not exist"): it pauses all the same.
      const read = await doc.get().then(
        (r) => ({ r }),
        (e: unknown) => ({ e }),
      );
      if (!paused) {
        paused = true;
        await during();
      }
      if ('e' in read) throw read.e;
      return read.r;
    },
    set: (o) => doc.set(o),
    update: (o) => doc.update(o),
    remove: () => doc.remove(),
  });
  const wrapTx = (tx: TransactionDb): TransactionDb => ({
    collection: (name) => {
      const c = tx.collection(name);
      return { add: (o) => c.add(o), doc: (docId) => (name === collection && docId === id ? wrapDoc(c.doc(docId)) : c.doc(docId)) };
    },
  });
  return {
    collection: (name) => db.collection(name),
    command: db.command,
    serverDate: (o) => db.serverDate(o),
    runTransaction: (body, retries) => db.runTransaction((tx) => body(wrapTx(tx)), retries),
    paused: () => paused,
  };
}
