/**
 * Draw entries through the built functions and the real SDK on an in-memory emulator:
 *  - database round trips and writes for one entry, a doubled tap (refused by the database), and a
 *    refused entry (not eligible: nothing written);
 *  - a burst of members entering at once (BENCH_ENTRANTS, default 10,000, in batches of 250 with 30%
 *    doubled): writes to any one document (target: each entry's own, once; nothing shared), and
 *    entries per second through the real SDK (a throughput on this machine, reported, not asserted);
 *  - the drawing job over those entries: round trips and writes.
 * Exits 1 when an entry takes more than one write or any document other than an entry is written
 * during the burst.
 */
import { printRows, startBench, type Measured } from '../bench-harness';

const ENTRANTS = Number(process.env.BENCH_ENTRANTS ?? 10_000);
const BATCH = 250;
const HOUR = 3_600_000;

export async function entriesBench(): Promise<boolean> {
  const { emu, db, call, measure, writesByDoc } = await startBench();
  const admin = 'bench-admin';
  await db
    .collection('staff')
    .doc(admin)
    .set({ data: { role: 'admin', grantedBy: 'bench', grantedAt: new Date() } });
  const joinedAt = new Date(emu.clock.now() - 400 * 24 * HOUR);
  const member = (id: string, tier = 'member') => ({
    nickname: id,
    avatarUrl: '',
    tier,
    points: 0,
    joinedAt,
    phone: null,
    termsVersion: '2026-11',
    createdAt: joinedAt,
    updatedAt: joinedAt,
  });
  await db
    .collection('members')
    .doc(admin)
    .set({ data: member(admin) });
  await db
    .collection('products')
    .doc('bench-kettle')
    .set({
      data: {
        name: '限量手冲壶',
        subtitle: '',
        category: '器具',
        images: [],
        listPriceFen: 59900,
        channelPrices: [],
        memberPrices: { member: 55900, buyer: 54900, repeat_buyer: 53900, koc: 52900 },
        stock: 1000,
        memberOnlyFromTier: null,
        status: 'on_sale',
        sort: 1,
      },
    });
  const t = emu.clock.now();
  const create = (over: Record<string, unknown>) =>
    call('admin', admin, {
      action: 'createDraw',
      productId: 'bench-kettle',
      title: '限量手冲壶',
      units: 100,
      waitlistLength: 100,
      minTier: 'member',
      minMemberDays: 0,
      purchaseHours: 24,
      opensAt: new Date(t).toISOString(),
      closesAt: new Date(t + HOUR).toISOString(),
      drawAt: new Date(t + HOUR).toISOString(),
      ...over,
    });
  const { draw } = await create({});
  const { draw: forKocs } = await create({ minTier: 'koc', units: 1, waitlistLength: 0 });

  const ids = Array.from({ length: ENTRANTS }, (_v, i) => `bench-m-${String(i).padStart(6, '0')}`);
  for (let i = 0; i < ids.length; i += 500)
    await Promise.all(
      ids.slice(i, i + 500).map((id) =>
        db
          .collection('members')
          .doc(id)
          .set({ data: member(id) }),
      ),
    );

  const enter = (id: string, drawId = draw.id) => emu.invoke('draws', { action: 'enter', drawId, notify: true }, { OPENID: id }).then((r) => r.result as any);
  const rows: Array<[string, Measured<unknown>]> = [];
  const one = await measure(() => enter('bench-first'));
  rows.push(['enter (not a member yet: refused, nothing written)', one]);
  await db
    .collection('members')
    .doc('bench-first')
    .set({ data: member('bench-first') });
  const entered = await measure(() => enter('bench-first'));
  rows.push(['enter (one entry)', entered]);
  rows.push(['enter again (the database refuses the same id)', await measure(() => enter('bench-first'))]);
  rows.push(['enter a draw for 品牌KOC as 未购会员 (refused, in words)', await measure(() => enter('bench-first', forKocs.id))]);
  printRows('Draw entries: database round trips and writes per call', rows, 58);

  writesByDoc.clear();
  const started = Date.now();
  let answers = 0;
  const codes = new Map<string, number>();
  const burst = await measure(async () => {
    for (let i = 0; i < ids.length; i += BATCH) {
      const calls = ids.slice(i, i + BATCH).flatMap((id, k) => ((i + k) % 10 < 3 ? [enter(id), enter(id)] : [enter(id)]));
      for (const r of await Promise.all(calls)) {
        answers++;
        const code = r.ok ? 'ok' : r.error.code;
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    }
  });
  const seconds = (Date.now() - started) / 1000;
  const docs = [...writesByDoc.entries()];
  const shared = docs.filter(([doc]) => !doc.startsWith('draw_entries/'));
  const mostWrites = Math.max(...docs.map(([, n]) => n));
  console.log(
    `\n${ENTRANTS.toLocaleString()} members enter at once (${answers.toLocaleString()} calls, 30% doubled): ${JSON.stringify(Object.fromEntries(codes))}`,
  );
  console.log(
    `  round trips ${burst.requests.toLocaleString()} (${(burst.requests / answers).toFixed(2)} per call), rows written ${burst.writes.toLocaleString()} (${(burst.writes / ENTRANTS).toFixed(2)} per entrant)`,
  );
  console.log(
    `  documents written ${docs.length.toLocaleString()}, at most ${mostWrites} write(s) to one; documents other than entries written: ${shared.length}`,
  );
  console.log(
    `  throughput through the real SDK on this machine: ${Math.round(answers / seconds).toLocaleString()} calls/s, ${Math.round(ENTRANTS / seconds).toLocaleString()} entries/s`,
  );

  emu.clock.advance(HOUR + 61_000);
  const drawing = await measure(() =>
    emu.invoke(
      'jobs',
      { Type: 'Timer', TriggerName: 'draws', Time: new Date(emu.clock.now()).toISOString(), Message: '' },
      { OPENID: '', SOURCE: 'wx_trigger' },
    ),
  );
  printRows(
    `\nDrawing ${(ENTRANTS + 1).toLocaleString()} entries (100 winners with orders, 100 on the waitlist), one timer run`,
    [['draws timer', drawing]],
    58,
  );
  const status = ((await db.collection('draws').doc(draw.id).get()) as any).data.status;
  await emu.close();

  const ok = entered.writes === 1 && shared.length === 0 && mostWrites === 1 && codes.get('ok') === ENTRANTS && status === 'drawn';
  console.log(`\n${ok ? 'PASS' : 'FAIL'}: one write per entry, nothing shared written, every member entered once, the draw drawn (${status})`);
  return ok;
}

if (require.main === module) {
  entriesBench().then(
    (ok) => process.exit(ok ? 0 : 1),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
