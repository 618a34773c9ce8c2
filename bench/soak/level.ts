/**
 * One concurrency level: N fresh members (set up outside the timed part: logged in, joined, given
 * points by staff) run weighted journeys for M seconds, with the two hot spots of issue 11 as
 * bursts (many members redeeming the SAME reward at once; many friends of ONE popular sharer
 * paying at once) and the jobs function's timers fired every few seconds. The emulator's own
 * counters (GET /control/stats) are read before and after, so database calls, transactions and
 * time-limit hits are this level's alone.
 */
import { control, SoakClient, type Session } from './gateway-client';
import {
  confirmPaid,
  createOrder,
  pickWeighted,
  redeemHot,
  rng,
  runJourney,
  startPayment,
  visit,
  type Actor,
  type LevelWorld,
  type ShareCard,
  type TimedOutRedeem,
  type Weights,
} from './journeys';
import { JourneyCounter, Recorder, type ActionReport, type ErrorSample } from './metrics';

export const TIMER_TRIGGERS = ['order-events', 'orders-expire', 'referral-confirm', 'reward-holds'] as const;
/** How long a burst waits for its members to gather before it goes anyway. */
const GATHER_MS = 3_000;
const SETUP_CONCURRENCY = 10;

export interface EmulatorStats {
  sqliteStatements: number;
  transactions: { started: number; committed: number; aborted: number; expired: number; conflicts: number; conflictsByCollection?: Record<string, number> };
  functions: Record<string, { invocations: number; timeouts: number; failures: number }>;
  requests: Record<string, number>;
}

export interface StatsDelta {
  dbRequests: number;
  dbRequestsByAction: Record<string, number>;
  sqliteStatements: number;
  transactions: Omit<EmulatorStats['transactions'], 'conflictsByCollection'> & { abortRatio: number; conflictsByCollection: Record<string, number> };
  functions: Record<string, { invocations: number; timeouts: number; failures: number }>;
  timeLimitHits: number;
}

export function statsDelta(before: EmulatorStats, after: EmulatorStats): StatsDelta {
  const dbRequestsByAction: Record<string, number> = {};
  for (const [k, v] of Object.entries(after.requests ?? {})) {
    const d = v - (before.requests?.[k] ?? 0);
    if (d > 0) dbRequestsByAction[k] = d;
  }
  const t = (k: 'started' | 'committed' | 'aborted' | 'expired' | 'conflicts') => (after.transactions?.[k] ?? 0) - (before.transactions?.[k] ?? 0);
  const conflictsByCollection: Record<string, number> = {};
  for (const [c, n] of Object.entries(after.transactions?.conflictsByCollection ?? {})) {
    const d = n - (before.transactions?.conflictsByCollection?.[c] ?? 0);
    if (d > 0) conflictsByCollection[c] = d;
  }
  const transactions = {
    started: t('started'),
    committed: t('committed'),
    aborted: t('aborted'),
    expired: t('expired'),
    conflicts: t('conflicts'),
    abortRatio: 0,
    conflictsByCollection,
  };
  transactions.abortRatio = transactions.started > 0 ? transactions.aborted / transactions.started : 0;
  const functions: StatsDelta['functions'] = {};
  for (const [name, s] of Object.entries(after.functions ?? {})) {
    const b = before.functions?.[name] ?? { invocations: 0, timeouts: 0, failures: 0 };
    const d = { invocations: s.invocations - b.invocations, timeouts: s.timeouts - b.timeouts, failures: s.failures - b.failures };
    if (d.invocations || d.timeouts || d.failures) functions[name] = d;
  }
  return {
    // Database round trips only: WeChat Pay and open API calls are counted in dbRequestsByAction too.
    dbRequests: Object.entries(dbRequestsByAction).reduce((a, [k, n]) => (k.startsWith('database.') ? a + n : a), 0),
    dbRequestsByAction,
    sqliteStatements: (after.sqliteStatements ?? 0) - (before.sqliteStatements ?? 0),
    transactions,
    functions,
    timeLimitHits: Object.values(functions).reduce((s, f) => s + f.timeouts, 0),
  };
}

export interface BurstReport {
  kind: 'redeem' | 'sharer';
  atS: number;
  participants: number;
  /** Members ready when it went (all of them, unless the gathering timed out). */
  ready: number;
  gatheredMs: number;
}

export interface LevelReport {
  members: number;
  seconds: number;
  elapsedS: number;
  journeys: { total: number; finished: number; failed: number; byKind: Record<string, { finished: number; failed: number }> };
  journeysPerS: number;
  calls: number;
  callsPerS: number;
  errors: number;
  actions: Record<string, ActionReport>;
  outcomes: Record<string, number>;
  dbCallsPerJourney: number;
  dbCallsPerS: number;
  emulator: StatsDelta;
  bursts: BurstReport[];
  errorSamples: ErrorSample[];
  setup: { members: number; errors: number; errorSamples: ErrorSample[] };
}

export interface LevelOptions {
  baseUrl: string;
  members: number;
  seconds: number;
  seed: number;
  levelIndex: number;
  weights: Weights;
  burstEverySeconds: number;
  timerEverySeconds: number;
  pointsEach: number;
  staff: Session;
  products: string[];
  hotRewardId: string;
  soakMembers: Set<string>;
  timedOutRedeems: TimedOutRedeem[];
  log: (line: string) => void;
}

class Burst {
  readonly startedAt = performance.now();
  participants = 0;
  ready = 0;
  released = false;
  gatheredMs = 0;
  readonly gate: Promise<void>;
  private open!: () => void;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly id: number,
    readonly kind: 'redeem' | 'sharer',
    readonly atS: number,
    private readonly expected: number,
  ) {
    this.gate = new Promise((resolve) => (this.open = resolve));
    this.timer = setTimeout(() => this.release(), GATHER_MS);
  }

  readyOne(): void {
    this.ready++;
    if (this.ready >= this.expected) this.release();
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.gatheredMs = performance.now() - this.startedAt;
    clearTimeout(this.timer);
    this.open();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** Runs `work` over `items` with at most `limit` at a time. */
export async function pool<T>(items: readonly T[], limit: number, work: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) await work(items[i], i);
    }),
  );
}

export async function runLevel(o: LevelOptions): Promise<LevelReport> {
  let requestSeq = 0;
  const requestPrefix = `soak${o.seed}L${o.levelIndex}`;
  const nextRequestId = () => `${requestPrefix}-${(requestSeq++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

  // ---- setup (not timed): fresh members, points from staff, a popular sharer with a card.
  const setupRecorder = new Recorder();
  const setupClient = new SoakClient(o.baseUrl, setupRecorder);
  const newMember = async (): Promise<Session | null> => {
    const s = await setupClient.login();
    if (!s) return null;
    o.soakMembers.add(s.openid);
    if (!(await setupClient.call(s, 'member', 'open')).ok) return null;
    if (!(await setupClient.call(s, 'member', 'join', { agreeTerms: true })).ok) return null;
    return s;
  };
  const actors: Actor[] = [];
  await pool(
    Array.from({ length: o.members }, (_v, i) => i),
    SETUP_CONCURRENCY,
    async (i) => {
      const s = await newMember();
      if (!s) return;
      const credited = await setupClient.call(o.staff, 'admin', 'adjustPoints', {
        openid: s.openid,
        amount: o.pointsEach,
        reason: '压测积分',
        requestId: nextRequestId(),
      });
      if (!credited.ok) return;
      actors.push({ index: i, session: s, random: rng(o.seed * 1_000_003 + o.levelIndex * 10_007 + i), paid: [], lastBurst: -1 });
    },
  );
  const starSession = await newMember();
  if (!starSession) throw new Error(`level ${o.members}: the popular sharer could not join: ${JSON.stringify(setupRecorder.errorSamples)}`);
  const starProduct = o.products[0];
  const starShare = await setupClient.call<{ code: string }>(starSession, 'referral', 'share', {
    targetType: 'product',
    targetId: starProduct,
    channel: 'chat',
  });
  if (!starShare.ok) throw new Error(`level ${o.members}: the popular sharer could not share: ${starShare.outcome}`);
  const starCard: ShareCard = { code: starShare.data.code, sharer: starSession.openid, productId: starProduct };
  actors.sort((a, b) => a.index - b.index);
  o.log(`  level ${o.members}: ${actors.length} members ready (setup errors: ${setupRecorder.errors})`);

  // ---- the timed part
  const recorder = new Recorder();
  const client = new SoakClient(o.baseUrl, recorder);
  const world: LevelWorld = {
    client,
    staff: o.staff,
    products: o.products,
    cards: [],
    star: { session: starSession, card: starCard },
    hotRewardId: o.hotRewardId,
    soakMembers: o.soakMembers,
    timedOutRedeems: o.timedOutRedeems,
    nextRequestId,
  };
  const journeys = new JourneyCounter();
  const before = await control<EmulatorStats>(o.baseUrl, 'GET', '/control/stats');
  const started = performance.now();
  const deadline = started + o.seconds * 1000;
  const bursts: Burst[] = [];
  let current: Burst | null = null;

  const burstTimers: NodeJS.Timeout[] = [];
  for (let k = 0; (k + 0.5) * o.burstEverySeconds < o.seconds - 1; k++) {
    const atS = (k + 0.5) * o.burstEverySeconds;
    const kind = k % 2 === 0 ? 'redeem' : 'sharer';
    burstTimers.push(
      setTimeout(() => {
        current = new Burst(k, kind, atS, actors.length);
        bursts.push(current);
      }, atS * 1000),
    );
  }

  const joinBurst = async (b: Burst, a: Actor): Promise<boolean> => {
    b.participants++;
    if (b.kind === 'redeem') {
      b.readyOne();
      await b.gate;
      return redeemHot(world, a, '@burst');
    }
    // Friends of the popular sharer: open the card, order what it shows, start paying; then all pay at once.
    let prepared: { orderId: string; outTradeNo: string } | null = null;
    let failed = false;
    if (await visit(world, a, starCard, '@burst')) {
      const created = await createOrder(world, a, starCard.productId, '@burst');
      if (created.ok) {
        const payStart = await startPayment(world, a, created.data.order._id, '@burst');
        if (payStart.ok) prepared = { orderId: created.data.order._id, outTradeNo: payStart.data.outTradeNo };
        else failed = payStart.error;
      } else failed = created.error;
    } else failed = true;
    b.readyOne();
    if (!prepared) return !failed;
    await b.gate;
    return confirmPaid(world, a, prepared.orderId, prepared.outTradeNo, '@burst');
  };

  const member = async (a: Actor) => {
    while (performance.now() < deadline) {
      const b = current;
      if (b && !b.released && a.lastBurst < b.id) {
        a.lastBurst = b.id;
        journeys.add(`burst-${b.kind}`, await joinBurst(b, a));
        continue;
      }
      const r = await runJourney(pickWeighted(o.weights, a.random()), world, a);
      journeys.add(r.ran, r.ok);
    }
  };

  const timers = async () => {
    for (;;) {
      await sleep(Math.min(o.timerEverySeconds * 1000, deadline - performance.now()));
      if (performance.now() >= deadline) return;
      for (const trigger of TIMER_TRIGGERS) await client.fireTimer(trigger);
    }
  };

  await Promise.all([...actors.map(member), timers()]);
  for (const t of burstTimers) clearTimeout(t);
  for (const b of bursts) b.release();
  const elapsedS = (performance.now() - started) / 1000;
  const after = await control<EmulatorStats>(o.baseUrl, 'GET', '/control/stats');
  const emulator = statsDelta(before, after);

  const byKind: LevelReport['journeys']['byKind'] = {};
  for (const [k, n] of journeys.finished) (byKind[k] ??= { finished: 0, failed: 0 }).finished = n;
  for (const [k, n] of journeys.failed) (byKind[k] ??= { finished: 0, failed: 0 }).failed = n;
  return {
    members: actors.length,
    seconds: o.seconds,
    elapsedS,
    journeys: { total: journeys.total, finished: journeys.ok, failed: journeys.total - journeys.ok, byKind },
    journeysPerS: journeys.ok / elapsedS,
    calls: recorder.calls,
    callsPerS: recorder.calls / elapsedS,
    errors: recorder.errors,
    actions: recorder.byAction(),
    outcomes: recorder.totals(),
    dbCallsPerJourney: journeys.total > 0 ? emulator.dbRequests / journeys.total : 0,
    dbCallsPerS: emulator.dbRequests / elapsedS,
    emulator,
    bursts: bursts.map((b) => ({ kind: b.kind, atS: b.atS, participants: b.participants, ready: b.ready, gatheredMs: Math.round(b.gatheredMs) })),
    errorSamples: recorder.errorSamples,
    setup: { members: actors.length, errors: setupRecorder.errors, errorSamples: setupRecorder.errorSamples },
  };
}
