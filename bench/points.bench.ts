/**
 * npm run bench:points — deterministic counts for the points ledger, through the built functions
 * and the real SDK on an in-memory emulator:
 *  - database round trips (SDK requests) to read a balance, with 10 and with 100,000 ledger entries;
 *  - round trips and writes for one credit and one spend (the bar: one transaction, at most 3 writes);
 *  - round trips for a redemption (one transaction) and its replay (no write, no transaction);
 *  - documents written per operation (no hot document shared by members).
 * Counts, not timings: they are the same on any machine.
 */
import { join } from 'node:path';
import { startEmulator } from '../emulator';
import type { Database } from '../core/platform/database';
import { changePoints, expiryFromNow } from '../core/points/points.usecases';
import { buildFunctions } from '../scripts/build-functions';

const root = join(__dirname, '..');

async function main() {
  await buildFunctions();
  const emu = await startEmulator({
    dataDir: null,
    functionsDir: join(root, 'build', 'cloudfunctions'),
    indexes: join(root, 'cloudfunctions', 'indexes.json'),
    timers: false,
  });
  const cloud = require('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  const db = cloud.database() as Database;
  const call = async (fn: string, openid: string, event: Record<string, unknown>) => (await emu.invoke(fn, event, { OPENID: openid })).result as any;
  const measure = async (op: () => Promise<unknown>) => {
    const before = { ...emu.requestCounts };
    const statements = emu.db.store.statements;
    await op();
    const diff: Record<string, number> = {};
    for (const [k, v] of Object.entries(emu.requestCounts)) if (v - (before[k] ?? 0) > 0) diff[k.replace('database.', '')] = v - (before[k] ?? 0);
    const requests = Object.values(diff).reduce((a, b) => a + b, 0);
    const writes = (diff.modifyDocument ?? 0) + (diff.insertDocument ?? 0) + (diff.removeDocument ?? 0);
    return { requests, writes, byAction: diff, sqliteStatements: emu.db.store.statements - statements };
  };

  await cloud
    .database()
    .collection('staff')
    .doc('bench-admin')
    .set({ data: { role: 'admin', grantedBy: 'bench', grantedAt: new Date() } });
  await call('member', 'bench-admin', { action: 'open' });
  const saved = await call('admin', 'bench-admin', {
    action: 'saveReward',
    title: '基准券',
    description: '基准',
    kind: 'coupon',
    pointsCost: 10,
    stock: 100,
    coupon: { valueFen: 500, minSpendFen: 0, validDays: 30 },
  });
  if (!saved.ok) throw new Error(`could not create the bench reward: ${JSON.stringify(saved.error)}`);
  const rewardId: string = saved.data.reward?._id ?? saved.data.rewardId ?? saved.data._id;
  const rows: Array<[string, Awaited<ReturnType<typeof measure>>]> = [];
  for (const [name, entries] of [
    ['small', 10],
    ['large', 100_000],
  ] as const) {
    const openid = `bench-${name}`;
    await call('member', openid, { action: 'open' });
    for (let i = 0; i < 10; i++)
      await changePoints(db, { kind: 'earn', memberId: openid, sourceKey: `seed:${i}:earn`, amount: 10, reason: '基准', expiresAt: expiryFromNow() });
    if (entries > 10) {
      // History straight into the store: the bench is about reading, not about writing 100k entries.
      const at = new Date();
      emu.db.store.apply(
        Array.from({ length: entries - 10 }, (_v, i) => ({
          collection: 'points_entries',
          id: `history:${i}`,
          doc: {
            _id: `history:${i}`,
            memberId: openid,
            kind: 'earn',
            delta: 0,
            debtDelta: 0,
            balanceAfter: 100,
            debtAfter: 0,
            reason: '历史',
            lots: [],
            createdAt: at,
          },
          create: true,
        })),
      );
    }
    rows.push([`balance read, ${entries.toLocaleString()} entries (points.summary)`, await measure(() => call('points', openid, { action: 'summary' }))]);
    rows.push([`member open, ${entries.toLocaleString()} entries (member.open)`, await measure(() => call('member', openid, { action: 'open' }))]);
    rows.push([
      `member centre, ${entries.toLocaleString()} entries (member.centre, 1 call)`,
      await measure(() => call('member', openid, { action: 'centre' })),
    ]);
  }
  rows.push([
    'credit (earn, one transaction)',
    await measure(() =>
      changePoints(db, { kind: 'earn', memberId: 'bench-small', sourceKey: 'bench:credit', amount: 50, reason: '基准', expiresAt: expiryFromNow() }),
    ),
  ]);
  rows.push([
    'credit replayed (same source key)',
    await measure(() =>
      changePoints(db, { kind: 'earn', memberId: 'bench-small', sourceKey: 'bench:credit', amount: 50, reason: '基准', expiresAt: expiryFromNow() }),
    ),
  ]);
  rows.push([
    'spend (one transaction)',
    await measure(() => changePoints(db, { kind: 'spend', memberId: 'bench-small', sourceKey: 'bench:spend', amount: 30, reason: '基准' })),
  ]);

  await call('member', 'bench-small', { action: 'join', agreeTerms: true });
  rows.push([
    'redeem a coupon reward (points.redeem, one transaction)',
    await measure(() => call('points', 'bench-small', { action: 'redeem', rewardId, requestId: 'bench-request-1' })),
  ]);
  rows.push([
    'redeem replayed (same requestId)',
    await measure(() => call('points', 'bench-small', { action: 'redeem', rewardId, requestId: 'bench-request-1' })),
  ]);
  console.log('Points ledger: database round trips per operation (SDK requests to the emulator)\n');
  console.log(`${'operation'.padEnd(58)} ${'requests'.padStart(8)} ${'writes'.padStart(6)}  by action`);
  for (const [name, m] of rows)
    console.log(`${name.padEnd(58)} ${String(m.requests).padStart(8)} ${String(m.writes).padStart(6)}  ${JSON.stringify(m.byAction)}`);
  const small = rows[0][1];
  const large = rows[3][1];
  const centreSmall = rows[2][1];
  const centreLarge = rows[5][1];
  const credit = rows[6][1];
  const same = small.requests === large.requests && small.sqliteStatements === large.sqliteStatements;
  console.log(
    `\nbalance read cost with 10 vs 100,000 entries: ${small.requests} vs ${large.requests} requests, ${small.sqliteStatements} vs ${large.sqliteStatements} SQLite statements -> ${same ? 'the same' : 'DIFFERENT'}`,
  );
  console.log(`member centre with 10 vs 100,000 entries: ${centreSmall.requests} vs ${centreLarge.requests} requests in 1 function call`);
  const redeem = rows[rows.length - 2][1];
  const replay = rows[rows.length - 1][1];
  // Since issue 11 the unit is taken outside the transaction (so redemptions of one reward never
  // conflict) and one member's redemptions take turns: 2 more round trips than one transaction doing everything.
  console.log(
    `redeem: ${redeem.requests} requests, ${redeem.writes} writes, ${redeem.byAction.startTransaction ?? 0} transaction(s): 5 plain reads at once (request record, member, reward, wallet, the reward's shards); ` +
      `the unit taken and the member's lane (2 conditional updates, no transaction); the transaction (request record, ledger entry, member, wallet read; wallet, balance, entry, coupon, redemption written); the hold settled (1 conditional update)`,
  );
  console.log(`redeem replayed: ${replay.requests} requests, ${replay.writes} writes, ${replay.byAction.startTransaction ?? 0} transactions`);
  console.log(`credit: ${credit.writes} writes in ${credit.byAction.startTransaction ?? 0} transaction (bar: at most 3)`);
  await emu.close();
  // A replay changes nothing and runs no transaction.
  const replayWritesNothing = replay.writes === 0 && (replay.byAction.startTransaction ?? 0) === 0;
  process.exit(
    same && centreSmall.requests === centreLarge.requests && credit.writes <= 3 && (redeem.byAction.startTransaction ?? 0) === 1 && replayWritesNothing ? 0 : 1,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
