/** Stored draws and entries to what clients receive: ISO server times, names in words, never a member id or the seed before the draw. */
import type { ProductDoc } from '../catalog/catalog.model';
import { priceFor } from '../catalog/price.rules';
import { TIER_NAMES, type Tier } from '../members/tiers';
import type { AdminDrawView, DrawDoc, DrawProof, DrawView, EntryDoc, MyEntryView } from './draws.model';
import { entryState, phaseOf } from './draw.rules';

const iso = (d: Date | string) => new Date(d).toISOString();

export function toDrawView(d: DrawDoc, product: ProductDoc | null, tier: Tier | null, entryCount: number | null, at: Date): DrawView {
  return {
    id: d._id,
    title: d.title,
    description: d.description,
    productId: d.productId,
    productName: d.productName,
    productImage: d.productImage,
    units: d.units,
    waitlistLength: d.waitlistLength,
    opensAt: iso(d.opensAt),
    closesAt: iso(d.closesAt),
    drawAt: iso(d.drawAt),
    minTier: d.minTier,
    minTierName: TIER_NAMES[d.minTier],
    minMemberDays: d.minMemberDays,
    purchaseHours: d.purchaseHours,
    phase: phaseOf(d, at),
    commitment: d.commitment,
    myPriceFen: product && tier ? priceFor(product, tier) : null,
    listPriceFen: product?.listPriceFen ?? 0,
    entryCount,
    serverNow: at.toISOString(),
  };
}

export function toMyEntryView(e: EntryDoc, d: DrawDoc, order: { paid: boolean; expiresAt: Date | string } | null, waitlistAhead: number | null): MyEntryView {
  const state = entryState(d, e, order?.paid ?? false);
  return {
    entryId: e._id,
    drawId: d._id,
    drawTitle: d.title,
    productName: d.productName,
    productImage: d.productImage,
    enteredAt: iso(e.enteredAt),
    state,
    orderId: state === 'won' || state === 'paid' ? e.orderId : null,
    payBy: state === 'won' && order ? iso(order.expiresAt) : null,
    waitlistPlace: state === 'waitlist' ? waitlistAhead : null,
    promoted: Boolean(e.promotedFor) && (state === 'won' || state === 'paid'),
    notify: e.notify,
  };
}

export function toDrawProof(d: DrawDoc, ranked: Pick<EntryDoc, '_id' | 'rank'>[]): DrawProof | null {
  if (!d.reveal) return null;
  const inOrder = ranked.filter((e) => e.rank !== null).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  return {
    drawId: d._id,
    title: d.title,
    units: d.units,
    waitlistLength: d.waitlistLength,
    commitment: d.commitment,
    committedAt: iso(d.committedAt),
    seed: d.reveal.seed,
    drawnAt: iso(d.reveal.drawnAt),
    entryCount: d.reveal.entryCount,
    digest: d.reveal.digest,
    finalSeed: d.reveal.finalSeed,
    winners: inOrder.slice(0, d.units).map((e) => e._id),
    waitlist: inOrder.slice(d.units).map((e) => e._id),
  };
}

export function toAdminDrawView(
  d: DrawDoc,
  counts: { total: number; byTier: Record<Tier, number> | null },
  results: AdminDrawView['results'],
  at: Date,
): AdminDrawView {
  const { myPriceFen: _p, entryCount: _c, ...base } = toDrawView(d, null, null, null, at);
  return {
    ...base,
    status: d.status,
    entryCount: counts.total,
    entriesByTier: counts.byTier,
    cancelReason: d.cancelReason,
    results,
  };
}
