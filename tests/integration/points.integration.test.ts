/**
 * The points ledger through the emulator with the real SDK: replays, concurrency, expiry runs
 * that die midway.
 */
import { startTestEmulator, type TestEmulator } from '../../emulator/testing';
import type { Database } from '../../core/platform/database';
import { changePoints, expireDuePoints, pointsHistory, pointsSummary } from '../../core/points/points.usecases';
import { lineId } from '../../core/points/points.views';
import { INDEX_FILE } from './product-emulator';

let t: TestEmulator;
let db: Database;
const DAY = 86_400_000;
const inDays = (d: number) => new Date(Date.now() + t.emu.clock.offset() + d * DAY);

beforeAll(async () => {
  t = await startTestEmulator({ indexes: INDEX_FILE });
  db = t.db as Database;
});
afterAll(() => t.emu.close());

async function newMember(id: string) {
  await t.db
    .collection('members')
    .doc(id)
    .set({ data: { nickname: id, tier: 'member', points: 0, joinedAt: new Date() } });
}
const member = async (id: string) => (await t.db.collection('members').doc(id).get()).data;
const entries = async (id: string) => (await t.db.collection('points_entries').where({ memberId: id }).limit(1000).get()).data;
const earn = (memberId: string, key: string, amount: number, expiresInDays = 365) =>
  changePoints(db, { kind: 'earn', memberId, sourceKey: key, amount, reason: '订单奖励', expiresAt: inDays(expiresInDays) });

test('the same earn delivered 3 times, then 10 times at once, credits once', async () => {
  await newMember('m-replay');
  for (let i = 0; i < 3; i++) expect((await earn('m-replay', 'order:1:earn', 120)).ok).toBe(true);
  const concurrent = await Promise.all(Array.from({ length: 10 }, () => earn('m-replay', 'order:2:earn', 30)));
  expect(concurrent.every((r) => r.ok)).toBe(true);
  expect(concurrent.filter((r) => r.ok && !r.data.replayed)).toHaveLength(1);
  expect((await member('m-replay')).points).toBe(150);
  expect(await entries('m-replay')).toHaveLength(2);
});

test('50 concurrent spends by a member whose balance covers 5: exactly 5 succeed, never negative', async () => {
  await newMember('m-spend');
  await earn('m-spend', 'order:s:earn', 500);
  const results = await Promise.all(
    Array.from({ length: 50 }, (_v, i) =>
      changePoints(db, { kind: 'spend', memberId: 'm-spend', sourceKey: `redeem:${i}`, amount: 100, reason: '兑换优惠券' }),
    ),
  );
  const ok = results.filter((r) => r.ok);
  expect(ok).toHaveLength(5);
  expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'POINTS_INSUFFICIENT')).toBe(true);
  const m = await member('m-spend');
  expect(m.points).toBe(0);
  const ledger = await entries('m-spend');
  expect(ledger.reduce((s: number, e: any) => s + e.delta, 0)).toBe(0);
  expect(ledger).toHaveLength(6);
});

test('a refund after spending turns the spent part into debt, paid off by the next earning', async () => {
  await newMember('m-debt');
  await earn('m-debt', 'order:d1:earn', 100);
  await changePoints(db, { kind: 'spend', memberId: 'm-debt', sourceKey: 'redeem:d', amount: 70, reason: '兑换' });
  const rev = await changePoints(db, {
    kind: 'reverse',
    memberId: 'm-debt',
    sourceKey: 'order:d1:reverse',
    earnKey: 'order:d1:earn',
    amount: 100,
    reason: '订单退款，扣回积分',
  });
  expect(rev).toMatchObject({ ok: true, data: { entry: { delta: -30, debtDelta: 70, balanceAfter: 0, debtAfter: 70 } } });
  await earn('m-debt', 'order:d2:earn', 100);
  expect(await member('m-debt')).toMatchObject({ points: 30, pointsDebt: 0 });
  expect((await pointsSummary(db, 'm-debt')).balance).toBe(30);
});

test('a change for a missing member or an invalid amount changes nothing', async () => {
  expect(await earn('m-ghost', 'x:earn', 10)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  await newMember('m-bad');
  expect(await earn('m-bad', 'x:earn', -5)).toMatchObject({ ok: false, error: { code: 'POINTS_AMOUNT_INVALID' } });
  expect(await entries('m-bad')).toHaveLength(0);
});

test('summary shows what expires in the next 30 days; history pages newest first', async () => {
  await newMember('m-sum');
  await earn('m-sum', 'a:earn', 10, 5);
  await earn('m-sum', 'b:earn', 20, 25);
  await earn('m-sum', 'c:earn', 40, 200);
  const s = await pointsSummary(db, 'm-sum');
  expect(s).toMatchObject({ balance: 70, expiringSoon: { total: 30, days: 30 } });
  expect(s.expiringSoon.lots.map((l) => l.amount)).toEqual([10, 20]);
  const page1 = await pointsHistory(db, 'm-sum', 2);
  expect(page1.ok && page1.data.entries.map((e) => e._id)).toEqual([lineId('c:earn'), lineId('b:earn')]);
  const page2 = page1.ok ? await pointsHistory(db, 'm-sum', 2, page1.data.nextBefore!) : null;
  expect(page2?.ok && page2.data.entries.map((e) => e._id)).toEqual([lineId('a:earn')]);
  // The cursor names a time and a count, not a ledger key.
  expect(page1.ok && page1.data.nextBefore).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z~\d+$/);
});

test('the expiry job killed midway and rerun expires each lot once', async () => {
  const ids = Array.from({ length: 6 }, (_v, i) => `m-exp-${i}`);
  for (const id of ids) {
    await newMember(id);
    await earn(id, `${id}:old:earn`, 50, 3);
    await earn(id, `${id}:new:earn`, 7, 300);
  }
  await t.control('/control/clock', { body: { advanceMs: 10 * DAY } });
  let processed = 0;
  await expect(
    expireDuePoints(db, {
      batchSize: 2,
      afterEach: () => {
        if (++processed === 3) throw new Error('killed');
      },
    }),
  ).rejects.toThrow('killed');
  const rerun = await expireDuePoints(db, { batchSize: 2 });
  const again = await expireDuePoints(db, { batchSize: 2 });
  expect(again).toEqual({ members: 0, expiredPoints: 0, complete: true });
  for (const id of ids) {
    const es = await entries(id);
    expect(es.filter((e: any) => e.kind === 'expire')).toHaveLength(1);
    expect((await member(id)).points).toBe(7);
  }
  expect(rerun.members).toBeGreaterThanOrEqual(3);
  await t.control('/control/clock', { body: { reset: true } });
});

test('history pages never skip or repeat entries written in the same millisecond', async () => {
  await newMember('m-page');
  const at = new Date();
  // Five entries with one timestamp, straight into the store (the clock cannot produce ties on demand).
  t.emu.db.store.apply(
    ['e1', 'e2', 'e3', 'e4', 'e5'].map((id) => ({
      collection: 'points_entries',
      id,
      doc: { _id: id, memberId: 'm-page', kind: 'earn', delta: 1, debtDelta: 0, balanceAfter: 0, debtAfter: 0, reason: '同一时刻', lots: [], createdAt: at },
      create: true,
    })),
  );
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 5; i++) {
    const page = await pointsHistory(db, 'm-page', 2, cursor);
    if (!page.ok) throw new Error(page.error.message);
    seen.push(...page.data.entries.map((e) => e._id));
    if (!page.data.nextBefore) break;
    cursor = page.data.nextBefore;
  }
  expect(seen).toEqual(['e5', 'e4', 'e3', 'e2', 'e1'].map(lineId));
});
