/**
 * Draws through the built functions, the real SDK and the emulator: creating one (units set aside,
 * a commitment published, the seed nowhere a member can read), the window and eligibility, one
 * entry per member, the timer drawing it, a result anyone can recompute, forfeit -> promotion ->
 * a paid order at the member price, and a cancellation.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../core/platform/database';
import { drawResult } from '../../core/draws/draw-fairness.rules';
import { PAY_QUERY_GRACE_MS } from '../../core/orders/order.rules';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { all, sdkDb } from './rewards-helpers';
import { createDraw, DAY, draws, drawSetup, fireDraws, fireJob, HOUR, members, outbox } from './draws-helpers';
import { PAY_ENV, payFor } from './orders-helpers';

jest.setTimeout(120_000);
let p: ProductEmulator;
let db: Database;
const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);

beforeAll(async () => {
  p = await startProductEmulator(PAY_ENV);
  db = sdkDb();
});
afterAll(async () => {
  quiet.mockRestore();
  await p.emu.close();
});

const one = (collection: string, id: string) => all(p, collection, { _id: id })[0];
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function allEntryIds(drawId: string, caller: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (;;) {
    const res = await draws(p, caller, { action: 'proofEntries', drawId, ...(after ? { after } : {}) });
    expect(res.ok).toBe(true);
    ids.push(...res.data.entryIds);
    if (!res.data.next) return ids;
    after = res.data.next;
  }
}

test('creating a draw sets its units aside and publishes only the commitment', async () => {
  const { admin, productId } = await drawSetup(p, db, 'dc', 10);
  const draw = await createDraw(p, admin, productId, { units: 4 });
  expect(draw.commitment).toMatch(/^[0-9a-f]{64}$/);
  expect(one('products', productId).stock).toBe(6);
  expect(one('products', productId).pools[draw.id].qty).toBe(4);
  const secret = one('draw_secrets', draw.id);
  expect(sha256(secret.seed)).toBe(draw.commitment);

  await members(db, ['o-dc-m']);
  const detail = await draws(p, 'o-dc-m', { action: 'detail', drawId: draw.id });
  expect(detail.ok).toBe(true);
  expect(JSON.stringify(detail)).not.toContain(secret.seed);
  expect(detail.data.canEnter).toBe(true);
  expect(detail.data.draw.phase).toBe('open');
  const proof = await draws(p, 'o-dc-m', { action: 'proof', drawId: draw.id });
  expect(proof.error.code).toBe('DRAW_NOT_DRAWN');

  const short = await p.call('admin', admin, {
    action: 'createDraw',
    productId,
    title: '库存不够',
    units: 7,
    waitlistLength: 0,
    minTier: 'member',
    minMemberDays: 0,
    purchaseHours: 24,
    opensAt: draw.opensAt,
    closesAt: draw.closesAt,
    drawAt: draw.drawAt,
  });
  expect(short.error.code).toBe('DRAW_STOCK_SHORT');
  expect(one('products', productId).stock).toBe(6);
  expect(all(p, 'draws', { productId })).toHaveLength(1);

  const badTimes = await p.call('admin', admin, {
    action: 'createDraw',
    productId,
    title: '时间不对',
    units: 1,
    waitlistLength: 0,
    minTier: 'member',
    minMemberDays: 0,
    purchaseHours: 24,
    opensAt: draw.closesAt,
    closesAt: draw.opensAt,
    drawAt: draw.opensAt,
  });
  expect(badTimes.error.code).toBe('VALIDATION_FAILED');
  expect(badTimes.error.details.map((d: any) => d.path)).toContain('closesAt');
});

test('the window, membership, the step and membership age are enforced, with reasons in words; nothing is written when refused', async () => {
  const { admin, productId } = await drawSetup(p, db, 'de');
  const t = p.emu.clock.now();
  const later = await createDraw(p, admin, productId, {
    opensAt: new Date(t + HOUR).toISOString(),
    closesAt: new Date(t + 2 * HOUR).toISOString(),
    drawAt: new Date(t + 2 * HOUR).toISOString(),
  });
  const forBuyers = await createDraw(p, admin, productId, { minTier: 'buyer' });
  const forOldMembers = await createDraw(p, admin, productId, { minMemberDays: 30 });
  await members(db, ['o-de-m']);
  await members(db, ['o-de-new'], 'member', 3);
  await db
    .collection('members')
    .doc('o-de-f')
    .set({
      data: {
        nickname: 'f',
        avatarUrl: '',
        tier: 'follower',
        points: 0,
        joinedAt: null,
        phone: null,
        termsVersion: null,
        createdAt: new Date(),
        updatedAt: new Date(),
      },
    });

  const before = all(p, 'draw_entries').length;
  expect((await draws(p, 'o-de-m', { action: 'enter', drawId: later.id })).error).toMatchObject({
    code: 'DRAW_NOT_OPEN',
    message: '抽签尚未开始，请在开始后再来',
  });
  expect((await draws(p, 'o-de-f', { action: 'enter', drawId: forBuyers.id })).error).toMatchObject({ code: 'NOT_A_MEMBER' });
  expect((await draws(p, 'o-de-m', { action: 'enter', drawId: forBuyers.id })).error).toMatchObject({
    code: 'DRAW_NOT_ELIGIBLE',
    message: '再下 1 单成为已购会员即可参加',
  });
  expect((await draws(p, 'o-de-new', { action: 'enter', drawId: forOldMembers.id })).error).toMatchObject({
    code: 'DRAW_NOT_ELIGIBLE',
    message: '入会满 30 天即可参加（还差 27 天）',
  });
  const detail = await draws(p, 'o-de-m', { action: 'detail', drawId: forBuyers.id });
  expect(detail.data).toMatchObject({ canEnter: false, refusal: { code: 'DRAW_NOT_ELIGIBLE', need: 'tier' } });
  expect(all(p, 'draw_entries').length).toBe(before);

  const entered = await draws(p, 'o-de-m', { action: 'enter', drawId: forOldMembers.id, notify: true });
  expect(entered.ok).toBe(true);
  expect(entered.data.entry).toMatchObject({ state: 'entered', notify: true });
  expect((await draws(p, 'o-de-m', { action: 'enter', drawId: forOldMembers.id })).error.code).toBe('DRAW_ALREADY_ENTERED');
  expect(all(p, 'draw_entries', { drawId: forOldMembers.id })).toHaveLength(1);

  p.emu.clock.advance(HOUR + 1000);
  expect((await draws(p, 'o-de-new', { action: 'enter', drawId: forBuyers.id })).error).toMatchObject({ code: 'DRAW_NOT_OPEN', message: '抽签报名已截止' });
});

test('the timer draws it: K winners with orders at their member price, a waitlist, a proof anyone can recompute', async () => {
  const { admin, productId } = await drawSetup(p, db, 'dd', 20);
  const draw = await createDraw(p, admin, productId, { units: 3, waitlistLength: 2 });
  const ids = Array.from({ length: 12 }, (_v, i) => `o-dd-${i}`);
  await members(db, ids);
  // The first six accept the result message on the tap that enters.
  for (const [i, id] of ids.entries()) expect((await draws(p, id, { action: 'enter', drawId: draw.id, notify: i < 6 })).ok).toBe(true);

  await fireDraws(p);
  expect(one('draws', draw.id).status).toBe('scheduled');
  p.emu.clock.advance(HOUR + 61_000);
  const run = await fireDraws(p);
  expect(run.ok).toBe(true);
  expect(one('draws', draw.id).status).toBe('drawn');

  const proof = (await draws(p, 'o-dd-0', { action: 'proof', drawId: draw.id })).data.proof;
  expect(sha256(proof.seed)).toBe(draw.commitment);
  expect(proof.entryCount).toBe(12);
  const entryIds = await allEntryIds(draw.id, 'o-someone-else');
  expect(entryIds).toHaveLength(12);
  expect(entryIds).toEqual([...entryIds].sort());
  const again = drawResult(proof.seed, entryIds, 3, 2);
  expect({ digest: proof.digest, finalSeed: proof.finalSeed, winners: proof.winners, waitlist: proof.waitlist }).toEqual(again);

  const orders = all(p, 'orders', { 'source.id': draw.id });
  expect(orders).toHaveLength(3);
  for (const o of orders) {
    expect(o).toMatchObject({ status: 'pending_payment', payFen: 11500, lines: [{ productId, qty: 1, unitPriceFen: 11500 }] });
    expect(Date.parse(o.expiresAt) - p.emu.clock.now()).toBeGreaterThan(23 * HOUR);
  }
  const product = one('products', productId);
  expect(product.pools[draw.id].qty).toBe(0);
  expect(Object.keys(product.holds)).toHaveLength(3);

  const mine = await Promise.all(ids.map(async (id) => (await draws(p, id, { action: 'mine' })).data.entries[0]));
  expect(mine.filter((e) => e.state === 'won')).toHaveLength(3);
  expect(
    mine
      .filter((e) => e.state === 'waitlist')
      .map((e) => e.waitlistPlace)
      .sort(),
  ).toEqual([1, 2]);
  expect(mine.filter((e) => e.state === 'not_drawn')).toHaveLength(7);
  for (const e of mine.filter((x) => x.state === 'won')) expect(e.payBy).toBeTruthy();
  // The published list is anonymous: no member id anywhere in the proof.
  expect(JSON.stringify({ proof, entryIds })).not.toMatch(/o-dd-/);

  // One result message to each who asked (and only them), saying what happened to them.
  await fireJob(p, 'notify-send');
  for (const [i, id] of ids.entries()) {
    const sent = await outbox(p, id);
    expect({ id, messages: sent.length }).toEqual({ id, messages: i < 6 ? 1 : 0 });
    if (i >= 6) continue;
    const words = JSON.stringify(sent[0].data);
    const state = mine[i].state;
    expect(words).toContain(state === 'won' ? '中签' : state === 'waitlist' ? '候补第' : '未中签');
    expect(sent[0].page).toBe(`packages/draws/detail?id=${draw.id}`);
  }
  await fireDraws(p);
  await fireJob(p, 'notify-send');
  expect((await outbox(p, ids[0])).length).toBe(1);
});

test('a winner who does not pay forfeits; the first on the waitlist is promoted and pays at their price; unsold units go back', async () => {
  const { admin, productId } = await drawSetup(p, db, 'df', 10);
  const draw = await createDraw(p, admin, productId, { units: 2, waitlistLength: 1, purchaseHours: 2 });
  const ids = Array.from({ length: 6 }, (_v, i) => `o-df-${i}`);
  await members(db, ids);
  await members(db, ['o-df-koc'], 'koc');
  for (const id of [...ids, 'o-df-koc']) await draws(p, id, { action: 'enter', drawId: draw.id, notifyPromoted: true });
  p.emu.clock.advance(HOUR + 61_000);
  await fireDraws(p);

  const ranked = all(p, 'draw_entries', { drawId: draw.id })
    .filter((e: any) => e.rank)
    .sort((a: any, b: any) => a.rank - b.rank);
  const [w1, w2, next] = ranked;
  expect([w1.outcome, w2.outcome, next.outcome]).toEqual(['won', 'won', 'waitlist']);
  // w1 pays, w2 lets the window pass.
  await payFor(p, w1.memberId, w1.orderId);
  expect(one('orders', w1.orderId).status).toBe('paid');
  p.emu.clock.advance(2 * HOUR + PAY_QUERY_GRACE_MS + 60_000);
  await fireJob(p, 'orders-expire');
  await fireJob(p, 'order-events');
  expect(one('orders', w2.orderId).status).toBe('closed');
  expect(one('products', productId).pools[draw.id].qty).toBe(1);

  await fireDraws(p);
  expect(one('draw_entries', w2._id)).toMatchObject({ outcome: 'forfeited', replacedBy: next._id });
  const promoted = one('draw_entries', next._id);
  expect(promoted).toMatchObject({ outcome: 'won', promotedFor: w2._id });
  const order = one('orders', promoted.orderId);
  const price = next.memberId === 'o-df-koc' ? 9900 : 11500;
  expect(order).toMatchObject({ status: 'pending_payment', payFen: price });
  const seen = (await draws(p, next.memberId, { action: 'mine' })).data.entries[0];
  expect(seen).toMatchObject({ state: 'won', orderId: promoted.orderId, promoted: true });
  await payFor(p, next.memberId, promoted.orderId);
  expect(one('orders', promoted.orderId)).toMatchObject({ status: 'paid', payFen: price });
  expect((await draws(p, next.memberId, { action: 'mine' })).data.entries[0].state).toBe('paid');
  expect((await draws(p, w2.memberId, { action: 'mine' })).data.entries[0].state).toBe('forfeited');
  // Everyone accepted the promotion message when entering: the promoted member is told, once.
  await fireJob(p, 'notify-send');
  const told = (await outbox(p, next.memberId)).filter((m: any) => JSON.stringify(m.data).includes('候补转正'));
  expect(told).toHaveLength(1);

  // Both units sold, nobody waiting: the draw finishes and its (empty) pool is gone; a rerun changes nothing.
  await fireJob(p, 'order-events');
  await fireDraws(p);
  expect(one('draws', draw.id).status).toBe('finished');
  const product = one('products', productId);
  expect(product.pools?.[draw.id]).toBeUndefined();
  expect(product.stock).toBe(8);
  const entriesBefore = all(p, 'draw_entries', { drawId: draw.id });
  await fireDraws(p);
  expect(all(p, 'draw_entries', { drawId: draw.id })).toEqual(entriesBefore);
  expect(all(p, 'orders', { 'source.id': draw.id })).toHaveLength(3);
});

test('when the waitlist runs out, a forfeited unit goes back on sale', async () => {
  const { admin, productId } = await drawSetup(p, db, 'dw', 5);
  const draw = await createDraw(p, admin, productId, { units: 1, waitlistLength: 0, purchaseHours: 1 });
  await members(db, ['o-dw-1', 'o-dw-2']);
  for (const id of ['o-dw-1', 'o-dw-2']) await draws(p, id, { action: 'enter', drawId: draw.id });
  p.emu.clock.advance(HOUR + 61_000);
  await fireDraws(p);
  expect(one('products', productId).stock).toBe(4);
  p.emu.clock.advance(HOUR + PAY_QUERY_GRACE_MS + 60_000);
  await fireJob(p, 'orders-expire');
  await fireJob(p, 'order-events');
  await fireDraws(p);
  expect(all(p, 'draw_entries', { drawId: draw.id, outcome: 'forfeited' })).toHaveLength(1);
  expect(all(p, 'draw_entries', { drawId: draw.id, outcome: 'forfeited' })[0].replacedBy).toBe('none');
  expect(one('draws', draw.id).status).toBe('finished');
  expect(one('products', productId).stock).toBe(5);
  expect(one('products', productId).pools?.[draw.id]).toBeUndefined();
});

test('fewer entrants than units: everyone wins and the rest go back on sale once they paid', async () => {
  const { admin, productId } = await drawSetup(p, db, 'dl', 10);
  const draw = await createDraw(p, admin, productId, { units: 5, waitlistLength: 5 });
  await members(db, ['o-dl-1', 'o-dl-2']);
  for (const id of ['o-dl-1', 'o-dl-2']) await draws(p, id, { action: 'enter', drawId: draw.id });
  p.emu.clock.advance(HOUR + 61_000);
  await fireDraws(p);
  expect(one('products', productId).stock).toBe(8);
  for (const id of ['o-dl-1', 'o-dl-2']) {
    const e = (await draws(p, id, { action: 'mine' })).data.entries[0];
    expect(e.state).toBe('won');
    await payFor(p, id, e.orderId);
  }
  await fireJob(p, 'order-events');
  await fireDraws(p);
  expect(one('draws', draw.id).status).toBe('finished');
  expect(one('products', productId).stock).toBe(8);
  expect(one('products', productId).pools?.[draw.id]).toBeUndefined();
});

test('staff cancel before the draw: units back on sale, every entrant sees it; moderators cannot, nor after the draw', async () => {
  const { admin, productId } = await drawSetup(p, db, 'dx', 10);
  const draw = await createDraw(p, admin, productId, { units: 3 });
  await members(db, ['o-dx-1', 'o-dx-2']);
  await db
    .collection('staff')
    .doc('o-dx-mod')
    .set({ data: { role: 'moderator', grantedBy: 'test', grantedAt: new Date() } });
  for (const id of ['o-dx-1', 'o-dx-2']) await draws(p, id, { action: 'enter', drawId: draw.id, notify: true });
  expect((await p.call('admin', 'o-dx-mod', { action: 'cancelDraw', drawId: draw.id, reason: '供应延迟' })).error.code).toBe('FORBIDDEN');
  const seenByMod = await p.call('admin', 'o-dx-mod', { action: 'drawDetail', drawId: draw.id });
  expect(seenByMod.data.draw).toMatchObject({ entryCount: 2, entriesByTier: { member: 2 } });

  const res = await p.call('admin', admin, { action: 'cancelDraw', drawId: draw.id, reason: '供应延迟' });
  expect(res.ok).toBe(true);
  expect(one('products', productId).stock).toBe(10);
  expect((await p.call('admin', admin, { action: 'cancelDraw', drawId: draw.id, reason: '再次取消' })).error.code).toBe('DRAW_WRONG_STATE');
  for (const id of ['o-dx-1', 'o-dx-2']) expect((await draws(p, id, { action: 'mine' })).data.entries[0].state).toBe('cancelled');
  // Those who asked for the result are told by message too.
  await fireDraws(p);
  await fireJob(p, 'notify-send');
  for (const id of ['o-dx-1', 'o-dx-2']) {
    const sent = await outbox(p, id);
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0].data)).toContain('已取消');
  }
  expect((await draws(p, 'o-dx-1', { action: 'list' })).data.draws.map((d: any) => d.id)).not.toContain(draw.id);
  expect((await draws(p, 'o-dx-1', { action: 'detail', drawId: draw.id })).data.draw.phase).toBe('cancelled');
  expect((await draws(p, 'o-dx-other', { action: 'detail', drawId: draw.id })).error.code).toBe('NOT_FOUND');
  const audit = all(p, 'audit_log', { action: 'draws.cancel' });
  expect(audit.some((a: any) => a.outcome === 'ok' && a.target.drawId === draw.id)).toBe(true);
});

test('staff draw now once entries have closed; not before', async () => {
  const { admin, productId } = await drawSetup(p, db, 'dn', 10);
  const t = p.emu.clock.now();
  const draw = await createDraw(p, admin, productId, { closesAt: new Date(t + HOUR).toISOString(), drawAt: new Date(t + 3 * DAY).toISOString() });
  await members(db, ['o-dn-1']);
  await draws(p, 'o-dn-1', { action: 'enter', drawId: draw.id });
  expect((await p.call('admin', admin, { action: 'drawNow', drawId: draw.id })).error.code).toBe('DRAW_WRONG_STATE');
  p.emu.clock.advance(HOUR + 61_000);
  const res = await p.call('admin', admin, { action: 'drawNow', drawId: draw.id });
  expect(res.ok).toBe(true);
  expect(res.data.draw).toMatchObject({ status: 'drawn', results: { won: 1, waitlist: 0 } });
  expect((await draws(p, 'o-dn-1', { action: 'mine' })).data.entries[0].state).toBe('won');
});

test('a member shares a draw card through the referral machinery; a cancelled draw cannot be shared', async () => {
  const { admin, productId } = await drawSetup(p, db, 'ds', 10);
  const draw = await createDraw(p, admin, productId, { units: 1 });
  await members(db, ['o-ds-1']);
  const share = await p.call('referral', 'o-ds-1', { action: 'share', targetType: 'draw', targetId: draw.id, channel: 'chat' });
  expect(share.ok).toBe(true);
  expect(share.data.path).toBe(`/packages/draws/detail?id=${draw.id}&s=${share.data.code}`);
  expect((await p.call('referral', 'o-ds-1', { action: 'share', targetType: 'draw', targetId: 'draw_000000000000', channel: 'chat' })).error.code).toBe(
    'NOT_FOUND',
  );
  await p.call('admin', admin, { action: 'cancelDraw', drawId: draw.id, reason: '供应延迟' });
  expect((await p.call('referral', 'o-ds-1', { action: 'share', targetType: 'draw', targetId: draw.id, channel: 'timeline' })).error.code).toBe('NOT_FOUND');
});
