/**
 * Staff tune the referral programme (`settings/referral`) through the admin function, and every
 * production path follows: the payment's own order event records the conversion with the stored
 * hold, the `referral-confirm` timer pays the stored reward, member.join attributes with the stored
 * window. Moderators read, admins save; refusals change nothing and name each field.
 *
 * The clock only moves forward in this file.
 */
import type { Database } from '../../core/platform/database';
import { DAY_MS, DEFAULT_REFERRAL_CONFIG } from '../../core/referrals/referral.config';
import { inWindow } from '../../core/referrals/referral.rules';
import { buyAndPay, PAY_ENV } from './orders-helpers';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { all, memberWithPoints, sdkDb, staff } from './rewards-helpers';
import { beans, putProduct } from './shop-helpers';
import { conversionOf, fireConfirm, join, one, pointsOf, referral, referralOf, shareCode, visit } from './referrals-helpers';

let p: ProductEmulator;
let db: Database;
const ADMIN = 'o-rset-admin';
const MODERATOR = 'o-rset-mod';
const CUSTOMER = 'o-rset-cust';
const PRODUCT = 'p-rset-beans';
let seq = 0;
const id = (tag: string) => `o-rset-${tag}-${seq++}`;
const admin = (openid: string, event: Record<string, unknown>) => p.call('admin', openid, event);
const stored = () => one(p, 'settings', 'referral');
const audit = (action: string) => all(p, 'audit_log', { action }).sort((a: any, b: any) => a.at - b.at);

async function sharer(tag = 'sharer'): Promise<string> {
  const m = id(tag);
  await memberWithPoints(db, m, 'member', 0);
  return m;
}

beforeAll(async () => {
  p = await startProductEmulator(PAY_ENV);
  db = sdkDb();
  await staff(db, ADMIN, 'admin');
  await staff(db, MODERATOR, 'moderator');
  await p.call('member', CUSTOMER, { action: 'open' });
  await putProduct(db, PRODUCT, beans({ stock: 100 }));
});
afterAll(() => p.emu.close());

describe('reading and refusals', () => {
  test('a moderator reads the defaults; a customer may not', async () => {
    const view = await admin(MODERATOR, { action: 'referralConfig' });
    expect(view).toEqual({
      ok: true,
      data: expect.objectContaining({ config: DEFAULT_REFERRAL_CONFIG, version: 0, isDefault: true, updatedAt: null, updatedBy: null, refundWindowDays: 7 }),
    });
    expect(view.data.limits.holdDays).toEqual({ min: 7, max: 30 });
    expect(await admin(CUSTOMER, { action: 'referralConfig' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(audit('referrals.config.view').map((e: any) => `${e.actor}:${e.outcome}`)).toEqual([`${MODERATOR}:ok`, `${CUSTOMER}:denied`]);
  });

  test('a moderator cannot save (FORBIDDEN, audited, nothing stored)', async () => {
    const res = await admin(MODERATOR, { action: 'updateReferralConfig', config: { ...DEFAULT_REFERRAL_CONFIG, rewardPoints: 1 } });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(audit('referrals.config.update').at(-1)).toMatchObject({ actor: MODERATOR, outcome: 'denied' });
    expect(stored()).toBeUndefined();
  });

  test('invalid input changes nothing and names each field', async () => {
    const config = {
      ...DEFAULT_REFERRAL_CONFIG,
      attributionWindowDays: 31,
      rewardPoints: -1,
      minOrderPayFen: 0,
      dailyRewardCap: 0,
      burst: { windowMinutes: 0, maxReferrals: 10 },
      inactive: { ...DEFAULT_REFERRAL_CONFIG.inactive, minActivePermille: 0 },
    };
    const res = await admin(ADMIN, { action: 'updateReferralConfig', config });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(res.error.details.map((d: any) => d.path)).toEqual([
      'attributionWindowDays',
      'rewardPoints',
      'minOrderPayFen',
      'dailyRewardCap',
      'burst.windowMinutes',
      'inactive.minActivePermille',
    ]);
    expect(res.error.details[0]).toEqual({ path: 'attributionWindowDays', message: '归因窗口最多 30 天' });
    expect(stored()).toBeUndefined();
    expect(audit('referrals.config.update').at(-1)).toMatchObject({
      actor: ADMIN,
      outcome: 'failed',
      detail: 'VALIDATION_FAILED',
      target: { settings: 'referral', config },
    });
  });

  test('a hold shorter than the refund window is refused, and says why', async () => {
    const res = await admin(ADMIN, { action: 'updateReferralConfig', config: { ...DEFAULT_REFERRAL_CONFIG, holdDays: 6 } });
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: [{ path: 'holdDays', message: expect.stringContaining('退款期内的退款会撤销转化') }] },
    });
    expect(res.error.details[0].message).toContain('冻结期不能短于退款期（7 天）');
    expect(stored()).toBeUndefined();
  });

  test('a malformed request is a validation failure before any role check', async () => {
    expect(await admin(ADMIN, { action: 'updateReferralConfig' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await admin(ADMIN, { action: 'updateReferralConfig', config: DEFAULT_REFERRAL_CONFIG, expectedVersion: -1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
  });
});

describe('an admin changes the hold to 10 days and the reward to 50 points', () => {
  const tuned = { ...DEFAULT_REFERRAL_CONFIG, holdDays: 10, rewardPoints: 50 };
  let kol: string;
  let orderId: string;

  test('the save is versioned and audited; moderators read it back', async () => {
    const saved = await admin(ADMIN, { action: 'updateReferralConfig', config: tuned, expectedVersion: 0 });
    expect(saved).toMatchObject({ ok: true, data: { config: tuned, version: 1, isDefault: false, updatedBy: ADMIN } });
    expect(stored()).toMatchObject({ ...tuned, version: 1, updatedBy: ADMIN });
    expect(audit('referrals.config.update').at(-1)).toMatchObject({
      actor: ADMIN,
      outcome: 'ok',
      target: { settings: 'referral', config: tuned, expectedVersion: 0 },
    });
    expect((await admin(MODERATOR, { action: 'referralConfig' })).data).toMatchObject({ config: tuned, version: 1 });
    // A save based on the defaults someone else has replaced is a conflict.
    expect(await admin(ADMIN, { action: 'updateReferralConfig', config: DEFAULT_REFERRAL_CONFIG, expectedVersion: 0 })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(stored()).toMatchObject({ version: 1, holdDays: 10 });
  });

  test("a friend's purchase (recorded by the payment's own event) is pending for 10 days", async () => {
    kol = await sharer('kol');
    const friend = id('friend');
    await visit(p, friend, await shareCode(p, kol, { targetType: 'product', targetId: PRODUCT, channel: 'chat' }));
    await join(p, friend);
    orderId = await buyAndPay(p, friend, [{ productId: PRODUCT, qty: 1 }]);
    const conversion = conversionOf(p, orderId);
    const paidAt = new Date(one(p, 'orders', orderId).paidAt).getTime();
    expect(conversion).toMatchObject({ sharerId: kol, status: 'pending', rewardPoints: 0 });
    expect(conversion.pendingUntil.getTime()).toBe(paidAt + 10 * DAY_MS);
    const influence = (await referral(p, kol, { action: 'influence' })).data;
    expect(influence.koc.pendingText).toBe('另有 1 笔好友订单待确认，付款满 10 天、退款期结束后计入');
  });

  test('the timer leaves it pending after the default 7 days', async () => {
    p.emu.clock.advance(7 * DAY_MS + 60_000);
    expect(await fireConfirm(p)).toMatchObject({ ok: true, data: { confirmed: 0, failed: 0 } });
    expect(conversionOf(p, orderId).status).toBe('pending');
    expect(pointsOf(p, kol)).toBe(0);
  });

  test('after 10 days it confirms with 50 points', async () => {
    p.emu.clock.advance(3 * DAY_MS);
    expect(await fireConfirm(p)).toMatchObject({ ok: true, data: { confirmed: 1, failed: 0 } });
    expect(conversionOf(p, orderId)).toMatchObject({ status: 'confirmed', rewardPoints: 50 });
    expect(pointsOf(p, kol)).toBe(50);
    expect(one(p, 'points_entries', `conversion:${orderId}:reward`)).toMatchObject({ memberId: kol, kind: 'earn', delta: 50 });
  });
});

describe('a shorter attribution window', () => {
  test('an admin shortens it to 2 days', async () => {
    const current = (await admin(ADMIN, { action: 'referralConfig' })).data;
    const saved = await admin(ADMIN, {
      action: 'updateReferralConfig',
      config: { ...current.config, attributionWindowDays: 2 },
      expectedVersion: current.version,
    });
    expect(saved).toMatchObject({ ok: true, data: { version: 2, config: { attributionWindowDays: 2, holdDays: 10, rewardPoints: 50 } } });
  });

  test('a card opened 3 days before joining no longer brings a referral (the default 7 days would have)', async () => {
    const a = await sharer('window');
    const code = await shareCode(p, a);
    const [late, recent] = [id('late'), id('recent')];
    expect((await visit(p, late, code)).data.recorded).toBe(true);
    p.emu.clock.advance(2 * DAY_MS);
    await visit(p, recent, code);
    p.emu.clock.advance(DAY_MS);

    await join(p, late);
    const visitAt = one(p, 'share_visits', `${code}:${late}`).at;
    expect(inWindow(visitAt, new Date(p.emu.clock.now()), DEFAULT_REFERRAL_CONFIG)).toBe(true);
    expect(referralOf(p, late)).toBeUndefined();
    // One day old is inside the 2 days.
    await join(p, recent);
    expect(referralOf(p, recent)).toMatchObject({ referrerId: a, status: 'counted' });
  });

  test('nor a purchase 3 days after opening the card', async () => {
    const a = await sharer('window-buy');
    const buyer = id('buyer');
    await visit(p, buyer, await shareCode(p, a, { targetType: 'product', targetId: PRODUCT, channel: 'chat' }));
    await join(p, buyer);
    p.emu.clock.advance(3 * DAY_MS);
    const orderId = await buyAndPay(p, buyer, [{ productId: PRODUCT, qty: 1 }]);
    expect(all(p, 'order_events', { orderId, type: 'referral_convert' })).toEqual([expect.objectContaining({ status: 'done' })]);
    expect(conversionOf(p, orderId)).toBeUndefined();
  });
});
