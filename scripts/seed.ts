/**
 * npm run seed [-- --reset] [--url http://127.0.0.1:3900]
 * Seeds the demo brand into the running emulator, or straight into .data/ when none is running.
 * Without --reset it only adds what is missing; --reset wipes the demo collections first.
 */
import { parseArgs } from 'node:util';
import { sdkEnvironment, startEmulator } from '../emulator';
import { DATA_DIR, DEFAULT_PORT, INDEX_FILE, loadSdk } from './local-env';
import { resetDemo, seedDemo } from './seed/seed-demo';

async function reachable(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/control/health`, { signal: AbortSignal.timeout(1500) })).ok;
  } catch {
    return false;
  }
}

async function main() {
  const { values } = parseArgs({ options: { reset: { type: 'boolean' }, url: { type: 'string' } } });
  const url = values.url ?? `http://127.0.0.1:${process.env.PORT ?? DEFAULT_PORT}`;
  let close = async () => undefined as void;
  if (await reachable(url)) {
    const health = await (await fetch(`${url}/control/health`)).json();
    Object.assign(process.env, sdkEnvironment(url, health.envId));
    console.log(`Seeding the running emulator at ${url}`);
  } else {
    const emu = await startEmulator({ dataDir: DATA_DIR, indexes: INDEX_FILE, timers: false });
    close = () => emu.close();
    console.log(`No emulator at ${url}: seeding ${DATA_DIR} directly`);
  }
  const cloud = loadSdk();
  if (values.reset) console.log(`Reset: removed ${await resetDemo(cloud)} documents`);
  const report = await seedDemo(cloud);
  const created = Object.entries(report.created)
    .map(([c, n]) => `${n} ${c}`)
    .join(', ');
  console.log(created ? `Created ${created}; ${report.skipped} already there` : `Nothing to do: all ${report.skipped} demo documents are there`);
  await close();
}

main().catch((e) => {
  console.error(`seed failed: ${(e as Error).message}`);
  process.exit(1);
});
