/**
 * The downloadable proof file (docs/draws.md, "Auditing a draw"): the published proof, a format
 * tag and every entry id. `npm run verify-draw -- <file>` (scripts/verify-draw.mjs) reads exactly
 * this shape, so the server's download, the tests and the verifier share it from here.
 */
import type { DrawProof } from './draws.model';

/** Bumped only if a field's meaning changes: a verifier refuses a format it does not know. */
export const PROOF_FILE_FORMAT = 'flywheel-draw-proof/1';

export interface DrawProofFile extends DrawProof {
  format: typeof PROOF_FILE_FORMAT;
  /** Every entry id of the draw (any order: the digest sorts them). */
  entries: string[];
}

/** The file's object, its fields in a fixed order so two downloads of one draw are the same bytes. */
export function proofFile(proof: DrawProof, entries: readonly string[]): DrawProofFile {
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
