/** The points function, built as deployed: a member reads only their own points. */
import type { Database } from '../../core/platform/database';
import { changePoints, expiryFromNow } from '../../core/points/points.usecases';
import { lineId } from '../../core/points/points.views';
import { startProductEmulator, type ProductEmulator } from './product-emulator';

let p: ProductEmulator;
beforeAll(async () => {
  p = await startProductEmulator();
  await p.call('member', 'o-pts', { action: 'open' });
  await p.call('member', 'o-other', { action: 'open' });
  const db = require('wx-server-sdk').database() as Database;
  await changePoints(db, { kind: 'earn', memberId: 'o-pts', sourceKey: 'order:p1:earn', amount: 260, reason: '订单奖励', expiresAt: expiryFromNow() });
});
afterAll(() => p.emu.close());

test('summary and history are the caller’s own', async () => {
  expect(await p.call('points', 'o-pts', { action: 'summary' })).toMatchObject({ ok: true, data: { balance: 260, debt: 0, expiringSoon: { total: 0 } } });
  expect(await p.call('points', 'o-other', { action: 'summary' })).toMatchObject({ ok: true, data: { balance: 0 } });
  const history = await p.call('points', 'o-pts', { action: 'history', limit: 10 });
  // The line as the contract declares it: no ledger key, member id, lots or staff.
  expect(history.data.entries).toEqual([
    {
      _id: lineId('order:p1:earn'),
      kind: 'earn',
      delta: 260,
      debtDelta: 0,
      balanceAfter: 260,
      debtAfter: 0,
      reason: '订单奖励',
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
    },
  ]);
  expect((await p.call('member', 'o-pts', { action: 'open' })).data.profile.points).toBe(260);
});

test.each([
  [{ action: 'history', limit: 0 }],
  [{ action: 'history', before: 'last week' }],
  [{ action: 'history', memberId: 'o-other' }],
  [{ action: 'summary', memberId: 'o-other' }],
])('malformed or someone else’s: %j is VALIDATION_FAILED', async (event) => {
  expect(await p.call('points', 'o-pts', event)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
});

test('the points-expire timer sweeps due lots through the jobs function, once', async () => {
  const db = require('wx-server-sdk').database() as Database;
  await p.call('member', 'o-exp', { action: 'open' });
  const soon = new Date(Date.now() + p.emu.clock.offset() + 2 * 86_400_000);
  await changePoints(db, { kind: 'earn', memberId: 'o-exp', sourceKey: 'order:e1:earn', amount: 40, reason: '订单奖励', expiresAt: soon });
  expect((await p.call('points', 'o-exp', { action: 'summary' })).data.expiringSoon.total).toBe(40);
  p.emu.clock.advance(3 * 86_400_000);
  const fire = () =>
    p.emu.invoke('jobs', { Type: 'Timer', TriggerName: 'points-expire', Time: new Date().toISOString(), Message: '' }, { OPENID: '', SOURCE: 'wx_trigger' });
  expect((await fire()).result).toMatchObject({ ok: true, data: { members: 1, expiredPoints: 40, complete: true } });
  expect((await fire()).result).toMatchObject({ ok: true, data: { members: 0, expiredPoints: 0 } });
  expect((await p.call('points', 'o-exp', { action: 'summary' })).data.balance).toBe(0);
  const history = await p.call('points', 'o-exp', { action: 'history' });
  expect(history.data.entries[0]).toMatchObject({ kind: 'expire', delta: -40, reason: '积分到期' });
  p.emu.clock.reset();
});

describe('staff adjustments', () => {
  beforeAll(async () => {
    const db = require('wx-server-sdk').database();
    await db
      .collection('staff')
      .doc('o-admin')
      .set({ data: { role: 'admin', grantedBy: 'test', grantedAt: new Date() } });
    await db
      .collection('staff')
      .doc('o-mod')
      .set({ data: { role: 'moderator', grantedBy: 'test', grantedAt: new Date() } });
    await p.call('member', 'o-adj', { action: 'open' });
  });

  test('an admin credits and debits with a reason; a double submit adjusts once; it is audited', async () => {
    const credit = { action: 'adjustPoints', openid: 'o-adj', amount: 300, reason: '活动补发', requestId: 'req-00000001' };
    expect(await p.call('admin', 'o-admin', credit)).toMatchObject({
      ok: true,
      data: { replayed: false, entry: { delta: 300, reason: '客服调整：活动补发', actor: 'o-admin' } },
    });
    expect(await p.call('admin', 'o-admin', credit)).toMatchObject({ ok: true, data: { replayed: true } });
    expect(await p.call('admin', 'o-admin', { ...credit, amount: -100, requestId: 'req-00000002' })).toMatchObject({
      ok: true,
      data: { entry: { delta: -100 } },
    });
    expect((await p.call('points', 'o-adj', { action: 'summary' })).data.balance).toBe(200);
    // The member reads the reason, never who adjusted.
    const lines = (await p.call('points', 'o-adj', { action: 'history' })).data.entries;
    expect(lines.map((l: any) => [l.delta, l.reason])).toEqual([
      [-100, '客服调整：活动补发'],
      [300, '客服调整：活动补发'],
    ]);
    expect(JSON.stringify(lines)).not.toContain('o-admin');
    expect(await p.call('admin', 'o-admin', { ...credit, amount: -201, requestId: 'req-00000003' })).toMatchObject({
      ok: false,
      error: { code: 'POINTS_INSUFFICIENT' },
    });
    const log = await p.call('admin', 'o-admin', { action: 'auditLog', limit: 20 });
    expect(log.data.entries.filter((e: any) => e.action === 'points.adjust').map((e: any) => e.outcome)).toEqual(['failed', 'ok', 'ok', 'ok']);
  });

  test('a moderator or a member cannot adjust points; bad input changes nothing', async () => {
    const req = { action: 'adjustPoints', openid: 'o-adj', amount: 50, reason: '想多要点', requestId: 'req-00000009' };
    expect(await p.call('admin', 'o-mod', req)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await p.call('admin', 'o-adj', req)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await p.call('admin', 'o-admin', { ...req, amount: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await p.call('admin', 'o-admin', { ...req, amount: 1.5 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await p.call('admin', 'o-admin', { ...req, reason: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await p.call('admin', 'o-admin', { ...req, openid: 'o-nobody' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await p.call('points', 'o-adj', { action: 'summary' })).data.balance).toBe(200);
  });
});

test('the member centre is one function call: profile, points with what expires soon, ladder, coupons', async () => {
  const db = require('wx-server-sdk').database() as Database;
  await p.call('member', 'o-centre', { action: 'open' });
  await p.call('member', 'o-centre', { action: 'join', agreeTerms: true });
  const soon = new Date(Date.now() + p.emu.clock.offset() + 10 * 86_400_000);
  await changePoints(db, { kind: 'earn', memberId: 'o-centre', sourceKey: 'order:c1:earn', amount: 80, reason: '订单奖励', expiresAt: soon });
  const before = { ...p.emu.requestCounts };
  const centre = await p.call('member', 'o-centre', { action: 'centre' });
  expect(centre).toMatchObject({
    ok: true,
    data: {
      profile: { memberId: 'o-centre', tierName: '未购会员', points: 80 },
      points: { balance: 80, expiringSoon: { total: 80 } },
      ladder: { tier: 'member', progress: { nextTierName: '已购会员' } },
      coupons: { available: 0 },
    },
  });
  const reads = Object.entries(p.emu.requestCounts).reduce((n, [k, v]) => n + v - (before[k] ?? 0), 0);
  // member + staff role, wallet, ladder config + member + facts, coupon count: a fixed number of reads.
  expect(reads).toBeLessThanOrEqual(8);
});
