/**
 * npm run soak -- [--members 10,50,200] [--seconds 60] [--seed N] [--json out.json] [--strict]
 *                 [--weights buy=20,redeem=5] [--burst-every S] [--timer-every S] [--no-build]
 *
 * Issue 11's proof 3: builds the functions, starts the emulator as a child process (in memory,
 * loopback only), seeds the demo brand, then for each concurrency level N runs N fresh simulated
 * members through the HTTP gateway exactly like the H5 app for M seconds: open, join, browse, buy
 * (order -> pay -> the payer confirms), abandon, refund (member asks, admin approves, WeChat Pay
 * settles), redeem, share, visit, buy-after-visit, plus bursts on the two hot spots and the jobs
 * timers. It reports rates, p50/p99 per action, outcomes per code, database calls per journey,
 * transactions and aborts, and time-limit hits; then drains (timers, clock moved past expiry and
 * the referral hold) and checks the invariants against the emulator's database.
 *
 * Exit 1 when an invariant fails; with --strict also when a target is missed. See docs/soak.md.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildFunctions } from '../../scripts/build-functions';
import { DEMO_ADMIN_OPENID, seedDemo } from '../../scripts/seed/seed-demo';
import { loadSdk, ROOT } from '../../scripts/local-env';
import { startChildEmulator, type ChildEmulator } from './child-emulator';
import { SoakClient, type Session } from './gateway-client';
import { drain, retryTimedOut } from './drain';
import { checkAll, checkConvergence, type InvariantResult } from './invariants';
import { parseWeights, type TimedOutRedeem, type Weights } from './journeys';
import { runLevel, TIMER_TRIGGERS, type LevelReport } from './level';
import { Recorder } from './metrics';
import { evaluateTargets, renderInvariants, renderLevel, renderSummary, renderTargets } from './report';
import { readAll, readBaseline, readWorld } from './snapshot';

/** Units every product on sale is topped up to, so a run measures contention rather than selling out. */
const PRODUCT_STOCK = 1_000_000;
/** The hot reward's stock (the admin form's maximum): redemption bursts collide on it, they do not empty it. */
const HOT_REWARD_STOCK = 100_000;
const POINTS_EACH = 50_000;

interface Options {
  members: number[];
  seconds: number;
  seed: number;
  json: string | null;
  strict: boolean;
  weights: Weights;
  burstEvery: number;
  timerEvery: number;
  build: boolean;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      members: { type: 'string', default: '10,50,200' },
      seconds: { type: 'string', default: '60' },
      seed: { type: 'string', default: '1' },
      json: { type: 'string' },
      strict: { type: 'boolean', default: false },
      weights: { type: 'string' },
      'burst-every': { type: 'string' },
      'timer-every': { type: 'string', default: '5' },
      'no-build': { type: 'boolean', default: false },
    },
  });
  const members = values.members!.split(',').map((s) => Number(s.trim()));
  if (members.length === 0 || members.some((n) => !Number.isInteger(n) || n < 1 || n > 2000))
    throw new Error(`--members takes levels of 1..2000 members, e.g. 10,50,200 (got ${values.members})`);
  const seconds = Number(values.seconds);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 3600) throw new Error(`--seconds must be 1..3600 (got ${values.seconds})`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer (got ${values.seed})`);
  const burstEvery = values['burst-every'] === undefined ? Math.min(10, seconds / 2) : Number(values['burst-every']);
  const timerEvery = Number(values['timer-every']);
  if (!(burstEvery > 0) || !(timerEvery > 0)) throw new Error('--burst-every and --timer-every take seconds above 0');
  return {
    members,
    seconds,
    seed,
    json: values.json ?? null,
    strict: values.strict!,
    weights: parseWeights(values.weights),
    burstEvery,
    timerEvery,
    build: !values['no-build'],
  };
}

const log = (line: string) => console.log(line);

/** The demo brand's products a brand-new member can see and buy, topped up; their ids. */
async function prepareProducts(db: any): Promise<string[]> {
  const products = await readAll<any>(db, 'products', { status: 'on_sale' });
  for (const p of products)
    if (p.stock < PRODUCT_STOCK)
      await db
        .collection('products')
        .doc(p._id)
        .update({ data: { stock: PRODUCT_STOCK } });
  const buyable = products.filter((p) => p.memberOnlyFromTier === null || p.memberOnlyFromTier === 'member').map((p) => p._id as string);
  if (buyable.length === 0) throw new Error('the demo brand has no product a new member can buy');
  return buyable.sort();
}

/** The reward the redemption bursts go for, created by staff through the admin function. */
async function createHotReward(client: SoakClient, staff: Session): Promise<string> {
  const saved = await client.call<{ reward: { _id: string } }>(staff, 'admin', 'saveReward', {
    title: '压测爆款 满59减5元券',
    description: 'soak: everyone redeems this one at once',
    kind: 'coupon',
    pointsCost: 100,
    image: null,
    coupon: { valueFen: 500, minSpendFen: 5900, validDays: 30 },
    minTier: null,
    stock: HOT_REWARD_STOCK,
    sort: 0,
  });
  if (!saved.ok) throw new Error(`admin.saveReward for the hot reward: ${saved.outcome}`);
  return saved.data.reward._id;
}

async function main(): Promise<number> {
  const o = options();
  const machine = { cores: cpus().length, loadAvg: loadavg().map((x) => Number(x.toFixed(2))), node: process.version };
  log(`soak: levels ${o.members.join(', ')} members × ${o.seconds} s, seed ${o.seed}; ${machine.cores} cores, load ${machine.loadAvg.join(' ')}`);
  if (o.build) {
    const built = await buildFunctions();
    log(`built ${built.length} functions`);
  }
  const logFile = join(ROOT, '.data', 'soak', 'emulator.log');
  let emu: ChildEmulator | null = null;
  const interrupted = async (signal: string) => {
    log(`\n${signal}: stopping the emulator`);
    await emu?.stop();
    process.exit(130);
  };
  process.once('SIGINT', () => void interrupted('SIGINT'));
  process.once('SIGTERM', () => void interrupted('SIGTERM'));
  try {
    emu = await startChildEmulator(logFile);
    log(`emulator pid ${emu.pid} at ${emu.url} (log: ${logFile})`);
    Object.assign(process.env, emu.env);
    const cloud = loadSdk();
    const db = cloud.database();
    const seeded = await seedDemo(cloud);
    log(
      `seeded the demo brand: ${Object.entries(seeded.created)
        .map(([c, n]) => `${n} ${c}`)
        .join(', ')}`,
    );

    const setup = new SoakClient(emu.url, new Recorder());
    const staff = await setup.login(DEMO_ADMIN_OPENID);
    if (!staff || !(await setup.call(staff, 'member', 'open')).ok) throw new Error('the demo admin could not log in');
    const products = await prepareProducts(db);
    const hotRewardId = await createHotReward(setup, staff);
    const rewardIds = (await readAll<any>(db, 'rewards')).map((r) => r._id as string);
    const baseline = await readBaseline(db, rewardIds);
    log(
      `products ${products.join(', ')} (stock ${PRODUCT_STOCK.toLocaleString()} each); hot reward ${hotRewardId} (stock ${HOT_REWARD_STOCK.toLocaleString()})`,
    );

    const soakMembers = new Set<string>();
    const timedOutRedeems: TimedOutRedeem[] = [];
    const levels: LevelReport[] = [];
    for (const [levelIndex, members] of o.members.entries()) {
      log(`\nlevel ${levelIndex + 1}/${o.members.length}: ${members} members for ${o.seconds} s`);
      const report = await runLevel({
        baseUrl: emu.url,
        members,
        seconds: o.seconds,
        seed: o.seed,
        levelIndex,
        weights: o.weights,
        burstEverySeconds: o.burstEvery,
        timerEverySeconds: o.timerEvery,
        pointsEach: POINTS_EACH,
        staff,
        products,
        hotRewardId,
        soakMembers,
        timedOutRedeems,
        log,
      });
      levels.push(report);
      log(renderLevel(report));
    }

    log('\ndraining: order events, expiry, referral confirmations');
    const drainRecorder = new Recorder();
    const drainNotes = await drain(emu.url, db, new SoakClient(emu.url, drainRecorder));
    for (const n of drainNotes) log(`  ${n}`);
    if (drainRecorder.errors) log(`  drain errors: ${JSON.stringify(drainRecorder.errorSamples)}`);

    const retries = await retryTimedOut(db, new SoakClient(emu.url, drainRecorder), timedOutRedeems);
    if (retries.length > 0) {
      const applied = retries.filter((r) => r.appliedBefore).length;
      const replayed = retries.filter((r) => r.retry.replayed === true).length;
      log(
        `  ${retries.length} redemptions hit the time limit; ${applied} had spent the points and issued the coupon anyway; the retry (same requestId) answered replayed ${replayed}, redeemed now ${retries.filter((r) => r.retry.replayed === false).length}, refused or failed ${retries.filter((r) => r.retry.replayed === null).length}`,
      );
    }

    const world = await readWorld(db, emu.url, soakMembers);
    const invariants: InvariantResult[] = [...checkAll(world, baseline), checkConvergence(retries)];
    const targets = evaluateTargets(levels, invariants);

    log('\n== summary');
    log(renderSummary(levels));
    log('\n== invariants (after the drain)');
    log(renderInvariants(invariants));
    log('\n== targets (issue 11)');
    log(renderTargets(targets, levels));

    if (o.json) {
      const doc = {
        at: new Date().toISOString(),
        machine,
        options: o,
        timers: TIMER_TRIGGERS,
        levels,
        throughputRatio: targets.throughputRatio,
        targets,
        drain: { notes: drainNotes, errors: drainRecorder.errors, errorSamples: drainRecorder.errorSamples, actions: drainRecorder.byAction() },
        timedOutRedemptions: retries,
        invariants,
        counts: {
          soakMembers: soakMembers.size,
          orders: world.orders.filter((x) => soakMembers.has(x.memberId)).length,
          conversions: world.conversions.length,
        },
      };
      writeFileSync(o.json, `${JSON.stringify(doc, null, 2)}\n`);
      log(`\nwrote ${o.json}`);
    }
    if (!targets.invariantsOk) return 1;
    if (o.strict && targets.missed.length > 0) {
      log(`\n--strict: ${targets.missed.join('; ')}`);
      return 1;
    }
    return 0;
  } finally {
    await emu?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`soak failed: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
