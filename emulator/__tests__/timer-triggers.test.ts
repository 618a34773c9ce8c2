import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../index';
import { parseWechatCron } from '../functions/timer-triggers';

describe('WeChat 7-field cron', () => {
  test('parses second minute hour day month weekday year', () => {
    const { cron } = parseWechatCron('0 30 2 * * * *');
    const next = cron.nextRun(new Date('2026-03-01T00:00:00+08:00'))!;
    expect(next.toISOString()).toBe('2026-02-28T18:30:00.000Z');
  });
  test('rejects 5- or 6-field expressions with a clear message', () => {
    expect(() => parseWechatCron('0 2 * * *')).toThrow('7 fields');
  });
});

describe('timer triggers from config.json on the emulator clock', () => {
  let emu: Emulator;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fw-fns-'));
    mkdirSync(join(dir, 'nightly'));
    writeFileSync(
      join(dir, 'nightly', 'index.js'),
      `
      let runs = [];
      exports.main = async (event) => { runs.push(event); return { count: runs.length, event }; };
      exports.runs = runs;`,
    );
    writeFileSync(join(dir, 'nightly', 'config.json'), JSON.stringify({ timeout: 5, triggers: [{ name: 'nightly', type: 'timer', config: '0 0 3 * * * *' }] }));
    emu = await startEmulator({ functionsDir: dir, dataDir: null });
  });
  afterAll(() => emu.close());

  const control = async (path: string, body?: unknown) =>
    (
      await fetch(`${emu.url}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      })
    ).json();

  test('lists the trigger with its next run', async () => {
    const { triggers } = await control('/control/triggers');
    expect(triggers).toEqual([{ functionName: 'nightly', triggerName: 'nightly', next: expect.any(String) }]);
  });

  test('moving the clock past the scheduled time fires it once', async () => {
    const { triggers } = await control('/control/triggers');
    const next = Date.parse(triggers[0].next);
    await control('/control/clock', { set: next + 1000 });
    await new Promise((r) => setTimeout(r, 100));
    const { fired } = await control('/control/triggers');
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ functionName: 'nightly', triggerName: 'nightly', ok: true });
    const runs = require(join(dir, 'nightly', 'index.js')).runs;
    expect(runs[0]).toMatchObject({ Type: 'Timer', TriggerName: 'nightly' });
  });

  test('a control call fires a trigger now', async () => {
    const { result } = await control('/control/triggers/fire', { function: 'nightly' });
    expect(result).toMatchObject({ event: { Type: 'Timer', TriggerName: 'nightly' } });
  });
});
