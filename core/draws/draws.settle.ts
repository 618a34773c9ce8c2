/**
 * After the draw: results told, winners paying, forfeits promoting the waitlist, and the draw
 * finishing with every unit sold or back on the product. Run by the timer on every drawn (and
 * cancelled) draw until it is done; every step is idempotent and can be cut short anywhere.
 *
 * A winner's order that closes unpaid (expired or cancelled) gives its unit back to the draw's pool
 * (product-stock.repo releaseHold). Then the entry is forfeited, and the next on the waitlist (in
 * draw order) is promoted: it records which forfeit it replaces, so a run that crashed between the
 * two finds the promotion and does not make a second one.
 */
import { findProduct } from '../catalog/catalog.repo';
import { releasePool } from '../catalog/product-stock.repo';
import { ordersByIds } from '../orders/orders.repo';
import type { TimeBudget } from '../platform/batches';
import { loadCheckpoint, saveCheckpoint } from '../platform/checkpoints.repo';
import type { Database } from '../platform/database';
import { queuePromotedNotice, queueResultNotice } from './draws.notices';
import { resultWords } from './draw.rules';
import type { DrawDoc, EntryDoc } from './draws.model';
import { allotOrder, poolOf } from './draws.drawing';
import { notifyEntriesAfter, rankedEntries, updateDrawFrom, updateEntry, updateEntryFrom } from './draws.repo';

interface NoticesCheckpoint {
  after: string | null;
  done: boolean;
}

const noticesId = (drawId: string) => `draw-notices:${drawId}`;

/**
 * Queues the result (or cancellation) message of every entrant who asked for it, page by page. The
 * notice's key is the entry's, so a page queued twice is one message each.
 */
export async function queueResultNotices(db: Database, draw: DrawDoc, budget: TimeBudget): Promise<boolean> {
  const cp = (await loadCheckpoint<NoticesCheckpoint>(db, noticesId(draw._id))) ?? { after: null, done: false };
  if (cp.done) return true;
  const winners = draw.status === 'cancelled' ? new Map() : await ordersOfWinners(db, draw);
  for (;;) {
    if (budget.spent()) {
      await saveCheckpoint(db, noticesId(draw._id), cp);
      return false;
    }
    const page = await notifyEntriesAfter(db, draw._id, cp.after);
    for (const e of page) {
      const payBy = e.orderId ? (winners.get(e.orderId)?.expiresAt ?? null) : null;
      await queueResultNotice(db, { key: `draw_result:${e._id}`, memberId: e.memberId, optIn: 'granted' }, draw._id, draw.title, resultWords(draw, e, payBy));
    }
    if (page.length > 0) cp.after = page[page.length - 1]._id;
    if (page.length < 1000) break;
    await saveCheckpoint(db, noticesId(draw._id), cp);
  }
  await saveCheckpoint(db, noticesId(draw._id), { after: cp.after, done: true });
  return true;
}

async function ordersOfWinners(db: Database, draw: DrawDoc) {
  const won = await rankedEntries(db, draw._id, 'won');
  return ordersByIds(
    db,
    won.flatMap((e) => (e.orderId ? [e.orderId] : [])),
  );
}

export interface SettleRun {
  forfeited: number;
  promoted: number;
  finished: boolean;
}

/**
 * One pass over a drawn draw: orders for winners that lack one, forfeits, promotions, and the finish
 * when nothing is left to wait for. The ranked entries (at most 1,000) and their orders are read
 * once; what this pass changes is applied to them in memory. A conditional update that finds the
 * entry already moved (another run at the same time) ends the pass without finishing: the next
 * run reads afresh.
 */
export async function settleDraw(db: Database, draw: DrawDoc, at: Date, budget: TimeBudget): Promise<SettleRun> {
  const run: SettleRun = { forfeited: 0, promoted: 0, finished: false };
  const product = await findProduct(db, draw.productId);
  if (!product) throw new Error(`draw ${draw._id}: product ${draw.productId} is gone`);
  const expiresAt = () => new Date(at.getTime() + draw.purchaseHours * 60 * 60 * 1000);
  const ranked = await rankedEntries(db, draw._id);
  // Orders placed in this pass: unpaid, by construction.
  const placedNow = new Set<string>();
  const allot = async (e: EntryDoc) => {
    e.orderId = await allotOrder(db, draw, product, e, expiresAt(), at);
    if (e.orderId) placedNow.add(e.orderId);
  };

  // Winners whose order a crash left unwritten get it now (a deterministic id: never a second one).
  for (const e of ranked.filter((r) => r.outcome === 'won' && !r.orderId)) {
    if (budget.spent()) return run;
    await allot(e);
  }

  const orders = await ordersByIds(
    db,
    ranked.flatMap((e) => (e.orderId && !placedNow.has(e.orderId) ? [e.orderId] : [])),
  );
  for (const e of ranked.filter((r) => r.outcome === 'won' && r.orderId && orders.get(r.orderId)?.status === 'closed')) {
    if (!(await updateEntryFrom(db, e._id, 'won', { outcome: 'forfeited', outcomeAt: at, replacedBy: null }))) return run;
    Object.assign(e, { outcome: 'forfeited', outcomeAt: at, replacedBy: null });
    run.forfeited++;
  }

  for (const f of ranked.filter((r) => r.outcome === 'forfeited' && !r.replacedBy)) {
    if (budget.spent()) return run;
    const replacement = ranked.find((r) => r.promotedFor === f._id) ?? (await promoteNext(db, ranked, f, at));
    if (replacement !== 'none') {
      if (!replacement.orderId) await allot(replacement);
      if (replacement.orderId) {
        const to = {
          key: `draw_promoted:${replacement._id}`,
          memberId: replacement.memberId,
          optIn: replacement.notifyPromoted ? ('granted' as const) : ('counter' as const),
        };
        await queuePromotedNotice(db, to, draw._id, draw.title, expiresAt());
      }
      run.promoted++;
    }
    f.replacedBy = replacement === 'none' ? 'none' : replacement._id;
    await updateEntry(db, f._id, { replacedBy: f.replacedBy });
  }

  // Nobody left to promote: units still in the pool (or given back to it later) go back on sale.
  if (!ranked.some((r) => r.outcome === 'waitlist')) await releasePool(db, draw.productId, poolOf(draw._id), at);

  const unpaid = (orderId: string | null) => !orderId || placedNow.has(orderId) || orders.get(orderId)?.status === 'pending_payment';
  const open = ranked.some((e) => e.outcome === 'won' && unpaid(e.orderId));
  const unreplaced = ranked.some((e) => e.outcome === 'forfeited' && !e.replacedBy);
  if (!open && !unreplaced) {
    await releasePool(db, draw.productId, poolOf(draw._id), at);
    run.finished = await updateDrawFrom(db, draw._id, 'drawn', { status: 'finished', updatedAt: at });
  }
  return run;
}

/** The first waitlisted entry in draw order becomes a winner in place of `forfeit`, or 'none' when the waitlist is done. */
async function promoteNext(db: Database, ranked: EntryDoc[], forfeit: EntryDoc, at: Date): Promise<EntryDoc | 'none'> {
  for (const next of ranked.filter((r) => r.outcome === 'waitlist')) {
    if (await updateEntryFrom(db, next._id, 'waitlist', { outcome: 'won', promotedFor: forfeit._id, outcomeAt: at })) {
      next.outcome = 'won';
      next.promotedFor = forfeit._id;
      return next;
    }
  }
  return 'none';
}
