/**
 * npm start — the whole product on this machine: builds the cloud functions (and the H5 app when
 * its sources changed), starts the WeChat Cloud emulator on SQLite under .data/, seeds the demo
 * brand into an empty database, serves the app, and prints where to open it. Ctrl-C stops it all.
 */
import { startEmulator } from '../emulator';
import { buildFunctions } from './build-functions';
import { ensureH5Build } from './h5-build';
import { DATA_DIR, DEFAULT_PORT, FUNCTIONS_DIR, H5_DIR, INDEX_FILE, LOCAL_FUNCTION_ENV, loadSdk, MESSAGE_PUSH } from './local-env';
import { seedDemo } from './seed/seed-demo';

async function main() {
  const port = Number(process.env.PORT ?? DEFAULT_PORT);
  const built = await buildFunctions();
  console.log(`Built ${built.length} cloud functions: ${built.map((b) => b.name).join(', ')}`);
  ensureH5Build(process.argv.includes('--rebuild'));

  Object.assign(process.env, LOCAL_FUNCTION_ENV);
  const emu = await startEmulator({
    port,
    dataDir: DATA_DIR,
    functionsDir: FUNCTIONS_DIR,
    indexes: INDEX_FILE,
    staticDir: H5_DIR,
    // Image checks' verdicts reach the events function 1.5 s after posting, as WeChat's arrive later.
    messagePush: MESSAGE_PUSH,
    log: (m) => console.log(`[emulator] ${m}`),
  });
  const cloud = loadSdk();
  const { total } = await cloud.database().collection('members').count();
  if (total === 0) {
    const report = await seedDemo(cloud);
    console.log(
      `Seeded the demo brand: ${Object.entries(report.created)
        .map(([c, n]) => `${n} ${c}`)
        .join(', ')}`,
    );
  } else {
    console.log(`Using existing data in ${DATA_DIR} (${total} members). Start over with: npm run seed -- --reset`);
  }

  console.log('');
  console.log(`Flywheel is running. Open ${emu.url}/ in a browser (pick a demo persona to sign in).`);
  console.log(`Emulator: listening on ${emu.url} (control API under ${emu.url}/control/, see README)`);
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await emu.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(`npm start failed: ${(e as Error).message}`);
  process.exit(1);
});
