import fc from 'fast-check';
import { createHash } from 'node:crypto';
import {
  chunkHash,
  commitmentOf,
  compareIds,
  DIGEST_CHUNK,
  digestOf,
  digestOfChunks,
  drawResult,
  ENTRY_ID_PATTERN,
  entryIdFor,
  finalSeedOf,
  offerRanked,
  rankKey,
  rankTop,
  sha256Hex,
  type Ranked,
} from './draw-fairness.rules';

/*
 * The reference side of every property is written here with node:crypto directly, from the
 * definitions in docs/draws.md ("Auditing a draw"), not with the module's own helpers: a change to
 * a definition in the rules must fail here, not silently move both sides.
 */
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function referenceDigest(ids: readonly string[]): string {
  const sorted = [...ids].sort();
  const chunks: string[] = [];
  for (let i = 0; i < sorted.length; i += 1000) chunks.push(sha(sorted.slice(i, i + 1000).join('\n')));
  return sha(chunks.join('\n'));
}

/** Every entry keyed and fully sorted: what rankTop must agree with, K at a time. */
function referenceOrder(finalSeed: string, ids: readonly string[]): string[] {
  return ids
    .map((id) => ({ id, key: sha(finalSeed + id) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => r.id);
}

function referenceResult(seed: string, ids: readonly string[], units: number, waitlistLength: number) {
  const digest = referenceDigest(ids);
  const finalSeed = sha(seed + digest);
  const order = referenceOrder(finalSeed, ids);
  return { digest, finalSeed, winners: order.slice(0, units), waitlist: order.slice(units, units + waitlistLength) };
}

const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });
const seedArb = hex(64);
const entryIdArb = hex(24);
const idsArb = (maxLength = 60) => fc.uniqueArray(entryIdArb, { maxLength });
const unitsArb = fc.integer({ min: 1, max: 12 });
const waitlistArb = fc.integer({ min: 0, max: 12 });

/** Deterministic ids without fast-check, for the large cases. */
const manyIds = (n: number, salt = 'x') => Array.from({ length: n }, (_v, i) => sha(`${salt}:${i}`).slice(0, 24));

describe('sha256Hex', () => {
  const anyText = fc.string({ unit: fc.oneof(fc.constantFrom('\ud800', '\udc00', '抽', '😀'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) });

  it('is SHA-256 of the UTF-8 text, as lowercase hex, for any text', () => {
    fc.assert(fc.property(anyText, (text) => sha256Hex(text) === sha(text)));
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('gives the same on a runtime without crypto.hash (the functions run on node16)', () => {
    let fallback: typeof sha256Hex = () => '';
    jest.isolateModules(() => {
      jest.doMock('node:crypto', () => ({ ...jest.requireActual('node:crypto'), hash: undefined }));

      fallback = require('./draw-fairness.rules').sha256Hex;
    });
    jest.dontMock('node:crypto');
    fc.assert(fc.property(anyText, (text) => fallback(text) === sha(text)));
  });
});

describe('commitment', () => {
  it('is SHA-256 of the seed as lowercase hex, and another seed does not match it', () => {
    fc.assert(
      fc.property(seedArb, seedArb, (seed, other) => {
        const c = commitmentOf(seed);
        expect(c).toBe(sha(seed));
        expect(c).toMatch(/^[0-9a-f]{64}$/);
        if (other !== seed) expect(commitmentOf(other)).not.toBe(c);
      }),
    );
  });

  it('hashes the seed as its hex text, not as the bytes it encodes (what sha256sum of the text gives)', () => {
    const seed = '00'.repeat(32);
    expect(commitmentOf(seed)).toBe(sha('0'.repeat(64)));
    expect(commitmentOf(seed)).not.toBe(createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex'));
  });
});

describe('entry ids', () => {
  it('are 24 hex characters derived from draw and member: the same pair collides, another member or draw does not', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (draw, member, other) => {
        const id = entryIdFor(draw, member);
        expect(id).toMatch(ENTRY_ID_PATTERN);
        expect(entryIdFor(draw, member)).toBe(id);
        expect(id).toBe(sha(`${draw}:${member}`).slice(0, 24));
        if (other !== member) expect(entryIdFor(draw, other)).not.toBe(id);
        if (other !== draw) expect(entryIdFor(other, member)).not.toBe(id);
      }),
    );
  });

  it('sort by compareIds as the database sorts _id (plain code-unit order)', () => {
    fc.assert(
      fc.property(idsArb(), (ids) => {
        expect([...ids].sort(compareIds)).toEqual([...ids].sort());
      }),
    );
  });
});

describe('digest', () => {
  it('equals the documented definition computed independently', () => {
    fc.assert(
      fc.property(idsArb(200), (ids) => {
        expect(digestOf(ids)).toBe(referenceDigest(ids));
      }),
    );
  });

  it('for 2,500 ids is the hash of 3 chunk hashes (1,000 + 1,000 + 500 ids)', () => {
    const ids = manyIds(2500);
    const sorted = [...ids].sort();
    const chunks = [sorted.slice(0, 1000), sorted.slice(1000, 2000), sorted.slice(2000)];
    expect(chunks.map((c) => c.length)).toEqual([1000, 1000, 500]);
    const expected = sha(chunks.map((c) => sha(c.join('\n'))).join('\n'));
    expect(DIGEST_CHUNK).toBe(1000);
    expect(digestOf(ids)).toBe(expected);
    // Not the one-chunk hash of all ids, nor chunks of another size.
    expect(digestOf(ids)).not.toBe(sha(sha(sorted.join('\n'))));
    expect(digestOf(ids)).not.toBe(sha([sorted.slice(0, 1250), sorted.slice(1250)].map((c) => sha(c.join('\n'))).join('\n')));
  });

  it('cuts chunks exactly at 1,000: 1,000 ids make one chunk, 1,001 make two', () => {
    const ids = manyIds(1001).sort();
    expect(digestOf(ids.slice(0, 1000))).toBe(sha(sha(ids.slice(0, 1000).join('\n'))));
    expect(digestOf(ids)).toBe(sha(`${sha(ids.slice(0, 1000).join('\n'))}\n${sha(ids[1000])}`));
  });

  it('is the same computed a chunk at a time (how the drawing job pages through entries)', () => {
    const ids = manyIds(3456).sort(compareIds);
    const hashes: string[] = [];
    for (let i = 0; i < ids.length; i += DIGEST_CHUNK) hashes.push(chunkHash(ids.slice(i, i + DIGEST_CHUNK)));
    expect(hashes).toHaveLength(4);
    expect(digestOfChunks(hashes)).toBe(digestOf(ids));
  });

  it('does not depend on the order the ids are given in', () => {
    fc.assert(
      fc.property(
        idsArb().chain((ids) => fc.tuple(fc.constant(ids), fc.shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length }))),
        ([ids, shuffled]) => {
          expect(digestOf(shuffled)).toBe(digestOf(ids));
        },
      ),
    );
  });

  it('changes when one id is changed, added or removed', () => {
    fc.assert(
      fc.property(idsArb(), entryIdArb, fc.nat(), (ids, fresh, at) => {
        fc.pre(!ids.includes(fresh));
        const before = digestOf(ids);
        expect(digestOf([...ids, fresh])).not.toBe(before);
        if (ids.length > 0) {
          const i = at % ids.length;
          expect(digestOf(ids.filter((_v, j) => j !== i))).not.toBe(before);
          expect(digestOf(ids.map((id, j) => (j === i ? fresh : id)))).not.toBe(before);
        }
      }),
    );
  });

  it('changes when one id is changed, added or removed past the first chunk', () => {
    const ids = manyIds(2100);
    const before = digestOf(ids);
    const fresh = sha('fresh').slice(0, 24);
    const last = [...ids].sort()[2099];
    expect(digestOf([...ids, fresh])).not.toBe(before);
    expect(digestOf(ids.filter((id) => id !== last))).not.toBe(before);
    expect(digestOf(ids.map((id) => (id === last ? fresh : id)))).not.toBe(before);
  });

  it('of no entries is SHA-256 of the empty text', () => {
    expect(digestOf([])).toBe(sha(''));
  });
});

describe('final seed and keys', () => {
  it('final seed = SHA-256(seed ‖ digest); key = SHA-256(final seed ‖ entry id), both as hex text', () => {
    fc.assert(
      fc.property(seedArb, hex(64), entryIdArb, (seed, digest, id) => {
        const finalSeed = finalSeedOf(seed, digest);
        expect(finalSeed).toBe(sha(seed + digest));
        expect(rankKey(finalSeed, id)).toBe(sha(finalSeed + id));
      }),
    );
  });
});

describe('drawResult', () => {
  it('equals the reference result: a full sort of every entry by key, the first K winning, the next ones waiting', () => {
    fc.assert(
      fc.property(seedArb, idsArb(), unitsArb, waitlistArb, (seed, ids, units, waitlistLength) => {
        expect(drawResult(seed, ids, units, waitlistLength)).toEqual(referenceResult(seed, ids, units, waitlistLength));
      }),
    );
  });

  it('gives the same winners for the same inputs', () => {
    fc.assert(
      fc.property(seedArb, idsArb(), unitsArb, waitlistArb, (seed, ids, units, waitlistLength) => {
        expect(drawResult(seed, [...ids], units, waitlistLength)).toEqual(drawResult(seed, ids, units, waitlistLength));
      }),
    );
  });

  it('does not depend on the order the entries are given in', () => {
    fc.assert(
      fc.property(
        seedArb,
        idsArb().chain((ids) => fc.tuple(fc.constant(ids), fc.shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length }))),
        unitsArb,
        waitlistArb,
        (seed, [ids, shuffled], units, waitlistLength) => {
          expect(drawResult(seed, shuffled, units, waitlistLength)).toEqual(drawResult(seed, ids, units, waitlistLength));
        },
      ),
    );
  });

  it('moves with the seed: another seed gives another final seed', () => {
    fc.assert(
      fc.property(seedArb, seedArb, idsArb(), (seed, other, ids) => {
        fc.pre(seed !== other);
        expect(drawResult(other, ids, 1, 0).finalSeed).not.toBe(drawResult(seed, ids, 1, 0).finalSeed);
      }),
    );
  });

  it('winners and waitlist are distinct entries; winners hold the K smallest keys, the waitlist the next ones in key order', () => {
    fc.assert(
      fc.property(seedArb, idsArb(), unitsArb, waitlistArb, (seed, ids, units, waitlistLength) => {
        const r = drawResult(seed, ids, units, waitlistLength);
        const chosen = [...r.winners, ...r.waitlist];
        expect(new Set(chosen).size).toBe(chosen.length);
        for (const id of chosen) expect(ids).toContain(id);
        expect(r.winners).toHaveLength(Math.min(units, ids.length));
        expect(r.waitlist).toHaveLength(Math.min(waitlistLength, Math.max(0, ids.length - units)));
        const key = (id: string) => rankKey(r.finalSeed, id);
        const keys = chosen.map(key);
        expect(keys).toEqual([...keys].sort());
        const rest = ids.filter((id) => !chosen.includes(id)).map(key);
        const lastChosen = keys[keys.length - 1];
        for (const k of rest) expect(k > lastChosen).toBe(true);
      }),
    );
  });

  it('promotes in waitlist order: the waitlist is what more units would have won, one place at a time', () => {
    fc.assert(
      fc.property(seedArb, idsArb(), unitsArb, waitlistArb, (seed, ids, units, waitlistLength) => {
        const r = drawResult(seed, ids, units, waitlistLength);
        // Each forfeit hands its unit to the first still waiting: after p promotions the ones
        // holding units are exactly the winners of a draw with K + p units.
        for (let p = 0; p <= r.waitlist.length; p++) {
          const wider = drawResult(seed, ids, units + p, waitlistLength - p);
          expect(wider.winners).toEqual([...r.winners, ...r.waitlist.slice(0, p)]);
          expect(wider.waitlist).toEqual(r.waitlist.slice(p));
        }
      }),
    );
  });

  it('with no entries: nobody wins, nobody waits, the digest is that of no chunks', () => {
    const seed = 'ab'.repeat(32);
    const r = drawResult(seed, [], 3, 2);
    expect(r).toEqual({ digest: sha(''), finalSeed: sha(seed + sha('')), winners: [], waitlist: [] });
  });

  it('with fewer entries than K: everyone wins, in key order, and nobody waits', () => {
    fc.assert(
      fc.property(seedArb, fc.uniqueArray(entryIdArb, { maxLength: 5 }), waitlistArb, (seed, ids, waitlistLength) => {
        const r = drawResult(seed, ids, 6, waitlistLength);
        expect([...r.winners].sort()).toEqual([...ids].sort());
        expect(r.winners).toEqual(referenceOrder(r.finalSeed, ids));
        expect(r.waitlist).toEqual([]);
      }),
    );
  });

  it('with fewer entries than K + waitlist: the waitlist holds everyone left', () => {
    const ids = manyIds(7);
    const r = drawResult('cd'.repeat(32), ids, 4, 10);
    expect(r.winners).toHaveLength(4);
    expect(r.waitlist).toHaveLength(3);
    expect(new Set([...r.winners, ...r.waitlist])).toEqual(new Set(ids));
  });
});

describe('offerRanked and rankTop', () => {
  /** Keys from a tiny alphabet, so equal keys (and the tie-break by entry id) actually occur. */
  const rankedArb = fc.uniqueArray(fc.record({ entryId: hex(3), key: fc.constantFrom('a', 'b', 'c', 'd') }), { selector: (r) => r.entryId, maxLength: 60 });
  const byKeyThenId = (a: Ranked, b: Ranked) => (a.key < b.key ? -1 : a.key > b.key ? 1 : compareIds(a.entryId, b.entryId));

  /** Splits a list into consecutive pages at the given cut points. */
  function pagesOf<T>(list: T[], cuts: number[]): T[][] {
    const at = [...new Set(cuts.map((c) => c % (list.length + 1)))].sort((a, b) => a - b);
    const pages: T[][] = [];
    let from = 0;
    for (const c of [...at, list.length]) {
      pages.push(list.slice(from, c));
      from = c;
    }
    return pages;
  }

  it('offered page by page (any split, empty pages too) equals offered at once equals a full sort, ties by entry id', () => {
    fc.assert(
      fc.property(rankedArb, fc.array(fc.nat(), { maxLength: 8 }), fc.integer({ min: 1, max: 70 }), (ranked, cuts, n) => {
        const full = [...ranked].sort(byKeyThenId).slice(0, n);
        const atOnce = offerRanked([], ranked, n);
        let paged: Ranked[] = [];
        for (const page of pagesOf(ranked, cuts)) paged = offerRanked(paged, page, n);
        expect(atOnce).toEqual(full);
        expect(paged).toEqual(full);
      }),
    );
  });

  it('does not change the list it is given (a checkpoint may hold it)', () => {
    const top: Ranked[] = [
      { entryId: 'b', key: '2' },
      { entryId: 'a', key: '5' },
    ];
    const copy = JSON.parse(JSON.stringify(top));
    offerRanked(top, [{ entryId: 'c', key: '1' }], 2);
    expect(top).toEqual(copy);
  });

  it('rankTop over hashed ids equals the reference full sort, whichever order or pages the ids come in', () => {
    fc.assert(
      fc.property(
        seedArb,
        idsArb().chain((ids) => fc.tuple(fc.constant(ids), fc.shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length }))),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.integer({ min: 1, max: 30 }),
        (finalSeed, [ids, shuffled], cuts, n) => {
          const expected = referenceOrder(finalSeed, ids).slice(0, n);
          expect(rankTop(finalSeed, ids, n).map((r) => r.entryId)).toEqual(expected);
          let paged: Ranked[] = [];
          for (const page of pagesOf(shuffled, cuts))
            paged = offerRanked(
              paged,
              page.map((entryId) => ({ entryId, key: rankKey(finalSeed, entryId) })),
              n,
            );
          expect(paged.map((r) => r.entryId)).toEqual(expected);
        },
      ),
    );
  });

  it('rankTop over 2,500 ids in pages of 1,000 (the drawing job) equals the reference', () => {
    const ids = manyIds(2500, 'job').sort(compareIds);
    const finalSeed = sha('final');
    let top: Ranked[] = [];
    for (let i = 0; i < ids.length; i += 1000)
      top = offerRanked(
        top,
        ids.slice(i, i + 1000).map((entryId) => ({ entryId, key: rankKey(finalSeed, entryId) })),
        150,
      );
    expect(top.map((r) => r.entryId)).toEqual(referenceOrder(finalSeed, ids).slice(0, 150));
  });

  it('keeps nobody when asked for none', () => {
    expect(rankTop(sha('x'), manyIds(5), 0)).toEqual([]);
    expect(offerRanked([], [{ entryId: 'a', key: 'a' }], 0)).toEqual([]);
  });
});
