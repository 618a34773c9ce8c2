/**
 * Drawing a draw, resumable across timer runs (docs/draws.md, "How a draw is drawn"). Three phases,
 * each paging through the entries in id order (1,000 per read: WeChat's get() maximum) and keeping
 * its place in `job_checkpoints/draw:<id>`:
 *  1. digest: one chunk hash per page of ids (the chunked digest is defined so a run can stop
 *     between pages), then the final seed from the revealed seed;
 *  2. rank: every page offered to the best K + waitlist so far (the checkpoint holds at most those);
 *  3. write: places on the ranked entries, an order for each winner (from the draw's pool), then the
 *     reveal on the draw.
 * Every write is idempotent (the same place, a deterministic order id), so a run cut short and the
 * next one, or two runs at once, write one result. Nothing is revealed before every order exists.
 */
import { findProduct } from '../catalog/catalog.repo';
import { reservePool } from '../catalog/product-stock.repo';
import { findMember } from '../members/member.repo';
import { placeAllottedOrder } from '../orders/orders.allotted';
import type { TimeBudget } from '../platform/batches';
import { loadCheckpoint, saveCheckpoint } from '../platform/checkpoints.repo';
import type { Database } from '../platform/database';
import { chunkHash, DIGEST_CHUNK, digestOfChunks, finalSeedOf, offerRanked, rankKey, type Ranked } from './draw-fairness.rules';
import type { DrawDoc, EntryDoc } from './draws.model';
import { entryIdsAfter, findEntries, readSecret, updateDrawFrom, updateEntry } from './draws.repo';

export interface DrawCheckpoint {
  phase: 'digest' | 'rank' | 'write';
  after: string | null;
  count: number;
  chunkHashes: string[];
  digest: string | null;
  finalSeed: string | null;
  ranked: number;
  top: Ranked[];
  /** Places written so far in the write phase (a run cut short continues from here). */
  written?: number;
}

const checkpointId = (drawId: string) => `draw:${drawId}`;
/** Pages ranked between checkpoint writes: a crash redoes at most these. */
const RANK_PAGES_PER_SAVE = 10;

const fresh = (): DrawCheckpoint => ({ phase: 'digest', after: null, count: 0, chunkHashes: [], digest: null, finalSeed: null, ranked: 0, top: [] });

/** The pool a draw's units wait in on its product. */
export const poolOf = (drawId: string) => drawId;

/** The requestId of a winner's order (with the member, it makes the order id). */
export const orderRequestOf = (drawId: string) => `draw-${drawId}`;

/** Works on a draw in `drawing` until it is drawn (true) or the budget is spent (false: the next run continues). */
export async function drawStep(db: Database, draw: DrawDoc, at: Date, budget: TimeBudget): Promise<boolean> {
  const secret = await readSecret(db, draw._id);
  if (!secret) throw new Error(`draw ${draw._id} has no seed`);
  let cp = (await loadCheckpoint<DrawCheckpoint>(db, checkpointId(draw._id))) ?? fresh();
  if (cp.phase === 'digest') {
    cp = await digestPhase(db, draw._id, secret.seed, cp, budget);
    if (cp.phase === 'digest') return false;
  }
  if (cp.phase === 'rank') {
    cp = await rankPhase(db, draw, cp, budget);
    if (cp.phase === 'rank') return false;
  }
  return writePhase(db, draw, secret.seed, cp, at, budget);
}

async function digestPhase(db: Database, drawId: string, seed: string, start: DrawCheckpoint, budget: TimeBudget): Promise<DrawCheckpoint> {
  const cp = { ...start, chunkHashes: [...start.chunkHashes] };
  for (;;) {
    if (budget.spent()) {
      await saveCheckpoint(db, checkpointId(drawId), cp);
      return cp;
    }
    const ids = await entryIdsAfter(db, drawId, cp.after, DIGEST_CHUNK);
    if (ids.length > 0) {
      cp.chunkHashes.push(chunkHash(ids));
      cp.count += ids.length;
      cp.after = ids[ids.length - 1];
    }
    if (ids.length < DIGEST_CHUNK) break;
    await saveCheckpoint(db, checkpointId(drawId), cp);
  }
  const digest = digestOfChunks(cp.chunkHashes);
  const next: DrawCheckpoint = { ...cp, phase: 'rank', after: null, digest, finalSeed: finalSeedOf(seed, digest), ranked: 0, top: [] };
  await saveCheckpoint(db, checkpointId(drawId), next);
  return next;
}

async function rankPhase(db: Database, draw: DrawDoc, start: DrawCheckpoint, budget: TimeBudget): Promise<DrawCheckpoint> {
  const cp = { ...start };
  const n = draw.units + draw.waitlistLength;
  for (let pages = 1; ; pages++) {
    if (budget.spent()) {
      await saveCheckpoint(db, checkpointId(draw._id), cp);
      return cp;
    }
    const ids = await entryIdsAfter(db, draw._id, cp.after, DIGEST_CHUNK);
    cp.top = offerRanked(
      cp.top,
      ids.map((entryId) => ({ entryId, key: rankKey(cp.finalSeed!, entryId) })),
      n,
    );
    cp.ranked += ids.length;
    if (ids.length > 0) cp.after = ids[ids.length - 1];
    if (ids.length < DIGEST_CHUNK) break;
    if (pages % RANK_PAGES_PER_SAVE === 0) await saveCheckpoint(db, checkpointId(draw._id), cp);
  }
  if (cp.ranked !== cp.count) {
    // The entry set changed between the passes (it cannot once entries have settled): start over.
    console.error(`draw ${draw._id}: ${cp.count} entries digested but ${cp.ranked} ranked; drawing again`);
    await saveCheckpoint(db, checkpointId(draw._id), fresh());
    return { ...fresh(), phase: 'rank' };
  }
  const next: DrawCheckpoint = { ...cp, phase: 'write', after: null };
  await saveCheckpoint(db, checkpointId(draw._id), next);
  return next;
}

async function writePhase(db: Database, draw: DrawDoc, seed: string, cp: DrawCheckpoint, at: Date, budget: TimeBudget): Promise<boolean> {
  const product = await findProduct(db, draw.productId);
  if (!product) throw new Error(`draw ${draw._id}: product ${draw.productId} is gone`);
  // A draw whose creation crashed after writing it but before setting its units aside gets them now.
  await reservePool(db, draw.productId, poolOf(draw._id), draw.units, at);
  const expiresAt = new Date(at.getTime() + draw.purchaseHours * 60 * 60 * 1000);
  const start = cp.written ?? 0;
  // One read for the places still to write (K + waitlist ≤ 1,000: one get()).
  const entries = new Map(
    (
      await findEntries(
        db,
        cp.top.slice(start).map((r) => r.entryId),
      )
    ).map((e) => [e._id, e]),
  );
  for (let i = start; i < cp.top.length; i++) {
    if (budget.spent()) {
      // Where the next run picks up (what was written before stays: each write is idempotent).
      await saveCheckpoint(db, checkpointId(draw._id), { ...cp, written: i });
      return false;
    }
    const won = i < draw.units;
    const entry = entries.get(cp.top[i].entryId);
    if (!entry) throw new Error(`draw ${draw._id}: ranked entry ${cp.top[i].entryId} is gone`);
    if (entry.outcome === null) await updateEntry(db, entry._id, { outcome: won ? 'won' : 'waitlist', rank: i + 1, outcomeAt: at });
    if (won && !entry.orderId) await allotOrder(db, draw, product, entry, expiresAt, at);
  }
  return updateDrawFrom(db, draw._id, 'drawing', {
    status: 'drawn',
    noticesPending: true,
    reveal: { seed, entryCount: cp.count, digest: cp.digest!, finalSeed: cp.finalSeed!, drawnAt: at },
    updatedAt: at,
  });
}

/** The winner's order of one unit from the draw's pool, at their member price now; its id goes on the entry. */
export async function allotOrder(
  db: Database,
  draw: DrawDoc,
  product: NonNullable<Awaited<ReturnType<typeof findProduct>>>,
  entry: EntryDoc,
  expiresAt: Date,
  at: Date,
): Promise<string | null> {
  const member = await findMember(db, entry.memberId);
  const placed = await placeAllottedOrder(db, {
    member: { _id: entry.memberId, tier: member?.tier ?? entry.tier },
    requestId: orderRequestOf(draw._id),
    product,
    pool: poolOf(draw._id),
    expiresAt,
    source: { kind: 'draw', id: draw._id, title: draw.title },
    at,
  });
  if (!placed.placed) {
    console.error(`draw ${draw._id}: no unit left in the pool for entry ${entry._id}`);
    return null;
  }
  await updateEntry(db, entry._id, { orderId: placed.orderId });
  return placed.orderId;
}
