/**
 * Conversions through the emulator with its clock: a paid order (through the real shop and WeChat
 * Pay simulation) is recorded by the order's own event, and again by these tests (a replay); the
 * `referral-confirm` timer confirms after the hold and rewards through the ledger; refunds reverse
 * or claw back; the ladder's KOC step follows confirmations; caps and flags go to staff review.
 *
 * The clock only moves forward in this file, and the timer confirms everything due, so each test
 * looks at its own conversions before it moves the clock.
 */
import type { Database } from '../../core/platform/database';
import { changePoints } from '../../core/points/points.usecases';
import { DAY_MS, DEFAULT_REFERRAL_CONFIG, type ReferralConfig } from '../../core/referrals/referral.config';
import { recordConversion } from '../../core/referrals/referrals.usecases';
import { PAY_ENV } from './orders-helpers';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { all, memberWithPoints, sdkDb, staff } from './rewards-helpers';
import { beans, putProduct } from './shop-helpers';
import { buyThroughShare, conversionOf, fireConfirm, join, one, pointsOf, referral, referralOf, refund, shareCode, visit } from './referrals-helpers';
import { buyAndPay } from './orders-helpers';

let p: ProductEmulator;
let db: Database;
const ADMIN = 'o-conv-admin';
const MODERATOR = 'o-conv-mod';
const PRODUCT = 'p-conv-beans';
let seq = 0;
const id = (tag: string) => `o-conv-${tag}-${seq++}`;
const nowDate = () => new Date(p.emu.clock.now());
const entry = (key: string) => one(p, 'points_entries', key);
const facts = (memberId: string) => one(p, 'member_facts', memberId);

async function sharer(tag = 'sharer'): Promise<string> {
  const m = id(tag);
  await memberWithPoints(db, m, 'member', 0);
  return m;
}

/** A newcomer who opened `code`, joined, and is ready to buy. */
async function friendVia(code: string, tag = 'friend'): Promise<string> {
  const f = id(tag);
  await visit(p, f, code);
  await join(p, f);
  return f;
}

/** A synthetic paid order for recordConversion alone (no orders document needed). */
let orderSeq = 0;
const fakeOrder = (buyerId: string, paidAt = nowDate(), payFen = 9900) => ({ orderId: `O-conv-${orderSeq++}`, buyerId, payFen, paidAt });

beforeAll(async () => {
  p = await startProductEmulator(PAY_ENV);
  db = sdkDb();
  await staff(db, ADMIN, 'admin');
  await staff(db, MODERATOR, 'moderator');
  await putProduct(db, PRODUCT, beans({ stock: 1000 }));
});
afterAll(() => p.emu.close());

describe('last touch', () => {
  test('the card opened most recently before paying wins, not the one that brought the buyer', async () => {
    const [a, b] = [await sharer('a'), await sharer('b')];
    const x = await friendVia(await shareCode(p, a));
    expect(referralOf(p, x).referrerId).toBe(a);
    p.emu.clock.advance(60_000);
    await visit(p, x, await shareCode(p, b, { targetType: 'product', targetId: PRODUCT, channel: 'chat' }));
    const { orderId, conversion } = await buyThroughShare(p, db, x, PRODUCT);
    const order = one(p, 'orders', orderId);
    expect(conversion).toMatchObject({
      _id: orderId,
      sharerId: b,
      buyerId: x,
      orderPayFen: order.payFen,
      status: 'pending',
      flags: [],
      capPlace: true,
      targetType: 'product',
    });
    expect(conversion.pendingUntil.getTime()).toBe(new Date(order.paidAt).getTime() + 7 * DAY_MS);
    expect(conversionOf(p, orderId)).toMatchObject({ sharerId: b, status: 'pending', rewardPoints: 0 });
  });

  test('no visit, or only one’s own card: no conversion', async () => {
    const loner = await sharer('loner');
    expect((await buyThroughShare(p, db, loner, PRODUCT)).conversion).toBeNull();
    const self = await sharer('self');
    await visit(p, self, await shareCode(p, self));
    const { orderId, conversion } = await buyThroughShare(p, db, self, PRODUCT);
    expect(conversion).toBeNull();
    expect(conversionOf(p, orderId)).toBeUndefined();
  });

  test('never a circular pair: X referred Z, so Z never earns from X’s purchase; another sharer still can', async () => {
    const x = await sharer('x');
    const z = await friendVia(await shareCode(p, x), 'z');
    const c = await sharer('c');
    await visit(p, x, await shareCode(p, c));
    p.emu.clock.advance(60_000);
    await visit(p, x, await shareCode(p, z));
    const { conversion } = await buyThroughShare(p, db, x, PRODUCT);
    expect(conversion.sharerId).toBe(c);
  });

  test('window edges: a payment exactly 7 days after the card was opened counts, a millisecond later does not', async () => {
    const a = await sharer('edge');
    const code = await shareCode(p, a);
    const [inside, outside] = [id('in'), id('out')];
    await visit(p, inside, code);
    await visit(p, outside, code);
    const at = (v: string) => one(p, 'share_visits', `${code}:${v}`).lastAt.getTime();
    const ok = await recordConversion(db, fakeOrder(inside, new Date(at(inside) + 7 * DAY_MS)));
    const late = await recordConversion(db, fakeOrder(outside, new Date(at(outside) + 7 * DAY_MS + 1)));
    expect(ok).toMatchObject({ ok: true, data: { conversion: { sharerId: a } } });
    expect(late).toEqual({ ok: true, data: { conversion: null, replayed: false } });
  });

  test('bad input is a typed error and writes nothing; an order paying 0 is not a conversion', async () => {
    expect(await recordConversion(db, { orderId: '', buyerId: 'x', payFen: 1, paidAt: nowDate() })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await recordConversion(db, { orderId: 'O-bad', buyerId: 'x', payFen: 1.5, paidAt: nowDate() })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await recordConversion(db, { orderId: 'O-bad', buyerId: 'x', payFen: 1, paidAt: new Date('nope') })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    const a = await sharer();
    const v = id('free');
    await visit(p, v, await shareCode(p, a));
    expect(await recordConversion(db, fakeOrder(v, nowDate(), 0))).toEqual({ ok: true, data: { conversion: null, replayed: false } });
    expect(conversionOf(p, 'O-bad')).toBeUndefined();
  });
});

describe('hold -> confirm -> reward, and 品牌KOC', () => {
  let kol: string;
  let friend: string;
  let orderId: string;

  test('a repeat buyer’s card brings a friend who buys: pending, and the sharer is not KOC yet', async () => {
    kol = await sharer('kol');
    await buyAndPay(p, kol, [{ productId: PRODUCT, qty: 1 }]);
    await buyAndPay(p, kol, [{ productId: PRODUCT, qty: 1 }]);
    expect(one(p, 'members', kol).tier).toBe('repeat_buyer');
    friend = await friendVia(await shareCode(p, kol, { targetType: 'product', targetId: PRODUCT, channel: 'chat' }));
    ({ orderId } = await buyThroughShare(p, db, friend, PRODUCT));
    expect(conversionOf(p, orderId)).toMatchObject({ sharerId: kol, status: 'pending' });
    const influence = (await referral(p, kol, { action: 'influence' })).data;
    expect(influence.koc).toMatchObject({
      tier: 'repeat_buyer',
      isKoc: false,
      friendsBought: 0,
      paidOrders: 2,
      text: '再邀请 1 位好友购买即可成为品牌KOC',
      pendingText: '另有 1 笔好友订单待确认，付款满 7 天、退款期结束后计入',
    });
    expect(influence.recentPurchases).toEqual([
      expect.objectContaining({
        buyer: expect.stringContaining('*'),
        status: 'pending',
        statusText: '待确认',
        confirmsAt: expect.any(String),
        rewardPoints: 0,
      }),
    ]);
  });

  test('the timer does not confirm before the hold has passed', async () => {
    expect(await fireConfirm(p)).toMatchObject({ ok: true, data: { confirmed: 0, failed: 0 } });
    p.emu.clock.advance(7 * DAY_MS - 10 * 60_000);
    expect((await fireConfirm(p)).data.confirmed).toBe(0);
    expect(conversionOf(p, orderId).status).toBe('pending');
    expect(pointsOf(p, kol)).toBe(one(p, 'points_wallets', kol).balance);
  });

  test('after the hold: confirmed, 100 points once, and the repeat buyer becomes 品牌KOC', async () => {
    const before = pointsOf(p, kol);
    p.emu.clock.advance(20 * 60_000);
    const run = await fireConfirm(p);
    expect(run.ok).toBe(true);
    expect(run.data.confirmed).toBeGreaterThanOrEqual(1);
    expect(conversionOf(p, orderId)).toMatchObject({ status: 'confirmed', rewardPoints: 100, ladderSynced: true, confirmedAt: expect.any(Date) });
    expect(pointsOf(p, kol)).toBe(before + 100);
    expect(entry(`conversion:${orderId}:reward`)).toMatchObject({ memberId: kol, kind: 'earn', delta: 100 });
    expect(facts(kol).conversions).toEqual([expect.objectContaining({ orderId, friendId: friend, reversedAt: null })]);
    expect(one(p, 'members', kol).tier).toBe('koc');
    expect(all(p, 'tier_changes', { memberId: kol }).at(-1)).toMatchObject({ from: 'repeat_buyer', to: 'koc', trigger: 'conversion_confirmed' });
    // The timer again (twice) pays nothing more.
    await fireConfirm(p);
    await fireConfirm(p);
    expect(pointsOf(p, kol)).toBe(before + 100);
    expect(all(p, 'points_entries', { memberId: kol }).filter((e: any) => e._id.startsWith('conversion:'))).toHaveLength(1);
  });

  test('my influence says so in plain words', async () => {
    const view = (await referral(p, kol, { action: 'influence' })).data;
    expect(view).toMatchObject({
      shares: 1,
      visits: 1,
      friendsJoined: 1,
      pointsEarned: 100,
      purchases: { pending: { count: 0 }, confirmed: { count: 1, payFen: conversionOf(p, orderId).orderPayFen }, reversed: { count: 0 } },
      koc: { tier: 'koc', tierName: '品牌KOC', isKoc: true, friendsBought: 1, text: '你已是品牌KOC：近 180 天有 1 位好友通过你的分享购买', pendingText: null },
    });
    expect(view.recentPurchases[0]).toMatchObject({ status: 'confirmed', statusText: '已确认', rewardPoints: 100, confirmsAt: null });
  });

  test('the KOC leaderboard: distinct friends, propagation value and own value; moderators may look', async () => {
    const res = await p.call('admin', MODERATOR, { action: 'kocLeaderboard', days: 30 });
    expect(res.ok).toBe(true);
    const row = res.data.rows.find((r: any) => r.memberId === kol);
    const own = all(p, 'orders', { memberId: kol }).reduce((s: number, o: any) => s + o.payFen, 0);
    const friendPay = conversionOf(p, orderId).orderPayFen;
    expect(row).toMatchObject({
      nickname: kol,
      tier: 'koc',
      tierName: '品牌KOC',
      friends: 1,
      conversions: 1,
      propagationFen: friendPay,
      ownFen: own,
      totalFen: own + friendPay,
    });
    expect(res.data.rows.map((r: any) => r.rank)).toEqual(res.data.rows.map((_r: any, i: number) => i + 1));
    expect(await p.call('admin', kol, { action: 'kocLeaderboard', days: 30 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await p.call('admin', ADMIN, { action: 'kocLeaderboard', days: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  test('refunded after confirmation: clawed back through the ledger (spent points become a debt) and the ladder; replays change nothing', async () => {
    // The sharer spent everything, so the clawback cannot come from the balance.
    const balance = pointsOf(p, kol);
    await changePoints(db, { kind: 'spend', memberId: kol, sourceKey: `test:${kol}:spend`, amount: balance, reason: '测试消费' });
    for (let i = 0; i < 3; i++) {
      const res = await refund(db, orderId, nowDate());
      expect(res.ok).toBe(true);
      if (res.ok) expect(res.data.change).toBe(i === 0 ? 'clawed_back' : 'none');
    }
    expect(conversionOf(p, orderId)).toMatchObject({ status: 'clawed_back', ladderSynced: true });
    expect(entry(`conversion:${orderId}:clawback`)).toMatchObject({ kind: 'reverse', delta: 0, debtDelta: 100 });
    expect(one(p, 'points_wallets', kol)).toMatchObject({ balance: 0, debt: 100 });
    expect(facts(kol).conversions.find((c: any) => c.orderId === orderId).reversedAt).toEqual(expect.any(Date));
    // Upgrades are immediate, downgrades wait out the grace: still 品牌KOC, told what keeps it.
    expect(one(p, 'members', kol)).toMatchObject({ tier: 'koc', tierGraceUntil: expect.any(Date) });
    const view = (await referral(p, kol, { action: 'influence' })).data;
    expect(view).toMatchObject({ pointsEarned: 0, purchases: { confirmed: { count: 0 }, reversed: { count: 1 } } });
    expect(view.recentPurchases[0]).toMatchObject({ status: 'reversed', statusText: '已退款，奖励已扣回', rewardPoints: 0 });
  });
});

describe('refunds before confirmation', () => {
  test('refunded during the hold: reversed, never paid, whatever the timer does later', async () => {
    const a = await sharer('rev');
    const f = await friendVia(await shareCode(p, a));
    const { orderId } = await buyThroughShare(p, db, f, PRODUCT);
    for (let i = 0; i < 3; i++) expect((await refund(db, orderId, nowDate())).ok).toBe(true);
    expect(conversionOf(p, orderId)).toMatchObject({ status: 'reversed', reversedAt: expect.any(Date) });
    p.emu.clock.advance(8 * DAY_MS);
    await fireConfirm(p);
    expect(conversionOf(p, orderId).status).toBe('reversed');
    expect(pointsOf(p, a)).toBe(0);
    expect(entry(`conversion:${orderId}:reward`)).toBeUndefined();
    expect(facts(a)?.conversions ?? []).toEqual([]);
  });

  test('a refund that arrives before the conversion: the late conversion is never created', async () => {
    const a = await sharer('early');
    const f = id('early-buyer');
    await visit(p, f, await shareCode(p, a));
    const order = fakeOrder(f);
    expect(await refund(db, order.orderId, nowDate())).toEqual({ ok: true, data: { conversion: null, change: 'none' } });
    expect(await recordConversion(db, order)).toEqual({ ok: true, data: { conversion: null, replayed: true } });
    expect(conversionOf(p, order.orderId)).toMatchObject({ status: 'void', sharerId: null });
  });
});

describe('every event replayed 3 times credits once', () => {
  test('visit, join, conversion, confirmation and refund, each three times', async () => {
    const a = await sharer('replay');
    const code = await shareCode(p, a);
    const f = id('replay-friend');
    for (let i = 0; i < 3; i++) await visit(p, f, code);
    for (let i = 0; i < 3; i++) await join(p, f);
    const orderId = await buyAndPay(p, f, [{ productId: PRODUCT, qty: 1 }]);
    const order = one(p, 'orders', orderId);
    const paid = { orderId, buyerId: f, payFen: order.payFen, paidAt: new Date(order.paidAt) };
    // The payment's own order event recorded it; three more deliveries find it.
    expect(conversionOf(p, orderId)).toMatchObject({ sharerId: a, status: 'pending' });
    const results = [await recordConversion(db, paid), await recordConversion(db, paid), await recordConversion(db, paid)];
    expect(results.map((r) => r.ok && r.data.replayed && r.data.conversion?.sharerId)).toEqual([a, a, a]);
    p.emu.clock.advance(7 * DAY_MS + 1);
    for (let i = 0; i < 3; i++) await fireConfirm(p);
    for (let i = 0; i < 3; i++) await refund(db, orderId, nowDate());
    expect(all(p, 'share_visits', { code })).toHaveLength(1);
    expect(all(p, 'referrals', { referrerId: a })).toHaveLength(1);
    expect(all(p, 'conversions', { sharerId: a })).toHaveLength(1);
    expect(all(p, 'points_entries', { memberId: a }).map((e: any) => [e._id, e.delta])).toEqual(
      expect.arrayContaining([
        [`conversion:${orderId}:reward`, 100],
        [`conversion:${orderId}:clawback`, -100],
      ]),
    );
    expect(all(p, 'points_entries', { memberId: a })).toHaveLength(2);
    expect(pointsOf(p, a)).toBe(0);
  });
});

describe('caps and review', () => {
  const capOf3: ReferralConfig = { ...DEFAULT_REFERRAL_CONFIG, dailyRewardCap: 3 };

  test('beyond the daily cap (3, configured) conversions are flagged for review, not paid; the next day starts again', async () => {
    const a = await sharer('cap');
    const code = await shareCode(p, a);
    const buyers: string[] = [];
    for (let i = 0; i < 5; i++) {
      buyers.push(id('cap-buyer'));
      await visit(p, buyers[i], code);
    }
    const orders = buyers.map((b) => fakeOrder(b));
    const res = [];
    for (const o of orders) res.push(await recordConversion(db, o, capOf3));
    expect(res.map((r) => r.ok && r.data.conversion?.status)).toEqual(['pending', 'pending', 'pending', 'flagged', 'flagged']);
    expect(res.map((r) => r.ok && r.data.conversion?.capPlace)).toEqual([true, true, true, false, false]);
    const [places, ...others] = all(p, 'referral_cap_slots', { sharerId: a });
    expect(others).toEqual([]);
    expect(places).toMatchObject({ sharerId: a, taken: 3 });
    expect(Object.keys(places.orders).sort()).toEqual(
      orders
        .slice(0, 3)
        .map((o) => o.orderId)
        .sort(),
    );
    expect(conversionOf(p, orders[3].orderId).flags).toEqual(['daily_cap']);
    const tomorrow = new Date(nowDate().getTime() + DAY_MS);
    const next = await recordConversion(db, fakeOrder(buyers[0], tomorrow), capOf3);
    expect(next).toMatchObject({ ok: true, data: { conversion: { status: 'pending', capPlace: true } } });
  });

  test('after the hold the timer pays the capped-in ones only; staff approve one (paid at once) and reject another (never paid)', async () => {
    const a = (all(p, 'conversions', { flags: 'daily_cap' })[0] as any).sharerId as string;
    const flagged = all(p, 'conversions', { sharerId: a, status: 'flagged' }).map((c: any) => c._id);
    expect(flagged).toHaveLength(2);
    p.emu.clock.advance(7 * DAY_MS + 1);
    await fireConfirm(p);
    expect(all(p, 'conversions', { sharerId: a, status: 'confirmed' })).toHaveLength(3);
    expect(pointsOf(p, a)).toBe(300);
    const list = (await p.call('admin', MODERATOR, { action: 'flaggedReferrals' })).data.flags.filter((f: any) => f.sharerId === a);
    expect(list.map((f: any) => f.id).sort()).toEqual(flagged.map((o: string) => `conversion:${o}`).sort());
    expect(list[0]).toMatchObject({
      kind: 'conversion',
      kindText: '好友购买',
      orderId: expect.any(String),
      orderPayFen: 9900,
      reasons: ['daily_cap'],
      reasonTexts: ['超出每日奖励上限（每位分享者每天 20 笔）'],
    });
    const [approveId, rejectId] = list.map((f: any) => f.id);
    expect(await p.call('admin', ADMIN, { action: 'decideFlag', id: approveId, decision: 'approve' })).toMatchObject({
      ok: true,
      data: { subjectStatus: 'confirmed' },
    });
    expect(await p.call('admin', ADMIN, { action: 'decideFlag', id: rejectId, decision: 'reject' })).toMatchObject({
      ok: true,
      data: { subjectStatus: 'void' },
    });
    expect(pointsOf(p, a)).toBe(400);
    await fireConfirm(p);
    expect(pointsOf(p, a)).toBe(400);
    expect(conversionOf(p, rejectId.slice('conversion:'.length))).toMatchObject({ status: 'void', voidedAt: expect.any(Date) });
    expect(conversionOf(p, approveId.slice('conversion:'.length))).toMatchObject({ status: 'confirmed', approved: true, ladderSynced: true });
  });

  test('one person behind the sharer’s and the buyer’s accounts: flagged; approved before the hold ends, it waits for the timer', async () => {
    const a = await sharer('same');
    const code = await shareCode(p, a, { targetType: 'invite', channel: 'poster' }, 'u-conv-same');
    const alt = id('alt');
    await visit(p, alt, code, 'u-conv-same');
    const o = fakeOrder(alt);
    expect(await recordConversion(db, o)).toMatchObject({ ok: true, data: { conversion: { status: 'flagged', flags: ['same_unionid'], capPlace: true } } });
    expect(await p.call('admin', ADMIN, { action: 'decideFlag', id: `conversion:${o.orderId}`, decision: 'approve' })).toMatchObject({
      ok: true,
      data: { subjectStatus: 'pending' },
    });
    await fireConfirm(p);
    expect(conversionOf(p, o.orderId)).toMatchObject({ status: 'pending', approved: true });
    p.emu.clock.advance(7 * DAY_MS + 1);
    await fireConfirm(p);
    expect(conversionOf(p, o.orderId).status).toBe('confirmed');
    expect(pointsOf(p, a)).toBe(100);
  });

  test('a flagged conversion refunded while in review: reversed, and its review item closes', async () => {
    const a = await sharer('closed');
    const code = await shareCode(p, a, { targetType: 'invite', channel: 'chat' }, 'u-conv-closed');
    const alt = id('alt');
    await visit(p, alt, code, 'u-conv-closed');
    const o = fakeOrder(alt);
    await recordConversion(db, o);
    await refund(db, o.orderId, nowDate());
    expect(conversionOf(p, o.orderId).status).toBe('reversed');
    expect(one(p, 'referral_flags', `conversion:${o.orderId}`)).toMatchObject({ status: 'closed', closedReason: '订单已退款' });
    expect(await p.call('admin', ADMIN, { action: 'decideFlag', id: `conversion:${o.orderId}`, decision: 'approve' })).toMatchObject({
      ok: false,
      error: { code: 'FLAG_ALREADY_DECIDED', message: '该记录已关闭：订单已退款' },
    });
  });
});
