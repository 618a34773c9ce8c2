/**
 * The ladder's use cases and nightly job on the emulator with the real SDK (core called directly;
 * tests/integration/ladder.integration.test.ts goes through the built functions).
 */
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from '../../emulator/testing';
import { newFollower } from '../members/member.rules';
import type { Tier } from '../members/tiers';
import type { Database } from '../platform/database';
import { DAY_MS } from './ladder.config';
import { JOB_CHECKPOINTS, LADDER_JOB_ID, reevaluateLadder } from './ladder.job';
import { loadLadderConfig } from './ladder.repo';
import { getTierBenefits, recordLadderFact, recordLadderFactInTx } from './ladder.usecases';
import { inTransaction } from '../platform/transaction';

let t: TestEmulator;
let db: Database;
beforeAll(async () => {
  t = await startTestEmulator({ indexes: join(__dirname, '..', '..', 'cloudfunctions', 'indexes.json') });
  db = t.db as Database;
});
afterAll(() => t.emu.close());

const T0 = new Date('2026-06-01T04:00:00Z');
const day = (n: number) => new Date(T0.getTime() + n * DAY_MS);

async function addMember(id: string, tier: Tier, extra: Record<string, unknown> = {}) {
  const { _id, ...doc } = newFollower(id, day(-400));
  await t.db
    .collection('members')
    .doc(id)
    .set({ data: { ...doc, tier, joinedAt: tier === 'follower' ? null : day(-300), ...extra } });
}
const member = (id: string) => t.emu.db.find({ collection: 'members', query: { _id: id }, limit: 1 })[0];
const changes = (id: string) => t.emu.db.find({ collection: 'tier_changes', query: { memberId: id }, order: { at: 1 }, limit: 100 });
const facts = (id: string) => t.emu.db.find({ collection: 'member_facts', query: { _id: id }, limit: 1 })[0];

describe('recordLadderFact', () => {
  test('a first paid order makes a buyer at once, with the change and its reason recorded', async () => {
    await addMember('u1', 'member');
    const res = await recordLadderFact(db, { kind: 'order_paid', memberId: 'u1', orderId: 'o1', paidAt: day(0) }, { now: day(0) });
    expect(res).toEqual({ ok: true, data: { recorded: true, tier: 'buyer', graceUntil: null, change: 'upgrade' } });
    expect(member('u1')).toMatchObject({ tier: 'buyer', tierGraceUntil: null });
    expect(changes('u1')).toEqual([
      expect.objectContaining({ memberId: 'u1', from: 'member', to: 'buyer', reason: '近 180 天有 1 笔有效订单，升级为已购会员', trigger: 'order_paid' }),
    ]);
  });

  test('replaying the fact writes nothing', async () => {
    const before = JSON.stringify([member('u1'), facts('u1')]);
    for (let i = 0; i < 3; i++) {
      expect(await recordLadderFact(db, { kind: 'order_paid', memberId: 'u1', orderId: 'o1', paidAt: day(0) }, { now: day(1) })).toMatchObject({
        ok: true,
        data: { recorded: false, change: 'none' },
      });
    }
    expect(JSON.stringify([member('u1'), facts('u1')])).toBe(before);
    expect(changes('u1')).toHaveLength(1);
  });

  test('ten different orders at once: none lost, each step recorded once', async () => {
    await addMember('u2', 'member');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => recordLadderFact(db, { kind: 'order_paid', memberId: 'u2', orderId: `o${i}`, paidAt: day(0) }, { now: day(0) })),
    );
    expect(results.every((r) => r.ok && r.data.recorded)).toBe(true);
    expect(facts('u2').orders).toHaveLength(10);
    expect(changes('u2').map((c) => c.to)).toEqual(['buyer', 'repeat_buyer']);
  });

  test('a refund starts the grace (tier kept); a new order clears it', async () => {
    await addMember('u3', 'member');
    await recordLadderFact(db, { kind: 'order_paid', memberId: 'u3', orderId: 'a', paidAt: day(0) }, { now: day(0) });
    await recordLadderFact(db, { kind: 'order_paid', memberId: 'u3', orderId: 'b', paidAt: day(1) }, { now: day(1) });
    const refunded = await recordLadderFact(db, { kind: 'order_refunded', memberId: 'u3', orderId: 'b', refundedAt: day(2) }, { now: day(2) });
    expect(refunded).toEqual({ ok: true, data: { recorded: true, tier: 'repeat_buyer', graceUntil: day(32), change: 'grace_started' } });
    expect(member('u3')).toMatchObject({ tier: 'repeat_buyer', tierGraceUntil: day(32) });
    const again = await recordLadderFact(db, { kind: 'order_paid', memberId: 'u3', orderId: 'c', paidAt: day(3) }, { now: day(3) });
    expect(again).toMatchObject({ ok: true, data: { tier: 'repeat_buyer', graceUntil: null, change: 'grace_cleared' } });
    expect(changes('u3').map((c) => c.to)).toEqual(['buyer', 'repeat_buyer']);
  });

  test('bad facts and unknown members are typed failures that write nothing', async () => {
    const count = () => t.emu.db.find({ collection: 'member_facts', query: {}, limit: 1000 }).length;
    const before = count();
    expect(await recordLadderFact(db, { kind: 'order_paid', memberId: 'nobody', orderId: 'o', paidAt: day(0) }, { now: day(0) })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await recordLadderFact(db, { kind: 'order_paid', memberId: 'u1', orderId: '', paidAt: day(0) } as never)).toMatchObject({
      ok: false,
      error: { code: 'LADDER_FACT_INVALID' },
    });
    expect(
      await recordLadderFact(db, { kind: 'conversion_confirmed', memberId: 'u1', friendId: 'u1', orderId: 'x', confirmedAt: day(0) }, { now: day(0) }),
    ).toMatchObject({
      ok: false,
      error: { code: 'LADDER_FACT_INVALID', message: '不能通过自己的分享计入好友购买' },
    });
    expect(count()).toBe(before);
  });

  test('benefits are readable by other areas (defaults until staff save a configuration)', async () => {
    expect(await getTierBenefits(db, 'koc')).toEqual({
      tier: 'koc',
      priceLevel: 'koc',
      pointsMultiplierPermille: 2000,
      perksEligible: true,
      drawsEligible: true,
    });
  });

  test('inside the caller’s transaction: recorded with the caller’s other writes, all or nothing; a refusal writes nothing', async () => {
    await addMember('u9', 'member');
    const config = await loadLadderConfig(db);
    const ok1 = await inTransaction(db, async (tx) => {
      await tx
        .collection('members')
        .doc('u9')
        .update({ data: { points: 7 } });
      return recordLadderFactInTx(tx, { kind: 'order_paid', memberId: 'u9', orderId: 'o9', paidAt: day(0) }, config, day(0));
    });
    expect(ok1).toEqual({ ok: true, data: { recorded: true, tier: 'buyer', graceUntil: null, change: 'upgrade' } });
    expect(member('u9')).toMatchObject({ tier: 'buyer', points: 7 });
    expect(facts('u9').orders).toEqual([expect.objectContaining({ orderId: 'o9' })]);
    // The caller's transaction fails after the fact: nothing of it stays.
    await expect(
      inTransaction(db, async (tx) => {
        await recordLadderFactInTx(tx, { kind: 'order_paid', memberId: 'u9', orderId: 'o10', paidAt: day(0) }, config, day(0));
        throw new Error('the caller fails');
      }),
    ).rejects.toThrow('the caller fails');
    expect(facts('u9').orders).toHaveLength(1);
    const refused = await inTransaction(db, (tx) =>
      recordLadderFactInTx(tx, { kind: 'order_paid', memberId: 'nobody', orderId: 'o11', paidAt: day(0) }, config, day(0)),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const invalid = await inTransaction(db, (tx) =>
      recordLadderFactInTx(tx, { kind: 'order_paid', memberId: 'u9', orderId: '', paidAt: day(0) }, config, day(0)),
    );
    expect(invalid).toMatchObject({ ok: false, error: { code: 'LADDER_FACT_INVALID' } });
    expect(changes('u9')).toHaveLength(1);
  });
});

describe('reevaluateLadder (nightly)', () => {
  beforeAll(async () => {
    // n1: buyer whose only order leaves the period on day 10; n2: repeat buyer still holding;
    // n3: joined but left at follower (an interrupted join); n4: a follower who never joined.
    await addMember('n1', 'member');
    await recordLadderFact(db, { kind: 'order_paid', memberId: 'n1', orderId: 'p1', paidAt: day(-170) }, { now: day(-170) });
    await addMember('n2', 'member');
    await recordLadderFact(db, { kind: 'order_paid', memberId: 'n2', orderId: 'p1', paidAt: day(-5) }, { now: day(-5) });
    await recordLadderFact(db, { kind: 'order_paid', memberId: 'n2', orderId: 'p2', paidAt: day(-4) }, { now: day(-4) });
    await addMember('n3', 'follower', { joinedAt: day(-1) });
    await addMember('n4', 'follower');
  });

  test('pages in small batches, stops when told and resumes from its checkpoint', async () => {
    const first = await reevaluateLadder(db, day(0), { batchSize: 2, maxBatches: 1 });
    expect(first).toMatchObject({ ok: true, data: { done: false, processed: 2, resumed: false } });
    const rest = await reevaluateLadder(db, day(0), { batchSize: 2 });
    expect(rest).toMatchObject({ ok: true, data: { done: true, resumed: true } });
    const all = t.emu.db.find({ collection: 'members', query: {}, limit: 1000 });
    // Everyone but the follower who never joined, each looked at once.
    expect((rest.ok && rest.data.processed) || 0).toBe(all.filter((m) => m._id !== 'n4').length);
    expect(member('n3').tier).toBe('member');
    expect(changes('n3')).toEqual([expect.objectContaining({ from: 'follower', to: 'member', reason: '同意会员协议，加入会员', trigger: 'nightly' })]);
    expect(member('n4').tier).toBe('follower');
    expect(t.emu.db.find({ collection: JOB_CHECKPOINTS, query: { _id: LADDER_JOB_ID }, limit: 1 })[0]).toMatchObject({ done: true });
  });

  test('an order leaving the period starts the grace; the job after the grace moves the member down', async () => {
    expect(member('n1')).toMatchObject({ tier: 'buyer', tierGraceUntil: null });
    await reevaluateLadder(db, day(11));
    expect(member('n1')).toMatchObject({ tier: 'buyer', tierGraceUntil: day(41) });
    await reevaluateLadder(db, day(40));
    expect(member('n1').tier).toBe('buyer');
    await reevaluateLadder(db, day(41));
    expect(member('n1')).toMatchObject({ tier: 'member', tierGraceUntil: null });
    expect(changes('n1').at(-1)).toMatchObject({ from: 'buyer', to: 'member', reason: '保级期结束：近 180 天没有有效订单', trigger: 'nightly' });
    expect(member('n2').tier).toBe('repeat_buyer');
  });

  test('rerunning a finished night changes nothing', async () => {
    const snapshot = () => JSON.stringify(t.emu.db.find({ collection: 'members', query: {}, order: { _id: 1 }, limit: 1000 }));
    const before = snapshot();
    const tierChanges = t.emu.db.find({ collection: 'tier_changes', query: {}, limit: 1000 }).length;
    const rerun = await reevaluateLadder(db, day(41));
    expect(rerun).toMatchObject({ ok: true, data: { done: true, changed: 0 } });
    expect(snapshot()).toBe(before);
    expect(t.emu.db.find({ collection: 'tier_changes', query: {}, limit: 1000 })).toHaveLength(tierChanges);
  });
});
