/**
 * A draw under a burst and a crash, through the built functions and the real SDK: 10,000 members
 * enter in concurrent batches, 30% of them twice at once (a double tap, a retry); the drawing job
 * then crashes in each of its phases and is run again. What must hold: exactly one entry per member,
 * no error but the typed "already entered", no document written by more than one entry, and a
 * result equal to the one computed from the published data, with one set of orders.
 */
import type { Database } from '../../core/platform/database';
import { drawResult } from '../../core/draws/draw-fairness.rules';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { all, sdkDb } from './rewards-helpers';
import { createDraw, draws, drawSetup, fireDraws, HOUR, members } from './draws-helpers';
import { watchWrites } from './write-watch';

jest.setTimeout(600_000);
let p: ProductEmulator;
let db: Database;
const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);

beforeAll(async () => {
  p = await startProductEmulator();
  db = sdkDb();
});
afterAll(async () => {
  quiet.mockRestore();
  await p.emu.close();
});

const N = 10_000;
const DOUBLED = (N * 3) / 10;

/** The anonymised entry list as anyone downloads it, page by page. */
async function publishedEntryIds(drawId: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (;;) {
    const res = await draws(p, 'o-db-auditor', { action: 'proofEntries', drawId, ...(after ? { after } : {}) });
    ids.push(...res.data.entryIds);
    if (!res.data.next) return ids;
    after = res.data.next;
  }
}
const BATCH = 250;

test('10,000 members enter at once with 30% doubled: 10,000 entries, only typed refusals, no shared document written; a crashed draw reruns to the same result', async () => {
  const { admin, productId } = await drawSetup(p, db, 'db', 100);
  const draw = await createDraw(p, admin, productId, { units: 40, waitlistLength: 20 });
  const ids = Array.from({ length: N }, (_v, i) => `o-db-${String(i).padStart(5, '0')}`);
  await members(db, ids);

  const watch = watchWrites(p);
  const answers: any[] = [];
  for (let i = 0; i < N; i += BATCH) {
    const calls = ids.slice(i, i + BATCH).flatMap((id, k) => {
      const enter = () => draws(p, id, { action: 'enter', drawId: draw.id, notify: k % 2 === 0 });
      return (i + k) % 10 < 3 ? [enter(), enter()] : [enter()];
    });
    answers.push(...(await Promise.all(calls)));
  }
  const { writes } = watch.take();
  watch.stop();

  const codes = new Map<string, number>();
  for (const a of answers) codes.set(a.ok ? 'ok' : a.error.code, (codes.get(a.ok ? 'ok' : a.error.code) ?? 0) + 1);
  expect(Object.fromEntries(codes)).toEqual({ ok: N, DRAW_ALREADY_ENTERED: DOUBLED });
  expect(p.emu.db.count('draw_entries', { drawId: draw.id })).toBe(N);
  // Every write was an entry, each to its member's own document: nothing shared (no counter, no
  // draw document). One write per call; the database refused the 3,000 doubles.
  expect(writes.every((w) => w.startsWith('draw_entries/'))).toBe(true);
  expect(writes).toHaveLength(N + DOUBLED);
  expect(new Set(writes).size).toBe(N);

  p.emu.clock.advance(HOUR + 61_000);
  // Crash the job once in each phase: digesting (a checkpoint write), writing places, placing orders.
  const crashes = [
    { action: 'database.modifyDocument', collection: 'job_checkpoints', skip: 3, times: 1 },
    { action: 'database.modifyDocument', collection: 'draw_entries', skip: 25, times: 1 },
    { action: 'database.commitTransaction', skip: 10, times: 1 },
  ];
  for (const crash of crashes) {
    p.emu.faults.clear();
    p.emu.faults.add({ ...crash, message: 'crash (injected)' });
    const res = await fireDraws(p);
    expect({ crash, answer: res.ok ? 'ok' : res.error.code, fired: p.emu.faults.list()[0].fired }).toEqual({ crash, answer: 'INTERNAL', fired: 1 });
    expect(all(p, 'draws', { _id: draw.id })[0].reveal).toBeNull();
  }
  p.emu.faults.clear();
  expect((await fireDraws(p)).ok).toBe(true);
  const stored = all(p, 'draws', { _id: draw.id })[0];
  expect(stored.status).toBe('drawn');

  const proof = (await draws(p, ids[0], { action: 'proof', drawId: draw.id })).data.proof;
  const entryIds = await publishedEntryIds(draw.id);
  expect(entryIds).toHaveLength(N);
  const expected = drawResult(proof.seed, entryIds, 40, 20);
  expect({ digest: proof.digest, finalSeed: proof.finalSeed, winners: proof.winners, waitlist: proof.waitlist }).toEqual(expected);
  expect(proof.entryCount).toBe(N);

  const orders = all(p, 'orders', { 'source.id': draw.id });
  expect(orders).toHaveLength(40);
  const winners = new Set(all(p, 'draw_entries', { drawId: draw.id, outcome: 'won' }).map((e: any) => e.memberId));
  expect(new Set(orders.map((o: any) => o.memberId))).toEqual(winners);
  const product = all(p, 'products', { _id: productId })[0];
  expect(product.stock).toBe(60);
  expect(product.pools[draw.id].qty).toBe(0);
  expect(Object.keys(product.holds)).toHaveLength(40);
});
