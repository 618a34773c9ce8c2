/**
 * Rules for the units a redemption holds while it runs — pure, no SDK, no I/O: where the hold is
 * recorded, and what becomes of a hold once its request has (or has not) an outcome.
 */
import { createHash } from 'node:crypto';
import type { RedemptionRecord, UnitHold } from './rewards.model';

/**
 * A hold with no outcome after this long was left by a function that died between taking the
 * unit and finishing (a live redemption ends within its budget, seconds). Long enough for the
 * member's retry of the same request to take the unit over first.
 */
export const ORPHAN_HOLD_AGE_MS = 10 * 60 * 1000;

/** The field under `holds` for a request: a digest, so the key's characters never matter to a field path. */
export function holdField(redemptionKey: string): string {
  return `h${createHash('sha1').update(redemptionKey).digest('hex').slice(0, 24)}`;
}

/**
 * What becomes of a held unit, given its request's record in `redemptions`:
 * - `settle`: the redemption used this very unit; the marker goes, the unit stays sold;
 * - `release`: the request has another outcome (it redeemed with another unit, or was voided),
 *   so nothing can ever use this unit: it goes back on offer;
 * - `void`: no outcome, and the hold is an orphan: the request is voided first (after which it
 *   can never commit), then the unit is released;
 * - `wait`: no outcome yet, and the redemption may still be running.
 */
export type HoldVerdict = 'settle' | 'release' | 'void' | 'wait';

export function holdVerdict(hold: Pick<UnitHold, 'id' | 'at'>, record: RedemptionRecord | null, at: Date): HoldVerdict {
  if (record) return record.status !== 'void' && record.holdId === hold.id ? 'settle' : 'release';
  return at.getTime() - new Date(hold.at).getTime() >= ORPHAN_HOLD_AGE_MS ? 'void' : 'wait';
}
