/**
 * The emulator as a separate program: started by its CLI, used by another process through the
 * environment alone, persistent across restarts and consistent after kill -9.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const root = join(__dirname, '..', '..');
const client = join(__dirname, 'fixtures', 'sdk-client.js');
jest.setTimeout(60_000);

interface Running {
  proc: ChildProcess;
  url: string;
  env: Record<string, string>;
}

function startCli(args: string[]): Promise<Running> {
  return new Promise((resolve, reject) => {
    // One process (node --import tsx), so kill -9 hits the emulator itself, not a wrapper.
    const proc = spawn(process.execPath, ['--import', 'tsx', join(root, 'emulator', 'cli.ts'), '--port', '0', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const env: Record<string, string> = {};
    proc.stdout!.on('data', (chunk) => {
      out += chunk;
      for (const m of out.matchAll(/export (\w+)='([^']*)'/g)) env[m[1]] = m[2];
      const listening = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (listening) resolve({ proc, url: listening[1], env });
    });
    proc.stderr!.on('data', (chunk) => (out += chunk));
    proc.on('exit', (code) => reject(new Error(`emulator exited (${code}) before listening:\n${out}`)));
  });
}

function runClient(env: Record<string, string>, ...args: string[]) {
  const res = spawnSync(process.execPath, [client, ...args], { cwd: root, env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 30_000 });
  if (res.status !== 0) throw new Error(`client failed: ${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').pop()!);
}

async function stop(r: Running, signal: NodeJS.Signals = 'SIGTERM') {
  const exited = new Promise((resolve) => r.proc.once('exit', resolve));
  r.proc.kill(signal);
  await exited;
}

test('prints its environment; a plain process writes through it; data survives a restart', async () => {
  const data = mkdtempSync(join(tmpdir(), 'fw-emu-'));
  const indexes = join(data, 'indexes.json');
  writeFileSync(indexes, JSON.stringify({ notes: [], accounts: [] }));
  const first = await startCli(['--data', data, '--indexes', indexes]);
  expect(Object.keys(first.env).sort()).toEqual([
    'SCF_NAMESPACE',
    'TCB_CONTEXT_CNFG',
    'TCB_ENV',
    'TENCENTCLOUD',
    'TENCENTCLOUD_SECRETID',
    'TENCENTCLOUD_SECRETKEY',
  ]);
  const written = runClient(first.env, 'write', '持久化');
  expect(written).toMatchObject({ text: '持久化', isDate: true });
  await stop(first);

  const second = await startCli(['--data', data, '--indexes', indexes]);
  expect(runClient(second.env, 'count')).toEqual({ total: 1 });
  await stop(second);
});

test('--memory keeps nothing after a restart', async () => {
  const data = mkdtempSync(join(tmpdir(), 'fw-emu-'));
  const indexes = join(data, 'indexes.json');
  writeFileSync(indexes, JSON.stringify({ notes: [] }));
  const first = await startCli(['--memory', '--indexes', indexes]);
  runClient(first.env, 'write', 'ephemeral');
  expect(runClient(first.env, 'count')).toEqual({ total: 1 });
  await stop(first);
  const second = await startCli(['--memory', '--data', data, '--indexes', indexes]);
  expect(runClient(second.env, 'count')).toEqual({ total: 0 });
  await stop(second);
});

test('kill -9 during transactional writes leaves a readable, consistent database', async () => {
  const data = mkdtempSync(join(tmpdir(), 'fw-emu-'));
  const indexes = join(data, 'indexes.json');
  writeFileSync(indexes, JSON.stringify({ notes: [], accounts: [] }));
  const emu = await startCli(['--data', data, '--indexes', indexes]);
  await fetch(`${emu.url}/admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      action: 'database.insertDocument',
      collectionName: 'accounts',
      data: ['{"_id":"a","n":{"$numberInt":"1000000"}}', '{"_id":"b","n":{"$numberInt":"0"}}'],
    }),
  });
  const hammer = spawn(process.execPath, [client, 'hammer'], { cwd: root, env: { PATH: process.env.PATH, ...emu.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve) => hammer.stdout!.on('data', (c) => String(c).includes('hammering') && resolve()));
  await stop(emu, 'SIGKILL');
  hammer.kill('SIGKILL');

  const sqlite = new Database(join(data, 'emulator.sqlite'));
  expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  const n = (id: string) => JSON.parse((sqlite.prepare('SELECT doc FROM "c:accounts" WHERE id = ?').get(id) as { doc: string }).doc).n;
  const notes = (sqlite.prepare('SELECT count(*) AS c FROM "c:notes"').get() as { c: number }).c;
  const [a, b] = [n('a'), n('b')];
  sqlite.close();
  expect(notes).toBeGreaterThan(20);
  // Every committed transaction moved exactly one unit and wrote one note, or none of it happened.
  expect(b).toBe(notes);
  expect(a + b).toBe(1_000_000);

  const again = await startCli(['--data', data, '--indexes', indexes]);
  expect(runClient(again.env, 'count')).toEqual({ total: notes });
  await stop(again);
});

test('kill -9 in the middle of a concurrent burst: every acknowledged write is there, no partial transaction is', async () => {
  const data = mkdtempSync(join(tmpdir(), 'fw-emu-'));
  const indexes = join(data, 'indexes.json');
  writeFileSync(indexes, JSON.stringify({ notes: [], accounts: [] }));
  const emu = await startCli(['--data', data, '--indexes', indexes]);
  const accounts = ['a', 'hits', ...Array.from({ length: 10 }, (_v, i) => `t${i}`)];
  const docs = accounts.map((id) => JSON.stringify({ _id: id, n: { $numberInt: id === 'a' ? '1000000' : '0' } }));
  await fetch(`${emu.url}/admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'database.insertDocument', collectionName: 'accounts', data: docs }),
  });

  const acked = { txn: new Set<string>(), inc: 0 };
  const burst = spawn(process.execPath, [client, 'burst', '24'], { cwd: root, env: { PATH: process.env.PATH, ...emu.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let pending = '';
  let hammering!: () => void;
  const started = new Promise<void>((resolve) => (hammering = resolve));
  burst.stdout!.on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      const [kind, id] = line.split(' ');
      if (kind === 'txn') acked.txn.add(id);
      else if (kind === 'inc') acked.inc++;
      else if (kind === 'hammering') hammering();
    }
  });
  await started;
  // Let the burst run a while longer so the kill lands among many writes in flight.
  await new Promise((r) => setTimeout(r, 400));
  await stop(emu, 'SIGKILL');
  const exited = new Promise((r) => burst.once('exit', r));
  burst.kill('SIGKILL');
  await exited;

  const sqlite = new Database(join(data, 'emulator.sqlite'));
  expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  const n = (id: string) => JSON.parse((sqlite.prepare('SELECT doc FROM "c:accounts" WHERE id = ?').get(id) as { doc: string }).doc).n as number;
  const notes = (sqlite.prepare('SELECT id, doc FROM "c:notes"').all() as Array<{ id: string; doc: string }>).map((r) => ({
    id: r.id,
    to: JSON.parse(r.doc).to as string,
  }));
  const balances = Object.fromEntries(accounts.map((id) => [id, n(id)]));
  sqlite.close();

  expect(acked.txn.size).toBeGreaterThan(20);
  const present = new Set(notes.map((x) => x.id));
  // Durable: everything the emulator acknowledged survived the kill.
  expect([...acked.txn].filter((id) => !present.has(id))).toEqual([]);
  expect(balances.hits).toBeGreaterThanOrEqual(acked.inc);
  // Atomic: each account received exactly the units its notes say, and a lost exactly that many.
  for (let i = 0; i < 10; i++) expect(balances[`t${i}`]).toBe(notes.filter((x) => x.to === `t${i}`).length);
  expect(balances.a).toBe(1_000_000 - notes.length);

  const again = await startCli(['--data', data, '--indexes', indexes]);
  expect(runClient(again.env, 'count')).toEqual({ total: notes.length });
  await stop(again);
});

test('--message-push, --media-check-mode and --media-check-delay-ms set where and how media-check verdicts are pushed', async () => {
  const plain = await startCli(['--memory']);
  expect(await (await fetch(`${plain.url}/control/openapi/media-check`)).json()).toMatchObject({ mode: 'auto', delayMs: 1500, messagePush: null });
  await stop(plain);
  const configured = await startCli(['--memory', '--message-push', 'events', '--media-check-mode', 'manual', '--media-check-delay-ms', '200']);
  expect(await (await fetch(`${configured.url}/control/openapi/media-check`)).json()).toMatchObject({
    mode: 'manual',
    delayMs: 200,
    messagePush: { function: 'events' },
  });
  await stop(configured);
});
