/**
 * The drawing job stops when its time budget is spent and the next timer run continues from its
 * checkpoint: here a budget that allows one step per run draws 2,500 entries over many runs, and the
 * result is the one computed at once from the published data. This is how 100,000 entries fit in
 * WeChat's function time limit: 100 pages a pass, as many runs as it takes.
 */
import type { Database } from '../../core/platform/database';
import type { TimeBudget } from '../../core/platform/batches';
import { drawResult, entryIdFor } from '../../core/draws/draw-fairness.rules';
import { drawStep } from '../../core/draws/draws.drawing';
import { findDraw, updateDrawFrom } from '../../core/draws/draws.repo';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { all, sdkDb } from './rewards-helpers';
import { createDraw, drawSetup, HOUR } from './draws-helpers';

jest.setTimeout(120_000);
let p: ProductEmulator;
let db: Database;

beforeAll(async () => {
  p = await startProductEmulator();
  db = sdkDb();
});
afterAll(() => p.emu.close());

/** A budget that lets `steps` checks pass, then is spent (one run of the timer). */
const stepsBudget = (steps: number): TimeBudget => {
  let left = steps;
  return { spent: () => left-- <= 0 };
};

test('2,500 entries drawn one step per run: many runs, one result, equal to the published recomputation', async () => {
  const { admin, productId } = await drawSetup(p, db, 'dr', 50);
  const draw = await createDraw(p, admin, productId, { units: 5, waitlistLength: 5 });
  const members = Array.from({ length: 2500 }, (_v, i) => `o-dr-${i}`);
  // Entries written straight to the database (the burst test covers entering through the function).
  const at = new Date(p.emu.clock.now());
  for (let i = 0; i < members.length; i += 250) {
    await Promise.all(
      members.slice(i, i + 250).map((m) =>
        db.collection('draw_entries').add({
          data: {
            _id: entryIdFor(draw.id, m),
            drawId: draw.id,
            memberId: m,
            tier: 'member',
            enteredAt: at,
            notify: false,
            notifyPromoted: false,
            outcome: null,
            rank: null,
            orderId: null,
            outcomeAt: null,
          },
        }),
      ),
    );
  }
  await Promise.all(
    members.slice(0, 10).map((m) =>
      db
        .collection('members')
        .doc(m)
        .set({
          data: { nickname: m, avatarUrl: '', tier: 'member', points: 0, joinedAt: at, phone: null, termsVersion: '2026-11', createdAt: at, updatedAt: at },
        }),
    ),
  );

  p.emu.clock.advance(HOUR + 61_000);
  expect(await updateDrawFrom(db, draw.id, 'scheduled', { status: 'drawing' })).toBe(true);
  let runs = 0;
  for (; runs < 100;) {
    runs++;
    const current = (await findDraw(db, draw.id))!;
    if (await drawStep(db, current, new Date(p.emu.clock.now()), stepsBudget(1))) break;
  }
  // Three pages a pass (digest, rank) and one entry place a run: far more than one run.
  expect(runs).toBeGreaterThan(10);
  const stored = (await findDraw(db, draw.id))!;
  expect(stored.status).toBe('drawn');
  const ids = members.map((m) => entryIdFor(draw.id, m));
  const expected = drawResult(all(p, 'draw_secrets', { _id: draw.id })[0].seed, ids, 5, 5);
  expect(stored.reveal).toMatchObject({ entryCount: 2500, digest: expected.digest, finalSeed: expected.finalSeed });
  const ranked = all(p, 'draw_entries', { drawId: draw.id, rank: { $gt: 0 } }).sort((a: any, b: any) => a.rank - b.rank);
  expect(ranked.map((e: any) => e._id)).toEqual([...expected.winners, ...expected.waitlist]);
  expect(all(p, 'orders', { 'source.id': draw.id })).toHaveLength(5);
});
