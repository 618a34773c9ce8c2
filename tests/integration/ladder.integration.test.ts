/**
 * The relationship ladder through the built functions on the emulator with the real SDK. There is
 * no shop yet, so facts are fed the way the shop and referral areas will: through core's one entry
 * point, recordLadderFact, on a real SDK database handle.
 */
import { recordLadderFact, type LadderFactInput } from '../../core/ladder/ladder.usecases';
import { DAY_MS } from '../../core/ladder/ladder.config';
import { now } from '../../core/platform/clock';
import type { Database } from '../../core/platform/database';
import { startProductEmulator, type ProductEmulator } from './product-emulator';

let p: ProductEmulator;
let db: Database;
beforeAll(async () => {
  p = await startProductEmulator({ FLYWHEEL_BOOTSTRAP_ADMINS: 'o-lad-boss' });
  const cloud = require('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  db = cloud.database();
});
afterAll(() => p.emu.close());

const member = (id: string) => p.emu.db.find({ collection: 'members', query: { _id: id }, limit: 1 })[0];
const changes = (id: string) => p.emu.db.find({ collection: 'tier_changes', query: { memberId: id }, order: { at: 1 }, limit: 100 });
const audit = (action: string) => p.emu.db.find({ collection: 'audit_log', query: { action }, order: { at: 1 }, limit: 100 });
const feed = (fact: LadderFactInput) => recordLadderFact(db, fact);
const ladder = async (openid: string) => (await p.call('member', openid, { action: 'ladder' })).data;
const fireNightly = async () =>
  (await p.emu.invoke('jobs', { Type: 'Timer', TriggerName: 'ladder-nightly', Time: now().toISOString(), Message: '' }, { OPENID: '', SOURCE: 'wx_trigger' }))
    .result as any;

async function joinedMember(openid: string) {
  await p.call('member', openid, { action: 'open' });
  const joined = await p.call('member', openid, { action: 'join', agreeTerms: true });
  expect(joined.data.profile.tier).toBe('member');
}

describe('a member climbs and slips down the ladder', () => {
  const M = 'o-lad-lin';

  test('joining records follower -> 未购会员 with its reason', async () => {
    await joinedMember(M);
    expect(changes(M)).toEqual([expect.objectContaining({ memberId: M, from: 'follower', to: 'member', reason: '同意会员协议，加入会员', trigger: 'joined' })]);
    const view = await ladder(M);
    expect(view.me).toMatchObject({ tier: 'member', tierName: '未购会员', progress: { nextTier: 'buyer', text: '再下 1 单升级为已购会员' }, grace: null });
    expect(view.steps.map((s: any) => s.name)).toEqual(['基础用户', '未购会员', '已购会员', '复购会员', '品牌KOC']);
  });

  test('the first paid order makes 已购会员 at once, with a tier_changes record', async () => {
    expect(await feed({ kind: 'order_paid', memberId: M, orderId: 'ord-1', paidAt: now() })).toMatchObject({
      ok: true,
      data: { tier: 'buyer', change: 'upgrade' },
    });
    expect(member(M).tier).toBe('buyer');
    expect(changes(M).at(-1)).toMatchObject({ from: 'member', to: 'buyer', reason: '近 180 天有 1 笔有效订单，升级为已购会员' });
    expect((await p.call('member', M, { action: 'open' })).data.profile).toMatchObject({ tier: 'buyer', tierName: '已购会员' });
    expect((await ladder(M)).me.progress.text).toBe('再下 1 单升级为复购会员');
  });

  test('the second makes 复购会员', async () => {
    await feed({ kind: 'order_paid', memberId: M, orderId: 'ord-2', paidAt: now() });
    expect(member(M).tier).toBe('repeat_buyer');
    expect(changes(M).at(-1)).toMatchObject({ from: 'buyer', to: 'repeat_buyer', reason: '近 180 天有 2 笔有效订单，升级为复购会员' });
    expect((await ladder(M)).me.progress.text).toBe('再邀请 1 位好友购买即可成为品牌KOC');
  });

  test('a refund keeps the tier during the grace and says what keeps it', async () => {
    const res = await feed({ kind: 'order_refunded', memberId: M, orderId: 'ord-2', refundedAt: now() });
    expect(res).toMatchObject({ ok: true, data: { tier: 'repeat_buyer', change: 'grace_started' } });
    expect(member(M).tier).toBe('repeat_buyer');
    const { me } = await ladder(M);
    expect(me.grace).toEqual({ until: expect.any(String), keepText: '再下 1 单保级' });
    const graceDays = (Date.parse(me.grace.until) - now().getTime()) / DAY_MS;
    expect(graceDays).toBeGreaterThan(29.9);
    expect(graceDays).toBeLessThanOrEqual(30);
    // The nightly job during the grace changes nothing.
    expect(await fireNightly()).toMatchObject({ ok: true, data: { done: true } });
    expect(member(M).tier).toBe('repeat_buyer');
  });

  test('after the grace, the nightly job moves the member down, with the reason', async () => {
    p.emu.clock.advance(31 * DAY_MS);
    const run = await fireNightly();
    expect(run).toMatchObject({ ok: true, data: { done: true, changed: expect.any(Number) } });
    expect(member(M)).toMatchObject({ tier: 'buyer', tierGraceUntil: null });
    expect(changes(M).at(-1)).toMatchObject({
      from: 'repeat_buyer',
      to: 'buyer',
      reason: '保级期结束：近 180 天只有 1 笔有效订单，复购会员需 2 笔',
      trigger: 'nightly',
    });
    expect((await ladder(M)).me).toMatchObject({ tier: 'buyer', grace: null, progress: { text: '再下 1 单升级为复购会员' } });
  });
});

describe('facts are recorded once', () => {
  test('the same paid order delivered 3 times, then 10 times at once, records once', async () => {
    const M = 'o-lad-dup';
    await joinedMember(M);
    const fact: LadderFactInput = { kind: 'order_paid', memberId: M, orderId: 'ord-dup', paidAt: now() };
    const serial = [await feed(fact), await feed(fact), await feed(fact)];
    expect(serial.map((r) => r.ok && r.data.recorded)).toEqual([true, false, false]);
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => feed({ ...fact, orderId: 'ord-dup-2' })));
    expect(concurrent.filter((r) => r.ok && r.data.recorded)).toHaveLength(1);
    expect(concurrent.every((r) => r.ok)).toBe(true);
    const stored = p.emu.db.find({ collection: 'member_facts', query: { _id: M }, limit: 1 })[0] as { orders: Array<{ orderId: string }> };
    expect(stored.orders.map((o) => o.orderId).sort()).toEqual(['ord-dup', 'ord-dup-2']);
    expect(changes(M).map((c: any) => c.to)).toEqual(['member', 'buyer', 'repeat_buyer']);
  });
});

describe('KOC', () => {
  test('a confirmed conversion from a repeat buyer makes 品牌KOC; the same friend again adds nothing', async () => {
    const M = 'o-lad-koc';
    await joinedMember(M);
    await feed({ kind: 'order_paid', memberId: M, orderId: 'k-1', paidAt: now() });
    await feed({ kind: 'order_paid', memberId: M, orderId: 'k-2', paidAt: now() });
    const res = await feed({ kind: 'conversion_confirmed', memberId: M, friendId: 'o-friend', orderId: 'f-ord-1', confirmedAt: now() });
    expect(res).toMatchObject({ ok: true, data: { tier: 'koc', change: 'upgrade' } });
    expect(changes(M).at(-1)).toMatchObject({ from: 'repeat_buyer', to: 'koc', reason: '近 180 天有 2 笔有效订单、1 位好友通过你的分享购买，升级为品牌KOC' });
    const { me } = await ladder(M);
    expect(me).toMatchObject({ tier: 'koc', tierName: '品牌KOC', friends: 1, progress: { nextTier: null, text: '你已是最高等级：品牌KOC' } });
    await feed({ kind: 'conversion_confirmed', memberId: M, friendId: 'o-friend', orderId: 'f-ord-2', confirmedAt: now() });
    expect((await ladder(M)).me.friends).toBe(1);
  });
});

describe('staff edit the ladder', () => {
  const valid = {
    periodDays: 90,
    graceDays: 14,
    thresholds: { buyerOrders: 1, repeatBuyerOrders: 3, kocFriends: 2 },
    benefits: {
      follower: { pointsMultiplierPermille: 1000, perksEligible: false, drawsEligible: false },
      member: { pointsMultiplierPermille: 1000, perksEligible: true, drawsEligible: true },
      buyer: { pointsMultiplierPermille: 1200, perksEligible: true, drawsEligible: true },
      repeat_buyer: { pointsMultiplierPermille: 1500, perksEligible: true, drawsEligible: true },
      koc: { pointsMultiplierPermille: 2500, perksEligible: true, drawsEligible: true },
    },
  };

  beforeAll(async () => {
    await p.call('member', 'o-lad-boss', { action: 'open' });
    await p.call('member', 'o-lad-mod', { action: 'open' });
    await p.call('member', 'o-lad-cust', { action: 'open' });
    expect(await p.call('admin', 'o-lad-boss', { action: 'grantRole', openid: 'o-lad-mod', role: 'moderator' })).toMatchObject({ ok: true });
  });

  test('moderators see the configuration (the defaults at first); customers do not', async () => {
    const view = await p.call('admin', 'o-lad-mod', { action: 'ladderConfig' });
    expect(view).toMatchObject({
      ok: true,
      data: { isDefault: true, version: 0, periodDays: 180, graceDays: 30, config: { thresholds: { buyerOrders: 1, repeatBuyerOrders: 2, kocFriends: 1 } } },
    });
    expect(view.data.steps[4]).toMatchObject({ name: '品牌KOC', benefitLines: ['2 倍积分', '享品牌KOC价', '可参与限量抽签', '可解锁好友助力福利'] });
    expect(await p.call('admin', 'o-lad-cust', { action: 'ladderConfig' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(audit('ladder.config.view').map((e: any) => `${e.actor}:${e.outcome}`)).toEqual(['o-lad-mod:ok', 'o-lad-cust:denied']);
  });

  test('only admins save, and that is audited', async () => {
    expect(await p.call('admin', 'o-lad-mod', { action: 'updateLadderConfig', config: valid })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(audit('ladder.config.update').at(-1)).toMatchObject({ actor: 'o-lad-mod', outcome: 'denied' });
  });

  test.each<[string, (c: typeof valid) => unknown, string]>([
    ['repeat not above buyer', (c) => ({ ...c, thresholds: { ...c.thresholds, repeatBuyerOrders: 1 } }), '复购会员的订单数需大于已购会员的订单数'],
    ['a zero threshold', (c) => ({ ...c, thresholds: { ...c.thresholds, kocFriends: 0 } }), '品牌KOC好友数至少为 1'],
    ['a grace of 400 days', (c) => ({ ...c, graceDays: 400 }), '保级期最多 365 天'],
    [
      'a multiplier of ×6',
      (c) => ({ ...c, benefits: { ...c.benefits, koc: { ...c.benefits.koc, pointsMultiplierPermille: 6000 } } }),
      '积分倍数不能高于 5000‰（5 倍）',
    ],
    [
      'a float multiplier',
      (c) => ({ ...c, benefits: { ...c.benefits, buyer: { ...c.benefits.buyer, pointsMultiplierPermille: 1200.5 } } }),
      '积分倍数需为整数（千分比）',
    ],
  ])('an invalid configuration is refused (%s), changes nothing and is audited', async (_name, make, message) => {
    const res = await p.call('admin', 'o-lad-boss', { action: 'updateLadderConfig', config: make(valid) });
    expect(res).toMatchObject({ ok: false, error: { code: 'LADDER_CONFIG_INVALID' } });
    expect(res.error.message).toContain(message);
    expect(p.emu.db.find({ collection: 'settings', query: { _id: 'ladder' }, limit: 1 })).toEqual([]);
    expect(audit('ladder.config.update').at(-1)).toMatchObject({ actor: 'o-lad-boss', outcome: 'failed', detail: 'LADDER_CONFIG_INVALID' });
  });

  test('a malformed request is a validation failure', async () => {
    expect(await p.call('admin', 'o-lad-boss', { action: 'updateLadderConfig' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await p.call('admin', 'o-lad-boss', { action: 'updateLadderConfig', config: valid, expectedVersion: -1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
  });

  test('an admin saves; the new thresholds and benefits apply everywhere; a stale save is a conflict', async () => {
    const saved = await p.call('admin', 'o-lad-boss', { action: 'updateLadderConfig', config: valid, expectedVersion: 0 });
    expect(saved).toMatchObject({ ok: true, data: { version: 1, isDefault: false, updatedBy: 'o-lad-boss', periodDays: 90, config: valid } });
    expect(audit('ladder.config.update').at(-1)).toMatchObject({ actor: 'o-lad-boss', outcome: 'ok', target: { settings: 'ladder', config: valid } });
    const { steps } = await ladder('o-lad-cust');
    expect(steps[3].requirement).toBe('近 90 天有 3 笔已支付且未退款的订单');
    expect(steps[4].benefits.pointsMultiplierPermille).toBe(2500);
    const stale = await p.call('admin', 'o-lad-boss', { action: 'updateLadderConfig', config: valid, expectedVersion: 0 });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('the jobs function only runs for timers', () => {
  test.each([
    ['a customer forging a timer event', 'o-lad-cust', { Type: 'Timer', TriggerName: 'ladder-nightly' }],
    ['a customer calling an action', 'o-lad-cust', { action: 'ladder-nightly' }],
  ])('%s is refused', async (_name, openid, event) => {
    const before = p.emu.db.find({ collection: 'job_checkpoints', query: {}, limit: 10 });
    expect(await p.call('jobs', openid, event)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '定时任务只能由系统触发' } });
    expect(p.emu.db.find({ collection: 'job_checkpoints', query: {}, limit: 10 })).toEqual(before);
  });

  test('a call without identity that is not a timer event is refused; an unknown trigger is named', async () => {
    expect((await p.emu.invoke('jobs', { action: 'x' }, { OPENID: '' })).result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await p.emu.invoke('jobs', { Type: 'Timer', TriggerName: 'nope' }, { OPENID: '' })).result).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_ACTION' },
    });
  });

  test('client functions still refuse calls without an OPENID, timer-shaped or not', async () => {
    expect((await p.emu.invoke('member', { Type: 'Timer', TriggerName: 'ladder-nightly' }, { OPENID: '' })).result).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  test('the ladder action is read-only and takes no input', async () => {
    expect(await p.call('member', 'o-lad-cust', { action: 'ladder', tier: 'koc' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});
