/**
 * The draw's fairness, recomputed on the phone (the verify page's 在本页复算). The same definitions
 * as core/draws/draw-fairness.rules.ts, which the server draws with, over @noble/hashes instead of
 * node:crypto (neither WeChat nor a browser has Node's crypto):
 *
 * - commitment = SHA-256(seed);
 * - digest: entry ids sorted ascending, cut into chunks of 1,000, each chunk hashed as its ids
 *   joined by "\n"; digest = SHA-256(the chunk hashes joined by "\n");
 * - final seed = SHA-256(seed ‖ digest);
 * - key = SHA-256(final seed ‖ entry id); ascending keys (ties by id): the first K win, the next
 *   ones form the waitlist.
 *
 * verify.test.ts checks it agrees with core's drawResult. Imported only by the draws subpackage, so
 * the hash library never reaches the main package (the page is verify.tsx beside this folder).
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import type { DrawProofFile } from '@core/draws/draw-proof';
import type { DrawProof } from '@/services/contracts';

export const DIGEST_CHUNK = 1000;

/** The proof file's format tag (core/draws/draw-proof.ts, scripts/verify-draw.mjs read the same). */
export const PROOF_FILE_FORMAT: DrawProofFile['format'] = 'flywheel-draw-proof/1';

/**
 * UTF-8 bytes of a string. Written out because WeChat's JS engine has no TextEncoder (which
 * @noble/hashes would use for a string); ids and hashes are ASCII, but any text encodes right.
 */
export function utf8Bytes(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    const low = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
      code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      // A lone surrogate: U+FFFD, as TextEncoder and Node's Buffer write it.
      code = 0xfffd;
    }
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else out.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return Uint8Array.from(out);
}

export const sha256Hex = (text: string): string => bytesToHex(sha256(utf8Bytes(text)));

export const commitmentOf = (seed: string): string => sha256Hex(seed);

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The digest of the whole entry list, in any order (sorted here). */
export function digestOf(entryIds: readonly string[]): string {
  const sorted = [...entryIds].sort(compareIds);
  const chunks: string[] = [];
  for (let i = 0; i < sorted.length; i += DIGEST_CHUNK) chunks.push(sha256Hex(sorted.slice(i, i + DIGEST_CHUNK).join('\n')));
  return sha256Hex(chunks.join('\n'));
}

export const finalSeedOf = (seed: string, digest: string): string => sha256Hex(seed + digest);

export const rankKey = (finalSeed: string, entryId: string): string => sha256Hex(finalSeed + entryId);

export interface DrawOutcome {
  digest: string;
  finalSeed: string;
  winners: string[];
  waitlist: string[];
}

/** Winners then the waitlist, from the seed and every entry id. */
export function drawResult(seed: string, entryIds: readonly string[], units: number, waitlistLength: number): DrawOutcome {
  const digest = digestOf(entryIds);
  const finalSeed = finalSeedOf(seed, digest);
  const ranked = entryIds
    .map((entryId) => ({ entryId, key: rankKey(finalSeed, entryId) }))
    .sort((a, b) => compareIds(a.key, b.key) || compareIds(a.entryId, b.entryId))
    .slice(0, units + waitlistLength)
    .map((r) => r.entryId);
  return { digest, finalSeed, winners: ranked.slice(0, units), waitlist: ranked.slice(units) };
}

export type VerifyStepKey = 'commitment' | 'count' | 'digest' | 'finalSeed' | 'winners' | 'waitlist';

export interface VerifyStep {
  key: VerifyStepKey;
  /** What was checked, in the member's words. */
  label: string;
  ok: boolean;
  /** What the page computed (a hash, a count, or how many ids matched). */
  computed: string;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * Every step of the audit, recomputed from the published seed and entry list: each ✓ or ✗ stands
 * on its own (a wrong digest still lets the member see whether the seed matched its commitment).
 */
export function verifyProof(proof: DrawProof, entryIds: readonly string[]): VerifyStep[] {
  const outcome = drawResult(proof.seed, entryIds, proof.units, proof.waitlistLength);
  const commitment = commitmentOf(proof.seed);
  const distinct = new Set(entryIds).size;
  return [
    { key: 'commitment', label: '种子的 SHA-256 与开奖前公布的种子哈希一致', ok: commitment === proof.commitment, computed: commitment },
    {
      key: 'count',
      label: `报名名单共 ${proof.entryCount} 条，且没有重复`,
      ok: entryIds.length === proof.entryCount && distinct === entryIds.length,
      computed: distinct === entryIds.length ? `${entryIds.length} 条` : `${entryIds.length} 条，其中 ${entryIds.length - distinct} 条重复`,
    },
    { key: 'digest', label: '名单摘要与公布的一致', ok: outcome.digest === proof.digest, computed: outcome.digest },
    { key: 'finalSeed', label: '最终种子 = SHA-256(种子 ‖ 名单摘要)', ok: outcome.finalSeed === proof.finalSeed, computed: outcome.finalSeed },
    {
      key: 'winners',
      label: `中签名单（前 ${proof.units} 位）与公布的一致，顺序相同`,
      ok: sameList(outcome.winners, proof.winners),
      computed: `${outcome.winners.length} 位`,
    },
    { key: 'waitlist', label: `候补名单与公布的一致，顺序相同`, ok: sameList(outcome.waitlist, proof.waitlist), computed: `${outcome.waitlist.length} 位` },
  ];
}

/**
 * The downloadable proof, byte for byte what core/draws/draw-proof.ts `proofFile` makes (and
 * `npm run verify-draw` reads): the format tag, the published proof in a fixed field order, every entry id.
 */
export function proofFileOf(proof: DrawProof, entries: readonly string[]): DrawProofFile {
  return {
    format: PROOF_FILE_FORMAT,
    drawId: proof.drawId,
    title: proof.title,
    units: proof.units,
    waitlistLength: proof.waitlistLength,
    commitment: proof.commitment,
    committedAt: proof.committedAt,
    seed: proof.seed,
    drawnAt: proof.drawnAt,
    entryCount: proof.entryCount,
    digest: proof.digest,
    finalSeed: proof.finalSeed,
    winners: [...proof.winners],
    waitlist: [...proof.waitlist],
    entries: [...entries],
  };
}
