#!/usr/bin/env node
// Audits a Flywheel limited-release draw from its downloaded proof file, with nothing but Node's
// own crypto and fs: no project code, no npm package, so anyone can read all of it before
// trusting it (docs/draws.md, "Auditing a draw").
//
//   npm run verify-draw -- draw-proof.json
//   node scripts/verify-draw.mjs draw-proof.json
//
// The definitions it recomputes (each a SHA-256 of UTF-8 text, written as 64 lowercase hex digits):
//   commitment = SHA-256(seed)
//   digest     = SHA-256(chunk hashes joined by "\n"), where the entry ids are sorted ascending,
//                cut into chunks of 1,000, and each chunk hash = SHA-256(its ids joined by "\n")
//   final seed = SHA-256(seed + digest)
//   key        = SHA-256(final seed + entry id); ascending keys (ties by entry id): the first
//                `units` win, the next `waitlistLength` form the waitlist, in that order.
//
// Exit code 0 when every check holds, 1 when one fails or the file cannot be read as a proof.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const FORMAT = 'flywheel-draw-proof/1';
const CHUNK = 1000;

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const count = (n) => n.toLocaleString('en-US');

function digestOf(entryIds) {
  const sorted = [...entryIds].sort(byText);
  const chunkHashes = [];
  for (let i = 0; i < sorted.length; i += CHUNK) chunkHashes.push(sha256(sorted.slice(i, i + CHUNK).join('\n')));
  return sha256(chunkHashes.join('\n'));
}

function drawOrder(finalSeed, entryIds, n) {
  return entryIds
    .map((id) => ({ id, key: sha256(finalSeed + id) }))
    .sort((a, b) => byText(a.key, b.key) || byText(a.id, b.id))
    .slice(0, n)
    .map((r) => r.id);
}

/** Why the parsed file is not a proof this script can check, one reason per field; empty when it is. */
function problemsOf(file) {
  if (file === null || typeof file !== 'object' || Array.isArray(file)) return ['the file holds no JSON object'];
  if (file.format !== FORMAT) {
    return [`"format" is ${JSON.stringify(file.format)}, but this script checks "${FORMAT}" files (download the proof again from the draw's verify page)`];
  }
  const problems = [];
  const hash = /^[0-9a-f]{64}$/;
  for (const field of ['seed', 'commitment', 'digest', 'finalSeed']) {
    if (typeof file[field] !== 'string' || !hash.test(file[field])) problems.push(`"${field}" should be 64 lowercase hex characters`);
  }
  if (!Number.isInteger(file.units) || file.units < 1) problems.push('"units" should be a whole number of at least 1');
  for (const field of ['waitlistLength', 'entryCount']) {
    if (!Number.isInteger(file[field]) || file[field] < 0) problems.push(`"${field}" should be a whole number, 0 or more`);
  }
  for (const field of ['winners', 'waitlist', 'entries']) {
    if (!Array.isArray(file[field]) || !file[field].every((id) => typeof id === 'string')) problems.push(`"${field}" should be a list of entry ids (text)`);
  }
  return problems;
}

function firstDifference(published, recomputed) {
  const n = Math.max(published.length, recomputed.length);
  for (let i = 0; i < n; i++) {
    if (published[i] !== recomputed[i]) return `place ${i + 1}: published ${published[i] ?? '(none)'}, recomputed ${recomputed[i] ?? '(none)'}`;
  }
  return null;
}

function verify(file) {
  const steps = [];
  const step = (ok, text, detail) => steps.push({ ok, text, detail });

  const commitment = sha256(file.seed);
  step(
    commitment === file.commitment,
    `The seed's SHA-256 equals the commitment published before entries opened${file.committedAt ? ` (${file.committedAt})` : ''}`,
    commitment === file.commitment ? null : `SHA-256(seed) = ${commitment}, published commitment = ${file.commitment}`,
  );

  const distinct = new Set(file.entries).size;
  const duplicates = file.entries.length - distinct;
  step(
    file.entries.length === file.entryCount && duplicates === 0,
    `The entry list has as many entries as were published (${count(file.entryCount)}), none twice`,
    duplicates > 0
      ? `${count(duplicates)} ${duplicates === 1 ? 'entry id is' : 'entry ids are'} listed more than once`
      : file.entries.length === file.entryCount
        ? null
        : `the file lists ${count(file.entries.length)}, the draw published ${count(file.entryCount)}`,
  );

  const digest = digestOf(file.entries);
  step(
    digest === file.digest,
    'The digest recomputed from the entry list equals the published digest',
    digest === file.digest ? null : `recomputed ${digest}, published ${file.digest}`,
  );

  const finalSeed = sha256(file.seed + digest);
  step(
    finalSeed === file.finalSeed,
    'The final seed, SHA-256(seed + digest), equals the published final seed',
    finalSeed === file.finalSeed ? null : `recomputed ${finalSeed}, published ${file.finalSeed}`,
  );

  const order = drawOrder(finalSeed, file.entries, file.units + file.waitlistLength);
  const winners = order.slice(0, file.units);
  const waitlist = order.slice(file.units);
  const winnersOff = firstDifference(file.winners, winners);
  step(winnersOff === null, `The ${count(winners.length)} winners recomputed from the final seed are the published winners, in the same order`, winnersOff);
  const waitlistOff = firstDifference(file.waitlist, waitlist);
  step(waitlistOff === null, `The ${count(waitlist.length)} waitlisted entries recomputed are the published waitlist, in the same order`, waitlistOff);
  return steps;
}

function main(argv) {
  const path = argv[0];
  if (!path || path === '--help' || path === '-h' || argv.length > 1) {
    console.error(
      "Usage: npm run verify-draw -- <proof file.json>\n       node scripts/verify-draw.mjs <proof file.json>\n\nThe file is the one downloaded from a draw's verify page (下载名单文件).",
    );
    return 1;
  }
  // `npm run` starts scripts in the project folder; a relative path means the caller's folder.
  if (process.env.npm_lifecycle_event === 'verify-draw' && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    console.error(`✗ Cannot read ${path}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
    return 1;
  }
  let file;
  try {
    file = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    console.error(`✗ ${path} is not valid JSON (${e.message}). Download the proof file again from the draw's verify page.`);
    return 1;
  }
  const problems = problemsOf(file);
  if (problems.length > 0) {
    console.error(`✗ ${path} is not a draw proof this script can check:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    return 1;
  }

  console.log(
    `Draw ${file.drawId ?? '(no id)'}${file.title ? ` "${file.title}"` : ''}: ${count(file.units)} units, waitlist of ${count(file.waitlistLength)}, drawn ${file.drawnAt ?? '(no time)'}\n`,
  );
  const steps = verify(file);
  for (const s of steps) console.log(`${s.ok ? '✓' : '✗'} ${s.text}${s.detail ? `\n    ${s.detail}` : ''}`);
  const failed = steps.filter((s) => !s.ok).length;
  console.log(
    failed === 0
      ? '\nAll checks hold: the published result follows from the committed seed and this entry list.'
      : `\n${failed} of ${steps.length} checks failed: this file does not prove the published result.`,
  );
  return failed === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
