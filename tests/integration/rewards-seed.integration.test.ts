/**
 * The demo brand's rewards and persona points, seeded into the emulator as `npm start` does:
 * the catalog reads right for each persona and a persona can redeem straight away.
 */
import { seedDemo } from '../../scripts/seed/seed-demo';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { all, expectMemberConsistent, expectStockConsistent } from './rewards-helpers';

let p: ProductEmulator;
beforeAll(async () => {
  p = await startProductEmulator();
  await seedDemo(require('wx-server-sdk'));
}, 30_000);
afterAll(() => p.emu.close());

const catalog = async (openid: string) =>
  Object.fromEntries((await p.call('points', openid, { action: 'rewards' })).data.rewards.map((r: any) => [r._id, r.unavailableReason]));

test('each persona sees what they may redeem and why not', async () => {
  expect(await catalog('demo-visitor')).toMatchObject({ 'r-coupon-10': '加入会员后可兑' });
  expect(await catalog('demo-member')).toEqual({
    'r-coupon-10': null,
    'r-coupon-20': null,
    'r-coupon-vip': '复购会员及以上可兑',
    'r-drip-bags': null,
    'r-mug': '已购会员及以上可兑',
    'r-geisha-taste': '品牌KOC专享',
    'r-coupon-flash': '已兑完',
  });
  expect(await catalog('demo-koc')).toMatchObject({ 'r-coupon-vip': null, 'r-mug': null, 'r-geisha-taste': null });
  const mug = (await p.call('points', 'demo-koc', { action: 'rewards' })).data.rewards.find((r: any) => r._id === 'r-mug');
  expect(mug.image).toMatch(/^cloud:\/\//);
});

test('personas hold points with some expiring soon, and can redeem at once', async () => {
  const summary = await p.call('points', 'demo-member', { action: 'summary' });
  expect(summary.data).toMatchObject({ balance: 300, expiringSoon: { total: 120 } });
  const res = await p.call('points', 'demo-member', { action: 'redeem', rewardId: 'r-coupon-10', requestId: 'seed-test-0001' });
  expect(res).toMatchObject({ ok: true, data: { balance: 100, coupon: { title: '满59减10元券', state: 'available' } } });
  expectMemberConsistent(p, 'demo-member');
  expectStockConsistent(p, 'r-coupon-10', 500);
});

test('seeding again changes nothing', async () => {
  const before = JSON.stringify([all(p, 'rewards'), all(p, 'reward_stock'), all(p, 'points_entries'), all(p, 'members', { _id: 'demo-koc' })]);
  const report = await seedDemo(require('wx-server-sdk'));
  expect(report.created.rewards ?? 0).toBe(0);
  expect(report.created.points_entries ?? 0).toBe(0);
  expect(JSON.stringify([all(p, 'rewards'), all(p, 'reward_stock'), all(p, 'points_entries'), all(p, 'members', { _id: 'demo-koc' })])).toBe(before);
});
