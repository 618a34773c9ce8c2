/**
 * Shared steps for the referral suites: members who share, newcomers who open cards (optionally
 * with a UNIONID), joins through the member function, paid orders (whose payment records the
 * conversion; the helpers replay that call to read it), and the `referral-confirm` timer.
 */
import type { Database } from '../../core/platform/database';
import { recordConversion, reverseConversion } from '../../core/referrals/referrals.usecases';
import type { ReferralConfig } from '../../core/referrals/referral.config';
import type { ProductEmulator } from './product-emulator';
import { buyAndPay } from './orders-helpers';
import { all } from './rewards-helpers';

export const referral = (p: ProductEmulator, openid: string, event: Record<string, unknown>) => p.call('referral', openid, event);

/** A referral function call with a UNIONID in the WeChat context (the emulator passes it through). */
export async function referralAs(p: ProductEmulator, openid: string, unionid: string, event: Record<string, unknown>): Promise<any> {
  const { result } = await p.emu.invoke(
    'referral',
    { ...event, userInfo: { openId: openid, appId: p.emu.context.appId } },
    { OPENID: openid, UNIONID: unionid, SOURCE: 'wx_client' },
  );
  return result;
}

/** Opens the app and joins through the member function (which attributes the referral). */
export async function join(p: ProductEmulator, openid: string): Promise<any> {
  await p.call('member', openid, { action: 'open' });
  const res = await p.call('member', openid, { action: 'join', agreeTerms: true });
  if (!res.ok) throw new Error(`join ${openid}: ${JSON.stringify(res.error)}`);
  return res.data.profile;
}

/** The sharer's code for a card (fails the test on an error). */
export async function shareCode(
  p: ProductEmulator,
  sharer: string,
  input: Record<string, unknown> = { targetType: 'invite', channel: 'chat' },
  unionid?: string,
): Promise<string> {
  const event = { action: 'share', ...input };
  const res = unionid ? await referralAs(p, sharer, unionid, event) : await referral(p, sharer, event);
  if (!res.ok) throw new Error(`share ${sharer}: ${JSON.stringify(res.error)}`);
  return res.data.code;
}

export async function visit(p: ProductEmulator, visitor: string, code: string, unionid?: string): Promise<any> {
  const event = { action: 'visit', code };
  return unionid ? referralAs(p, visitor, unionid, event) : referral(p, visitor, event);
}

export const one = (p: ProductEmulator, collection: string, id: string) => all(p, collection, { _id: id })[0];
export const conversionOf = (p: ProductEmulator, orderId: string) => one(p, 'conversions', orderId);
export const referralOf = (p: ProductEmulator, memberId: string) => one(p, 'referrals', memberId);
export const pointsOf = (p: ProductEmulator, memberId: string) => one(p, 'members', memberId)?.points ?? 0;

/** What the orders area calls on payment, from the order's own stored data (after payment, a replay). */
export function conversionFor(p: ProductEmulator, db: Database, orderId: string, config?: ReferralConfig) {
  const order = one(p, 'orders', orderId);
  return recordConversion(db, { orderId, buyerId: order.memberId, payFen: order.payFen, paidAt: new Date(order.paidAt) }, config);
}

/** Buys one unit of `productId` (the payment records the conversion) and returns the order's conversion. */
export async function buyThroughShare(
  p: ProductEmulator,
  db: Database,
  buyer: string,
  productId: string,
  config?: ReferralConfig,
): Promise<{ orderId: string; conversion: any }> {
  const orderId = await buyAndPay(p, buyer, [{ productId, qty: 1 }]);
  const res = await conversionFor(p, db, orderId, config);
  if (!res.ok) throw new Error(`recordConversion: ${JSON.stringify(res.error)}`);
  return { orderId, conversion: res.data.conversion };
}

export function refund(db: Database, orderId: string, at: Date) {
  return reverseConversion(db, { orderId, at });
}

export async function fireConfirm(p: ProductEmulator): Promise<any> {
  const at = new Date(p.emu.clock.now()).toISOString();
  return (await p.emu.invoke('jobs', { Type: 'Timer', TriggerName: 'referral-confirm', Time: at, Message: '' }, { OPENID: '', SOURCE: 'wx_trigger' })).result;
}
