/**
 * The demo brand's orders, refunds, referrals and perks, seeded as `npm start` does, read the same
 * from every side: the KOC's influence and the leaderboard agree with his tier, the nightly ladder
 * keeps everyone where the seed put them, staff find the open refund, and members see the perks.
 */
import { drawResult } from '../../core/draws/draw-fairness.rules';
import { DEMO_DRAWS } from '../../scripts/seed/seed-draws';
import { DEMO_POSTS } from '../../scripts/seed/seed-feedback';
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

test('the demo holds one drawn draw whose proof verifies, one open and one upcoming; a second seed changes nothing', async () => {
  const list = await p.call('draws', 'demo-member', { action: 'list' });
  expect(list.data.draws.map((d: any) => d.phase).sort()).toEqual(['drawn', 'open', 'upcoming']);
  const drawn = DEMO_DRAWS[0];
  const proof = (await p.call('draws', 'demo-koc', { action: 'proof', drawId: drawn._id })).data.proof;
  const entries = (await p.call('draws', 'demo-koc', { action: 'proofEntries', drawId: drawn._id })).data.entryIds;
  expect(entries).toHaveLength(drawn.entrants.length);
  const again = drawResult(proof.seed, entries, drawn.units, drawn.waitlistLength);
  expect({ digest: proof.digest, finalSeed: proof.finalSeed, winners: proof.winners, waitlist: proof.waitlist }).toEqual(again);
  const orders = p.emu.db.find({ collection: 'orders', query: { 'source.id': drawn._id }, limit: 100 }) as any[];
  expect(orders).toHaveLength(drawn.units);
  expect(orders.every((o) => o.status === 'pending_payment')).toBe(true);
  // The demo's seed is fixed (a real draw's is random): three other members won, 阿杰 is first on the waitlist.
  expect(orders.map((o) => o.memberId).sort()).toEqual(['demo-m09', 'demo-m10', 'demo-m11']);
  const koc = (await p.call('draws', 'demo-koc', { action: 'mine' })).data.entries;
  expect(koc.find((e: any) => e.drawId === drawn._id)).toMatchObject({ state: 'waitlist', waitlistPlace: 1 });

  const before = p.emu.db.count('draw_entries', {});

  await seedDemo(require('wx-server-sdk'));
  expect(p.emu.db.count('draw_entries', {})).toBe(before);
  expect(p.emu.db.count('orders', { 'source.id': drawn._id })).toBe(drawn.units);
});

test('the complaint center: a living board, one post in the queue, one rejected, counts that match their votes', async () => {
  const board = await p.call('feedback', 'demo-member', { action: 'list', sort: 'votes' });
  const published = DEMO_POSTS.filter((d) => d.review === 'published');
  expect(board.data.posts.map((x: any) => x.id)).toEqual(expect.arrayContaining(published.map((d) => d.id)));
  expect(new Set(board.data.posts.map((x: any) => x.status)).size).toBeGreaterThanOrEqual(5);
  for (const post of board.data.posts) expect(post.votes).toBe(p.emu.db.count('feedback_votes', { postId: post.id, on: true }));
  // The job's recount agrees with what the seed wrote.
  const at = new Date(p.emu.clock.now()).toISOString();
  await p.emu.invoke('jobs', { Type: 'Timer', TriggerName: 'feedback', Time: at, Message: '' }, { OPENID: '', SOURCE: 'wx_trigger' });
  const again = await p.call('feedback', 'demo-member', { action: 'list', sort: 'votes' });
  expect(again.data.posts.map((x: any) => [x.id, x.votes])).toEqual(board.data.posts.map((x: any) => [x.id, x.votes]));

  const queue = await p.call('admin', 'demo-moderator', { action: 'feedbackQueue' });
  expect(queue.data.waiting).toBe(1);
  expect(queue.data.posts[0].text).toContain('杯盖');
  const rejected = DEMO_POSTS.find((d) => d.review === 'rejected')!;
  expect((await p.call('feedback', rejected.author, { action: 'detail', postId: rejected.id })).data.post).toMatchObject({
    reviewName: '未通过',
    reviewReason: '含有广告或联系方式',
  });
  expect((await p.call('feedback', 'demo-member', { action: 'detail', postId: rejected.id })).error.code).toBe('NOT_FOUND');

  // The rewarded idea's points are in its author's ledger, once, by the key staff rewarding uses.
  const rewarded = DEMO_POSTS.find((d) => d.reward)!;
  expect(p.emu.db.count('points_entries', { _id: `feedback:${rewarded.id}:reward`, memberId: rewarded.author })).toBe(1);
  await seedDemo(require('wx-server-sdk'));
  expect(p.emu.db.count('points_entries', { _id: `feedback:${rewarded.id}:reward` })).toBe(1);
  expect(p.emu.db.count('feedback_votes', {})).toBe(DEMO_POSTS.reduce((n, d) => n + d.voters.length, 0));
});
