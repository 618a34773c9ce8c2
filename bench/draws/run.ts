/**
 * npm run bench:draws — runs every bench of the draws (bench/draws/*.bench.ts), one process each so
 * one's million-entry arrays never weigh on the next, in name order; `npm run bench:draws --
 * selection` runs only the files whose names contain one of the words given. Exit 1 when any bench
 * fails (or none matched).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const here = __dirname;
const tsxCli = require.resolve('tsx/cli');

function main(filters: string[]): number {
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts') && (filters.length === 0 || filters.some((w) => f.includes(w))))
    .sort();
  if (files.length === 0) {
    console.error(`no bench in bench/draws matches ${filters.join(', ')}`);
    return 1;
  }
  const results: Array<[string, number | null]> = [];
  for (const file of files) {
    console.log(`\n=== bench/draws/${file}\n`);
    const r = spawnSync(process.execPath, [tsxCli, join(here, file)], { stdio: 'inherit' });
    results.push([file, r.status]);
  }
  console.log('\n=== bench:draws');
  for (const [file, status] of results) console.log(`${status === 0 ? '✓' : '✗'} ${file}${status === 0 ? '' : ` (exit ${status ?? 'by signal'})`}`);
  return results.every(([, status]) => status === 0) ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
