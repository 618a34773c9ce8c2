/**
 * npm run test:e2e — the user journeys on the H5 build in Debian's Chromium, against the real
 * functions on an in-memory emulator seeded with the demo brand. Screenshots go to .e2e/screenshots.
 */
import { journeys } from './journeys';
import { SCREENSHOTS, startWorld, stopWorld } from './harness';

async function main() {
  const only = process.argv[2];
  const world = await startWorld();
  let passed = 0;
  let failed = 0;
  for (const journey of journeys.filter((j) => !only || j.name.includes(only))) {
    const started = Date.now();
    try {
      await journey.run(world);
      passed++;
      console.log(`  ✓ ${journey.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`  ✕ ${journey.name}\n    ${(e as Error).stack?.split('\n').slice(0, 6).join('\n    ')}`);
    }
  }
  await stopWorld(world);
  console.log(`\nScreenshots: ${SCREENSHOTS}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
