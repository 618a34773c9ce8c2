/**
 * npm run test:weapp — the weapp build (dist/) runs under test: its logic layer in a Node vm with
 * WeChat's globals stubbed (tests/weapp/wx-stubs.ts), cloud calls reaching the built functions on
 * an in-memory emulator seeded with the demo brand, as each phone's WeChat user. Builds dist/
 * and the functions first when they are missing or stale. `npm run test:weapp -- <name part>`
 * runs the matching journeys only.
 */
import { journeys } from './journeys';
import { ensureFunctionsBuild, ensureWeappBuild } from './weapp-build';
import { startWeappWorld, type WeappWorld } from './world';

async function main() {
  const started = Date.now();
  const only = process.argv[2];
  ensureWeappBuild();
  await ensureFunctionsBuild();
  const world = await startWeappWorld();
  console.log(`built and seeded in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  await selfCheck(world);
  let passed = 0;
  let failed = 0;
  for (const journey of journeys.filter((j) => !only || j.name.includes(only))) {
    const first = world.phones.length;
    const t0 = Date.now();
    try {
      await journey.run(world);
      for (const phone of world.phones.slice(first)) phone.assertHealthy();
      passed++;
      console.log(`  ✓ ${journey.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      const err = e as Error;
      console.log(`  ✕ ${journey.name}\n    ${(err.stack ?? String(err)).split('\n').slice(0, 8).join('\n    ')}`);
      for (const phone of world.phones.slice(first)) {
        if (phone.problems.length) console.log(`    ${phone.label}: ${phone.problems.map((p) => `[${p.kind}] ${p.message}`).join('\n      ')}`);
      }
    }
  }
  await world.close();
  console.log(`\n${passed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(failed || passed === 0 ? 1 : 0);
}

/**
 * The harness must fail loudly on what it cannot vouch for: an API it does not simulate, and a
 * rejection the app leaves unhandled. Checked on every run, before the journeys.
 */
async function selfCheck(world: WeappWorld): Promise<void> {
  const phone = world.phone({ openid: 'demo-member', label: 'self-check' });
  await phone.launch();
  phone.mp.evaluate("try { wx.scanCode({}) } catch (e) {}; Promise.reject(new Error('left unhandled'))");
  await phone.settle();
  const kinds = phone.problems.map((p) => p.kind);
  if (!kinds.includes('unknown-api') || !kinds.includes('unhandled-rejection')) {
    throw new Error(`the harness did not report an unsimulated API and an unhandled rejection (saw ${JSON.stringify(phone.problems)})`);
  }
  console.log('  harness: an API it does not simulate and an unhandled rejection are reported ✓');
  phone.close();
}

// A journey waiting on something that never happens would let Node exit quietly: say so.
process.on('beforeExit', () => {
  console.error('the weapp run stopped with work pending (a promise that never settles)');
  process.exit(1);
});

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
