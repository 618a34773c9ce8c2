/**
 * One member's redemptions take turns. Every redemption writes the member's wallet, so several at
 * once (one person tapping on two phones, a script) can only commit one after another; left to
 * optimistic retries they mostly conflict and waste attempts. Before its transaction a redemption
 * takes the member's lane — one conditional update of a marker on the wallet, outside any
 * transaction — and the others wait for it with backoff (a cheap failed update, not an aborted
 * transaction). The lane is a courtesy, not a lock the data relies on: the transaction is still
 * what keeps the books right, and a lane expires by itself (LANE_MS) if its holder died.
 *
 * The ledger rewrites the whole wallet when the redemption's spend commits, which drops the marker:
 * the commit itself hands the lane on. A redemption that ends without spending leaves it explicitly.
 */
import type { Database } from '../platform/database';
import { leaveWalletLane, takeWalletLane } from '../points/points.repo';

/**
 * A holder this late is presumed dead: a live one stops retrying at its budget's deadline
 * (REDEEM_BUDGET_MS, 5 s) and finishes its last attempt soon after.
 */
export const LANE_MS = 6_000;

/** Waiting for the lane: the first wait's bound, doubling per poll up to the cap (plus a floor). */
const LANE_POLL_FLOOR_MS = 20;
const LANE_POLL_FIRST_MS = 60;
const LANE_POLL_CAP_MS = 480;

/**
 * The wait before poll `attempt + 1`: jittered and growing, so a queue of W waiters polls about
 * W / 260 ms times a second however long it waits, and one of them still asks within a few
 * milliseconds of the lane coming free.
 */
export function lanePollWaitMs(attempt: number, random: () => number = Math.random): number {
  return LANE_POLL_FLOOR_MS + Math.floor(random() * Math.min(LANE_POLL_CAP_MS, LANE_POLL_FIRST_MS * 2 ** Math.max(0, attempt - 1)));
}

/**
 * Takes the lane if it is free, expired, or held for this same request (an earlier call of it that
 * crashed, or is still running past its caller's timeout: the transaction keeps the two apart).
 * True when this owner has it.
 */
export function takeLane(db: Database, memberId: string, lane: { owner: string; key: string }, nowMs: number): Promise<boolean> {
  return takeWalletLane(db, memberId, lane, nowMs, nowMs + LANE_MS);
}

/** Waits for the lane until `deadline` (real time). False when it did not come free in time. */
export async function waitForLane(
  db: Database,
  memberId: string,
  lane: { owner: string; key: string },
  deadline: number,
  options: { clock?: () => number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<boolean> {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    if (await takeLane(db, memberId, lane, clock())) return true;
    const wait = lanePollWaitMs(attempt);
    if (clock() + wait >= deadline) return false;
    await sleep(wait);
  }
}

/** Leaves the lane, if this owner still has it (the commit may already have handed it on). */
export function leaveLane(db: Database, memberId: string, owner: string): Promise<void> {
  return leaveWalletLane(db, memberId, owner);
}
