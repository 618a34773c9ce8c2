/**
 * After the levels, what the platform would do given time: WeChat Pay re-sends unacknowledged
 * notifications and settles refunds, the jobs run until nothing is pending while the emulator clock
 * moves past the payment window, the orphan-hold age and the referral hold. Then the members whose
 * redemptions hit the time limit tap again with the same requestId.
 */
import { PAYMENT_WINDOW_MS } from '../../core/orders/order.rules';
import { ORPHAN_HOLD_AGE_MS } from '../../core/orders/orders.closing';
import { redemptionKey } from '../../core/rewards/rewards.rules';
import { control, type SoakClient } from './gateway-client';
import type { RetryRecord } from './invariants';
import type { TimedOutRedeem } from './journeys';
import { pool } from './level';

/** Fires a timer until its job says nothing is left (`more: false`), at most `max` times. */
async function fireUntilDone(client: SoakClient, trigger: string, max = 20): Promise<void> {
  for (let i = 0; i < max; i++) {
    const r = await client.fireTimer<{ more?: boolean }>(trigger);
    if (!r.ok || !r.data?.more) return;
  }
}

interface PayRecord {
  outTradeNo: string;
  status: string;
  deliveries: Array<{ ok: boolean }>;
}
interface RefundRecord {
  outRefundNo: string;
  status: string;
  deliveries: Array<{ ok: boolean }>;
}
const unacknowledged = (r: { deliveries: Array<{ ok: boolean }> }) => r.deliveries.length > 0 && !r.deliveries[r.deliveries.length - 1].ok;

/**
 * WeChat Pay's part after the levels: it re-sends a notification until the callback answers
 * errcode 0 (a delivery that hit the time limit, say), and settles every refund it was asked for.
 */
async function wechatPayRetries(baseUrl: string, client: SoakClient, notes: string[]): Promise<void> {
  for (let round = 0; round < 3; round++) {
    const { payments } = await control<{ payments: PayRecord[] }>(baseUrl, 'GET', '/control/payments');
    const again = payments.filter((p) => (p.status === 'SUCCESS' || p.status === 'REFUND') && unacknowledged(p));
    const { refunds } = await control<{ refunds: RefundRecord[] }>(baseUrl, 'GET', '/control/refunds');
    const settle = refunds.filter((r) => r.status === 'PROCESSING' || (r.status === 'SUCCESS' && unacknowledged(r)));
    if (again.length === 0 && settle.length === 0) return;
    notes.push(`WeChat Pay re-sent ${again.length} payment notifications, settled or re-sent ${settle.length} refunds`);
    for (const p of again) await client.confirmPayment(p.outTradeNo, '@retry');
    for (const r of settle) await client.confirmRefund(r.outRefundNo);
  }
}

/**
 * After the levels: notifications re-sent, every order effect applied, unpaid orders expired
 * (their holds released, orphan holds too), refunds settled, pending conversions past their hold
 * confirmed. The clock moves forward.
 */
export async function drain(baseUrl: string, db: any, client: SoakClient): Promise<string[]> {
  const notes: string[] = [];
  await wechatPayRetries(baseUrl, client, notes);
  const pendingEvents = async () => (await db.collection('order_events').where({ status: 'pending' }).count()).total as number;
  const applyEvents = async () => {
    for (let round = 0; round < 8; round++) {
      await fireUntilDone(client, 'order-events');
      const pending = await pendingEvents();
      if (pending === 0) return;
      // Failed effects wait for their retry time (1, 2, 4 ... 60 minutes): move the clock there.
      const { data: stuck } = await db.collection('order_events').where({ status: 'pending' }).limit(3).get();
      const why = stuck.map((e: any) => `${e._id} (attempts ${e.attempts}: ${String(e.lastError ?? 'not yet tried').slice(0, 160)})`).join('; ');
      notes.push(`${pending} order events still pending: clock +61 min; ${why}`);
      await control(baseUrl, 'POST', '/control/clock', { advanceMs: 61 * 60_000 });
    }
  };
  await applyEvents();
  await control(baseUrl, 'POST', '/control/clock', { advanceMs: PAYMENT_WINDOW_MS + ORPHAN_HOLD_AGE_MS + 60_000 });
  notes.push(`clock +${(PAYMENT_WINDOW_MS + ORPHAN_HOLD_AGE_MS + 60_000) / 60_000} min (payment window and orphan holds)`);
  await fireUntilDone(client, 'orders-expire');
  // Redemptions whose function died holding a unit: settled or voided and given back.
  await fireUntilDone(client, 'reward-holds');
  await applyEvents();
  const latest = await db.collection('conversions').where({ status: 'pending' }).orderBy('pendingUntil', 'desc').limit(1).get();
  if (latest.data.length > 0) {
    const { nowMs } = await control<{ nowMs: number }>(baseUrl, 'GET', '/control/clock');
    const advanceMs = Math.max(0, new Date(latest.data[0].pendingUntil).getTime() - nowMs) + 60_000;
    await control(baseUrl, 'POST', '/control/clock', { advanceMs });
    notes.push(`clock +${(advanceMs / 86_400_000).toFixed(2)} days (referral hold)`);
  }
  await wechatPayRetries(baseUrl, client, notes);
  await fireUntilDone(client, 'referral-confirm');
  await applyEvents();
  await wechatPayRetries(baseUrl, client, notes);
  return notes;
}

/** The member taps again after the error: the same requestId, as the app's points slice sends it. */
export async function retryTimedOut(db: any, client: SoakClient, timedOut: readonly TimedOutRedeem[]): Promise<RetryRecord[]> {
  const records: RetryRecord[] = [];
  await pool(timedOut, 5, async (t) => {
    const key = redemptionKey(t.session.openid, t.requestId);
    const before = await db
      .collection('redemptions')
      .doc(key)
      .get()
      .then(
        (r: any) => r.data,
        () => null,
      );
    const retry = await client.call<{ replayed?: boolean; coupon?: { _id: string } | null }>(
      t.session,
      'points',
      'redeem',
      { rewardId: t.rewardId, requestId: t.requestId },
      '@retry',
    );
    records.push({
      key,
      // A voided request (the holds job gave its unit back) redeemed nothing.
      appliedBefore: before !== null && before.status !== 'void',
      couponBefore: before?.couponId ?? null,
      retry: { outcome: retry.outcome, replayed: retry.ok ? retry.data.replayed === true : null, couponId: retry.ok ? (retry.data.coupon?._id ?? null) : null },
    });
  });
  return records;
}
