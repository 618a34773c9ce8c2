/**
 * Limited-release draws (docs/draws.md): what is stored and what the client receives. The client
 * imports the view types (type-only). Stored times are Dates; views carry ISO 8601 server times.
 */
import type { MemberTier } from '../catalog/catalog.model';
import type { Tier } from '../members/tiers';

export const DRAWS = 'draws';
export const DRAW_ENTRIES = 'draw_entries';
/** Seeds until their draw: read by the drawing job only; no member or staff action reads this collection. */
export const DRAW_SECRETS = 'draw_secrets';

/**
 * scheduled (entries open and close by time) -> drawing (the job is ranking) -> drawn (winners
 * are paying; forfeits promote the waitlist) -> finished (every unit sold or back on the product).
 * cancelled: staff stopped it before it was drawn; its units went back to the product.
 */
export type DrawStatus = 'scheduled' | 'drawing' | 'drawn' | 'finished' | 'cancelled';

/** What the member sees of the draw by time and status. */
export type DrawPhase = 'upcoming' | 'open' | 'closed' | 'drawing' | 'drawn' | 'cancelled';

export interface DrawReveal {
  seed: string;
  entryCount: number;
  digest: string;
  finalSeed: string;
  drawnAt: Date;
}

/** `draws/<_id>`. Never written per entry: entries are counted with count(). */
export interface DrawDoc {
  _id: string;
  title: string;
  description: string;
  productId: string;
  productName: string;
  productImage: string | null;
  /** K: units drawn, each a winner's order of one. */
  units: number;
  waitlistLength: number;
  opensAt: Date;
  closesAt: Date;
  drawAt: Date;
  minTier: MemberTier;
  minMemberDays: number;
  /** Hours a winner has to pay from the moment they are told they won. */
  purchaseHours: number;
  /** SHA-256 of the seed, published at creation. */
  commitment: string;
  committedAt: Date;
  status: DrawStatus;
  reveal: DrawReveal | null;
  /** Result or cancellation messages still to queue (the job pages through the entrants). */
  noticesPending: boolean;
  cancelledAt: Date | null;
  cancelReason: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface DrawSecretDoc {
  _id: string;
  seed: string;
  createdAt: Date;
}

/** won: has an order to pay; waitlist: may be promoted; forfeited: did not pay in time. Losers have none. */
export type EntryOutcome = 'won' | 'waitlist' | 'forfeited';

/** `draw_entries/<entryId>`; the id is entryIdFor(draw, member), so the database refuses a second entry. */
export interface EntryDoc {
  _id: string;
  drawId: string;
  memberId: string;
  /** The member's step when they entered (staff see entries by step). */
  tier: Tier;
  enteredAt: Date;
  /** The member accepted the result message on the tap that entered (WeChat's one-time subscription). */
  notify: boolean;
  /** ... and the message that tells a waitlisted entrant they were promoted. */
  notifyPromoted: boolean;
  outcome: EntryOutcome | null;
  /** 1-based place in draw order, for winners and the waitlist. */
  rank: number | null;
  orderId: string | null;
  /** A waitlisted entry promoted in place of this forfeited one (the forfeit's entry id). */
  promotedFor?: string | null;
  /** Set on a forfeited entry once its unit went to the next on the waitlist (or nobody was left: 'none'). */
  replacedBy?: string | null;
  outcomeAt: Date | null;
}

/** What the member's list and detail show. */
export interface DrawView {
  id: string;
  title: string;
  description: string;
  productId: string;
  productName: string;
  productImage: string | null;
  units: number;
  waitlistLength: number;
  opensAt: string;
  closesAt: string;
  drawAt: string;
  minTier: MemberTier;
  minTierName: string;
  minMemberDays: number;
  purchaseHours: number;
  phase: DrawPhase;
  commitment: string;
  /** The price the caller would pay if they won (at their step now), fen. */
  myPriceFen: number | null;
  listPriceFen: number;
  entryCount: number | null;
  serverNow: string;
}

export type MyEntryState = 'entered' | 'won' | 'paid' | 'waitlist' | 'not_drawn' | 'forfeited' | 'cancelled';

export interface MyEntryView {
  entryId: string;
  drawId: string;
  drawTitle: string;
  productName: string;
  productImage: string | null;
  enteredAt: string;
  state: MyEntryState;
  /** For won: the order to pay and the time it must be paid by. */
  orderId: string | null;
  payBy: string | null;
  /** For waitlist: place on the waitlist (1 = next). */
  waitlistPlace: number | null;
  /** Won after someone before them on the waitlist forfeited (候补转正). */
  promoted: boolean;
  notify: boolean;
}

/** What the verify page shows and the downloadable file holds: enough to recompute the result. */
export interface DrawProof {
  drawId: string;
  title: string;
  units: number;
  waitlistLength: number;
  commitment: string;
  committedAt: string;
  seed: string;
  drawnAt: string;
  entryCount: number;
  digest: string;
  finalSeed: string;
  /** Winners then the waitlist, in draw order, as published at the draw. */
  winners: string[];
  waitlist: string[];
}

export interface AdminDrawView extends Omit<DrawView, 'myPriceFen' | 'entryCount'> {
  status: DrawStatus;
  entryCount: number;
  /** By the step members were on when they entered; null in the list (counted in the detail). */
  entriesByTier: Record<Tier, number> | null;
  cancelReason: string | null;
  results: { won: number; paid: number; waitlist: number; forfeited: number; promoted: number } | null;
}
