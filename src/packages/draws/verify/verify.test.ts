import fc from 'fast-check';
// The server's definitions (node:crypto), by path: the page's must agree with them on any input.
import * as core from '../../../../core/draws/draw-fairness.rules';
import { proofFile } from '../../../../core/draws/draw-proof';
import type { DrawProof } from '@/services/contracts';
import { commitmentOf, digestOf, drawResult, proofFileOf, sha256Hex, utf8Bytes, verifyProof } from './verify';

const hexId = fc.stringMatching(/^[0-9a-f]{24}$/);
const seed = fc.stringMatching(/^[0-9a-f]{64}$/);

function proofOf(s: string, ids: string[], units: number, waitlistLength: number): DrawProof {
  const outcome = core.drawResult(s, ids, units, waitlistLength);
  return {
    drawId: 'draw_0123456789ab',
    title: '限量手冲壶',
    units,
    waitlistLength,
    commitment: core.commitmentOf(s),
    committedAt: '2025-03-01T00:00:00.000Z',
    seed: s,
    drawnAt: '2025-03-08T12:00:00.000Z',
    entryCount: ids.length,
    digest: outcome.digest,
    finalSeed: outcome.finalSeed,
    winners: outcome.winners,
    waitlist: outcome.waitlist,
  };
}

describe('the verify page’s recomputation', () => {
  it('hashes like node:crypto, for ASCII and any other text', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    fc.assert(
      fc.property(
        fc.string({ unit: fc.oneof(fc.constantFrom('\ud800', '\udc00'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) }),
        (text) => sha256Hex(text) === core.sha256Hex(text),
      ),
    );
    expect(Array.from(utf8Bytes('抽签😀'))).toEqual(Array.from(Buffer.from('抽签😀', 'utf8')));
  });

  it('agrees with core’s drawResult on random draws', () => {
    fc.assert(
      fc.property(seed, fc.uniqueArray(hexId, { maxLength: 60 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 8 }), (s, ids, units, waitlist) => {
        expect(drawResult(s, ids, units, waitlist)).toEqual(core.drawResult(s, ids, units, waitlist));
        expect(commitmentOf(s)).toBe(core.commitmentOf(s));
      }),
      { numRuns: 60 },
    );
  });

  it('agrees across the 1,000-id chunk boundary of the digest', () => {
    const ids = Array.from({ length: 2500 }, (_, i) => core.sha256Hex(`entry-${i}`).slice(0, 24));
    expect(digestOf(ids)).toBe(core.digestOf(ids));
    const s = core.sha256Hex('seed');
    expect(drawResult(s, ids, 5, 3)).toEqual(core.drawResult(s, ids, 5, 3));
  });

  it('shows ✓ for every step of a true proof', () => {
    const ids = Array.from({ length: 40 }, (_, i) => core.sha256Hex(`m${i}`).slice(0, 24));
    const s = core.sha256Hex('the seed');
    const steps = verifyProof(proofOf(s, ids, 3, 2), ids);
    expect(steps.map((step) => [step.key, step.ok])).toEqual([
      ['commitment', true],
      ['count', true],
      ['digest', true],
      ['finalSeed', true],
      ['winners', true],
      ['waitlist', true],
    ]);
  });

  it('shows ✗ where a proof was tampered with', () => {
    const ids = Array.from({ length: 40 }, (_, i) => core.sha256Hex(`m${i}`).slice(0, 24));
    const s = core.sha256Hex('the seed');
    const proof = proofOf(s, ids, 3, 2);
    const failed = (p: DrawProof, list: string[]) =>
      verifyProof(p, list)
        .filter((step) => !step.ok)
        .map((step) => step.key);

    expect(failed({ ...proof, seed: core.sha256Hex('another seed') }, ids)).toEqual(['commitment', 'finalSeed', 'winners', 'waitlist']);
    expect(failed(proof, ids.slice(1))).toEqual(expect.arrayContaining(['count', 'digest', 'finalSeed']));
    expect(failed({ ...proof, winners: [proof.winners[1], proof.winners[0], proof.winners[2]] }, ids)).toEqual(['winners']);
    expect(failed({ ...proof, waitlist: [] }, ids)).toEqual(['waitlist']);
    expect(failed(proof, [...ids.slice(1), ids[2]])).toEqual(expect.arrayContaining(['count']));
  });

  it('makes the same file as the server’s proofFile, the one npm run verify-draw reads', () => {
    const ids = ['b'.repeat(24), 'a'.repeat(24)];
    const proof = proofOf(core.sha256Hex('x'), ids, 1, 1);
    expect(JSON.stringify(proofFileOf(proof, ids))).toBe(JSON.stringify(proofFile(proof, ids)));
    expect(proofFileOf(proof, ids).format).toBe('flywheel-draw-proof/1');
  });
});
