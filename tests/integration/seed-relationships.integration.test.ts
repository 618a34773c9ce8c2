/**
 * The demo brand's orders, refunds, referrals and perks, seeded as `npm start` does, read the same
 * from every side: the KOC's influence and the leaderboard agree with his tier, the nightly ladder
 * keeps everyone where the seed put them, staff find the open refund, and members see the perks.
 */
import { seedDemo } from '../../scripts/seed/seed-demo';
import { startProductEmulator, type ProductEmulator } from './product-emulator';

let p: ProductEmulator;
beforeAll(async () => {
  p = await startProductEmulator({ FLYWHEEL_BOOTSTRAP_ADMINS: 'demo-admin' });
  await seedDemo(require('wx-server-sdk'));
}, 30_000);
afterAll(() => p.emu.close());

const tiers = () => Object.fromEntries((p.emu.db.find({ collection: 'members', query: {}, limit: 1000 }) as any[]).map((m) => [m._id, m.tier]));

test('阿杰 (品牌KOC) sees the friend who joined through his card and her confirmed purchase', async () => {
  const influence = await p.call('referral', 'demo-koc', { action: 'influence' });
  expect(influence).toMatchObject({
    ok: true,
    data: { friendsJoined: 1, purchases: { confirmed: { count: 1 }, pending: { count: 0 } }, koc: { isKoc: true } },
  });
  expect(influence.data.friends[0].nickname).toBe('晴*');
  const board = await p.call('admin', 'demo-admin', { action: 'kocLeaderboard', days: 90 });
  expect(board.data.rows[0]).toMatchObject({ memberId: 'demo-koc', friends: 1, conversions: 1 });
});

test('the nightly ladder keeps every seeded member on the seeded step', async () => {
  const before = tiers();
  const at = new Date(p.emu.clock.now()).toISOString();
  const run = (await p.emu.invoke('jobs', { Type: 'Timer', TriggerName: 'ladder-nightly', Time: at, Message: '' }, { OPENID: '', SOURCE: 'wx_trigger' }))
    .result as any;
  expect(run.ok).toBe(true);
  expect(tiers()).toEqual(before);
});

test('staff find the repeat buyer’s open refund; members see their orders and the perks', async () => {
  const queue = await p.call('admin', 'demo-admin', { action: 'refundQueue', status: 'requested' });
  expect(queue.data.refunds).toEqual([expect.objectContaining({ memberId: 'demo-repeat', status: 'requested' })]);
  const orders = await p.call('shop', 'demo-repeat', { action: 'myOrders', filter: 'all' });
  expect(orders.data.orders).toHaveLength(3);
  expect(orders.data.orders[0]).toMatchObject({ statusText: '退款审核中' });
  const perks = await p.call('perks', 'demo-member', { action: 'list' });
  expect(perks.data.perks.map((x: any) => x._id)).toEqual(['perk-invite-1', 'perk-brew-notes']);
});
