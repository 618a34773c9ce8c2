/**
 * scripts/verify-draw.mjs, run as an auditor runs it (a separate `node` on a downloaded file): a true
 * proof passes, each kind of tampering fails on its own line, a malformed file gets a message, and
 * the script depends on nothing but Node's built-ins.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitmentOf, drawResult, sha256Hex } from '../../core/draws/draw-fairness.rules';
import { proofFile, PROOF_FILE_FORMAT, type DrawProofFile } from '../../core/draws/draw-proof';
import type { DrawProof } from '../../core/draws/draws.model';

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'verify-draw.mjs');
const dir = mkdtempSync(join(tmpdir(), 'verify-draw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SEED = sha256Hex('the committed seed');
// Past one digest chunk, so the chunking is part of what the script must get right.
const ENTRIES = Array.from({ length: 1200 }, (_v, i) => sha256Hex(`draw_0123456789ab:member-${i}`).slice(0, 24));

function trueFile(entries = ENTRIES, units = 5, waitlistLength = 3): DrawProofFile {
  const outcome = drawResult(SEED, entries, units, waitlistLength);
  const proof: DrawProof = {
    drawId: 'draw_0123456789ab',
    title: '限量手冲壶',
    units,
    waitlistLength,
    commitment: commitmentOf(SEED),
    committedAt: '2026-05-01T02:00:00.000Z',
    seed: SEED,
    drawnAt: '2026-05-03T04:00:00.000Z',
    entryCount: entries.length,
    digest: outcome.digest,
    finalSeed: outcome.finalSeed,
    winners: outcome.winners,
    waitlist: outcome.waitlist,
  };
  return proofFile(proof, entries);
}

let files = 0;
function run(content: unknown, raw = false) {
  const path = join(dir, `proof-${files++}.json`);
  writeFileSync(path, raw ? String(content) : JSON.stringify(content, null, 2));
  return runPath(path);
}
function runPath(...args: string[]) {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  const out = `${r.stdout}${r.stderr}`;
  return { status: r.status, out, ticks: lines(out, '✓'), crosses: lines(out, '✗') };
}
const lines = (out: string, mark: string) => out.split('\n').filter((l) => l.startsWith(mark));

const COMMITMENT = "✗ The seed's SHA-256 equals the commitment";
const COUNT = '✗ The entry list has as many entries as were published';
const DIGEST = '✗ The digest recomputed';
const FINAL = '✗ The final seed';
const WINNERS = /^✗ The \d+ winners recomputed/;
const WAITLIST = /^✗ The \d+ waitlisted entries recomputed/;

describe('npm run verify-draw', () => {
  it('passes a file made from drawResult: six ✓, exit 0', () => {
    const r = run(trueFile());
    expect(r.crosses).toEqual([]);
    expect(r.ticks).toHaveLength(6);
    expect(r.out).toContain('All checks hold');
    expect(r.status).toBe(0);
  });

  it('passes whatever order the entries are listed in', () => {
    const file = trueFile();
    expect(run({ ...file, entries: [...file.entries].reverse() }).status).toBe(0);
  });

  it('passes a draw with no entries and one with fewer entries than units', () => {
    expect(run(trueFile([])).status).toBe(0);
    expect(run(trueFile(ENTRIES.slice(0, 3), 5, 3)).status).toBe(0);
  });

  it('a tampered seed: the commitment fails, and so does everything drawn from the seed', () => {
    const r = run({ ...trueFile(), seed: sha256Hex('another seed') });
    expect(r.status).toBe(1);
    expect(r.crosses[0]).toContain(COMMITMENT);
    expect(r.crosses.some((l) => l.startsWith(FINAL))).toBe(true);
    expect(r.crosses.some((l) => WINNERS.test(l))).toBe(true);
    // The entry list itself is untouched.
    expect(r.ticks.some((l) => l.startsWith('✓ The digest recomputed'))).toBe(true);
  });

  it('a bad commitment (the seed was not the one committed to): only the commitment fails', () => {
    const r = run({ ...trueFile(), commitment: sha256Hex('not the seed') });
    expect(r.status).toBe(1);
    expect(r.crosses).toHaveLength(1);
    expect(r.crosses[0]).toContain(COMMITMENT);
  });

  it('one entry removed from the list: the count and the digest fail', () => {
    const file = trueFile();
    const r = run({ ...file, entries: file.entries.filter((id) => id !== file.entries[700]) });
    expect(r.status).toBe(1);
    expect(r.crosses.some((l) => l.startsWith(COUNT))).toBe(true);
    expect(r.crosses.some((l) => l.startsWith(DIGEST))).toBe(true);
    expect(r.out).toContain('the file lists 1,199, the draw published 1,200');
  });

  it('one entry removed and the count edited to match: the digest still fails', () => {
    const file = trueFile();
    const r = run({ ...file, entryCount: 1199, entries: file.entries.slice(1) });
    expect(r.status).toBe(1);
    expect(r.crosses.some((l) => l.startsWith(COUNT))).toBe(false);
    expect(r.crosses[0]).toContain(DIGEST);
  });

  it('an entry listed twice fails the count', () => {
    const file = trueFile();
    const r = run({ ...file, entries: [...file.entries.slice(1), file.entries[2]] });
    expect(r.status).toBe(1);
    expect(r.crosses[0]).toContain(COUNT);
    expect(r.out).toContain('1 entry id is listed more than once');
  });

  it('two winners swapped: only the winners fail, naming the first place that differs', () => {
    const file = trueFile();
    const [a, b, ...rest] = file.winners;
    const r = run({ ...file, winners: [b, a, ...rest] });
    expect(r.status).toBe(1);
    expect(r.crosses).toHaveLength(1);
    expect(r.crosses[0]).toMatch(WINNERS);
    expect(r.out).toContain(`place 1: published ${b}, recomputed ${a}`);
  });

  it('a winner and the first on the waitlist swapped: winners and waitlist fail', () => {
    const file = trueFile();
    const r = run({
      ...file,
      winners: [...file.winners.slice(0, -1), file.waitlist[0]],
      waitlist: [file.winners[file.winners.length - 1], ...file.waitlist.slice(1)],
    });
    expect(r.status).toBe(1);
    expect(r.crosses).toHaveLength(2);
    expect(r.crosses[0]).toMatch(WINNERS);
    expect(r.crosses[1]).toMatch(WAITLIST);
  });

  it('a published final seed that does not follow from seed and digest fails', () => {
    const r = run({ ...trueFile(), finalSeed: sha256Hex('chosen') });
    expect(r.status).toBe(1);
    expect(r.crosses).toHaveLength(1);
    expect(r.crosses[0]).toContain(FINAL);
  });

  it('explains a malformed file instead of crashing', () => {
    const bad = [
      { content: '{ not json', raw: true, says: 'is not valid JSON' },
      { content: [1, 2], raw: false, says: 'holds no JSON object' },
      { content: { ...trueFile(), format: 'something-else/2' }, raw: false, says: 'this script checks "flywheel-draw-proof/1" files' },
      { content: { ...trueFile(), seed: 'XYZ', units: 0, entries: 'all of them' }, raw: false, says: '"seed" should be 64 lowercase hex characters' },
    ];
    for (const { content, raw, says } of bad) {
      const r = run(content, raw);
      expect(r.status).toBe(1);
      expect(r.out).toContain(says);
      expect(r.out).not.toMatch(/at .*verify-draw\.mjs:\d+/);
    }
    const fields = run({ ...trueFile(), seed: 'XYZ', units: 0, entries: 'all of them' }).out;
    expect(fields).toContain('"units" should be a whole number of at least 1');
    expect(fields).toContain('"entries" should be a list of entry ids');
  });

  it('explains a missing file and a missing argument', () => {
    const missing = runPath(join(dir, 'nowhere.json'));
    expect(missing.status).toBe(1);
    expect(missing.out).toContain('no such file');
    const none = runPath();
    expect(none.status).toBe(1);
    expect(none.out).toContain('Usage: npm run verify-draw -- <proof file.json>');
  });

  it('reads the format tag core writes', () => {
    expect(trueFile().format).toBe(PROOF_FILE_FORMAT);
    expect(Object.keys(trueFile())).toEqual([
      'format',
      'drawId',
      'title',
      'units',
      'waitlistLength',
      'commitment',
      'committedAt',
      'seed',
      'drawnAt',
      'entryCount',
      'digest',
      'finalSeed',
      'winners',
      'waitlist',
      'entries',
    ]);
  });

  it('imports nothing but node:crypto and node:fs', () => {
    const source = readFileSync(SCRIPT, 'utf8');
    const specifiers = [
      ...[...source.matchAll(/^\s*import\s[^'"]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]),
      ...[...source.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]),
      ...[...source.matchAll(/\bimport\s*\(\s*([^)]*)\)/g)].map((m) => m[1]),
      ...[...source.matchAll(/\brequire\s*\(\s*([^)]*)\)/g)].map((m) => m[1]),
    ];
    expect(specifiers.sort()).toEqual(['node:crypto', 'node:fs']);
  });
});
