/**
 * The provable fairness of a draw (docs/draws.md, "How a draw is drawn"). Pure: hashing only, no
 * I/O. Everything a fan needs to recompute a result is defined here, in terms any SHA-256 tool can
 * follow, and `scripts/verify-draw.mjs` repeats it with nothing but Node's crypto:
 *
 * - seed: 32 random bytes as 64 lowercase hex characters, secret until the draw;
 * - commitment = SHA-256(seed), published when the draw is created;
 * - digest: the entry ids sorted ascending, cut into chunks of 1,000; each chunk hashed as its ids
 *   joined by "\n"; digest = SHA-256(the chunk hashes joined by "\n"). Chunks let the drawing job
 *   stop and resume between timer runs without keeping a hash state;
 * - final seed = SHA-256(seed ‖ digest) (the two hex strings concatenated);
 * - each entry's key = SHA-256(final seed ‖ entry id); entries in ascending key order (ties, which
 *   SHA-256 makes practically impossible, by entry id): the first K win, the next ones form the
 *   waitlist in that order.
 * The seed is fixed before anyone enters and the digest after everyone has: neither the brand (who
 * cannot change the seed it committed to) nor an entrant (who cannot know the seed) can aim.
 */
import { createHash, hash } from 'node:crypto';

export const DIGEST_CHUNK = 1000;

/**
 * Ranking hashes every entry: the one-shot crypto.hash (Node 20.12+) is about 3x faster than a
 * createHash per short text (npm run bench:draws). The functions' runtime (node16) lacks it.
 */
const oneShot: typeof hash | undefined = typeof hash === 'function' ? hash : undefined;

export function sha256Hex(text: string): string {
  return oneShot ? oneShot('sha256', text, 'hex') : createHash('sha256').update(text, 'utf8').digest('hex');
}

export function commitmentOf(seed: string): string {
  return sha256Hex(seed);
}

/**
 * The entry's id: derived from draw and member, so a second entry by the same member collides with
 * the first in the database, and published without saying who the member is.
 */
export function entryIdFor(drawId: string, memberId: string): string {
  return sha256Hex(`${drawId}:${memberId}`).slice(0, 24);
}

export const ENTRY_ID_PATTERN = /^[0-9a-f]{24}$/;

/** The hash of one chunk of sorted entry ids. */
export function chunkHash(sortedIds: readonly string[]): string {
  return sha256Hex(sortedIds.join('\n'));
}

/** The digest from the chunk hashes, in order. */
export function digestOfChunks(chunkHashes: readonly string[]): string {
  return sha256Hex(chunkHashes.join('\n'));
}

/** The digest of a whole entry list, in any order (it is sorted here). */
export function digestOf(entryIds: readonly string[]): string {
  const sorted = [...entryIds].sort(compareIds);
  const hashes: string[] = [];
  for (let i = 0; i < sorted.length; i += DIGEST_CHUNK) hashes.push(chunkHash(sorted.slice(i, i + DIGEST_CHUNK)));
  return digestOfChunks(hashes);
}

export function finalSeedOf(seed: string, digest: string): string {
  return sha256Hex(seed + digest);
}

export function rankKey(finalSeed: string, entryId: string): string {
  return sha256Hex(finalSeed + entryId);
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Ranked {
  entryId: string;
  key: string;
}

function before(a: Ranked, b: Ranked): boolean {
  return a.key < b.key || (a.key === b.key && a.entryId < b.entryId);
}

/**
 * The best `n` so far, kept sorted: a page of entries at a time is offered, so the drawing job can
 * rank 100,000 entries without holding them, and a checkpoint holds at most `n` of them.
 */
export function offerRanked(top: Ranked[], candidates: Iterable<Ranked>, n: number): Ranked[] {
  // n = 0 would compare every candidate with kept[-1].
  if (n <= 0) return [];
  const kept = top.slice();
  for (const c of candidates) {
    if (kept.length === n && !before(c, kept[n - 1])) continue;
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(kept[mid], c)) lo = mid + 1;
      else hi = mid;
    }
    kept.splice(lo, 0, c);
    if (kept.length > n) kept.pop();
  }
  return kept;
}

/** The first `n` entries in draw order (winners, then the waitlist), whatever order they came in. */
export function rankTop(finalSeed: string, entryIds: Iterable<string>, n: number): Ranked[] {
  const keyed = function* () {
    for (const entryId of entryIds) yield { entryId, key: rankKey(finalSeed, entryId) };
  };
  return offerRanked([], keyed(), n);
}

export interface DrawOutcome {
  digest: string;
  finalSeed: string;
  winners: string[];
  waitlist: string[];
}

/** The whole result from the seed and every entry: what the job computes in pages and a fan recomputes at once. */
export function drawResult(seed: string, entryIds: readonly string[], units: number, waitlistLength: number): DrawOutcome {
  const digest = digestOf(entryIds);
  const finalSeed = finalSeedOf(seed, digest);
  const top = rankTop(finalSeed, entryIds, units + waitlistLength).map((r) => r.entryId);
  return { digest, finalSeed, winners: top.slice(0, units), waitlist: top.slice(units) };
}
