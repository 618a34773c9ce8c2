/**
 * Share-to-unlock through the emulator: a perk unlocks only when friends genuinely join (and buy,
 * when the perk says so) through the member's cards — opening a card is not enough — and
 * claiming it issues its coupon once.
 */
import type { Database } from '../../core/platform/database';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { memberWithPoints, sdkDb, staff } from './rewards-helpers';
import { beans, putProduct } from './shop-helpers';
import { admin, buyAndPay, PAY_ENV } from './orders-helpers';

let p: ProductEmulator;
let db: Database;
const ADMIN = 'o-perks-admin';
const MODERATOR = 'o-perks-mod';
let seq = 0;

const perks = (openid: string, event: Record<string, unknown>) => p.call('perks', openid, event);
const mine = async (openid: string, perkId: string) => ((await perks(openid, { action: 'list' })).data.perks as any[]).find((x) => x._id === perkId);

async function activePerk(extra: Record<string, unknown> = {}): Promise<string> {
  const saved = await admin(p, ADMIN, {
    action: 'savePerk',
    title: `好友福利 ${seq++}`,
    kind: 'coupon',
    requiredFriends: 1,
    engagement: 'join',
    coupon: { valueFen: 1000, minSpendFen: 5900, validDays: 30 },
    ...extra,
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  expect(saved.data.perk.status).toBe('inactive');
  expect((await admin(p, ADMIN, { action: 'setPerkStatus', perkId: saved.data.perk._id, status: 'active' })).ok).toBe(true);
  return saved.data.perk._id;
}

/** A brand-new person opens the sharer's invite card, and (unless told otherwise) joins. */
async function friendThrough(sharer: string, options: { join?: boolean; nickname?: string } = {}): Promise<string> {
  const friend = `o-perk-friend-${seq++}`;
  const share = await p.call('referral', sharer, { action: 'share', targetType: 'invite', channel: 'chat' });
  await p.call('member', friend, { action: 'open' });
  if (options.nickname)
    await db
      .collection('members')
      .doc(friend)
      .update({ data: { nickname: options.nickname } });
  expect(await p.call('referral', friend, { action: 'visit', code: share.data.code })).toMatchObject({ ok: true });
  if (options.join !== false) expect(await p.call('member', friend, { action: 'join', agreeTerms: true })).toMatchObject({ ok: true });
  return friend;
}

beforeAll(async () => {
  p = await startProductEmulator(PAY_ENV);
  db = sdkDb();
  await staff(db, ADMIN, 'admin');
  await staff(db, MODERATOR, 'moderator');
  await putProduct(db, 'p-perk', beans({ stock: 100 }));
});
afterAll(() => p.emu.close());

test('opening the card is not enough; a friend who joins unlocks it; claiming issues the coupon once', async () => {
  const sharer = `o-perk-sharer-${seq++}`;
  await memberWithPoints(db, sharer, 'member', 0);
  const perkId = await activePerk();
  expect(await mine(sharer, perkId)).toMatchObject({
    count: 0,
    remaining: 1,
    claimable: false,
    unlocked: false,
    rule: '邀请 1 位好友通过你的分享加入会员即可解锁（仅分享或打开不计入）',
  });

  await friendThrough(sharer, { join: false });
  expect(await mine(sharer, perkId)).toMatchObject({ count: 0, claimable: false });
  expect(await perks(sharer, { action: 'claim', perkId })).toMatchObject({ ok: false, error: { code: 'PERK_NOT_UNLOCKED', message: '还差 1 位好友即可解锁' } });

  await friendThrough(sharer, { nickname: '王小明' });
  const ready = await mine(sharer, perkId);
  expect(ready).toMatchObject({ count: 1, remaining: 0, claimable: true, helpers: [{ name: '王*明', bought: false }] });

  const claims = await Promise.all([1, 2, 3].map(() => perks(sharer, { action: 'claim', perkId })));
  expect(claims.every((c) => c.ok && c.data.perk.unlocked)).toBe(true);
  const coupons = p.emu.db.find({ collection: 'coupons', query: { memberId: sharer }, limit: 10 }) as any[];
  expect(coupons).toEqual([expect.objectContaining({ valueFen: 1000, minSpendFen: 5900, state: 'available', rewardId: `perk:${perkId}` })]);
  expect(await mine(sharer, perkId)).toMatchObject({ unlocked: true, claimable: false, couponId: coupons[0]._id });
});

test('join_and_buy counts a friend only once they have paid; content is revealed only on unlock', async () => {
  const sharer = `o-perk-sharer-${seq++}`;
  await memberWithPoints(db, sharer, 'member', 0);
  const perkId = await activePerk({ kind: 'content', coupon: null, content: '主理人私藏冲煮参数：15g / 240ml / 92℃', engagement: 'join_and_buy' });
  const friend = await friendThrough(sharer);
  expect(await mine(sharer, perkId)).toMatchObject({ count: 0, content: null, rule: expect.stringContaining('加入会员并完成首单') });
  await buyAndPay(p, friend, [{ productId: 'p-perk', qty: 1 }]);
  expect(await mine(sharer, perkId)).toMatchObject({ count: 1, claimable: true, content: null, helpers: [expect.objectContaining({ bought: true })] });
  const claimed = await perks(sharer, { action: 'claim', perkId });
  expect(claimed).toMatchObject({ ok: true, data: { perk: { unlocked: true, content: '主理人私藏冲煮参数：15g / 240ml / 92℃' } } });
});

test('friends who joined before the perk started do not count', async () => {
  const sharer = `o-perk-sharer-${seq++}`;
  await memberWithPoints(db, sharer, 'member', 0);
  await friendThrough(sharer);
  p.emu.clock.advance(60_000);
  const perkId = await activePerk();
  expect(await mine(sharer, perkId)).toMatchObject({ count: 0, claimable: false });
});

test('a follower sees the perk but cannot take part; staff rules hold', async () => {
  const follower = `o-perk-follower-${seq++}`;
  await memberWithPoints(db, follower, 'follower', 0);
  const perkId = await activePerk();
  expect(await mine(follower, perkId)).toMatchObject({ eligible: false, ineligibleReason: '加入会员后即可参加', claimable: false });
  expect(await perks(follower, { action: 'claim', perkId })).toMatchObject({ ok: false, error: { code: 'NOT_A_MEMBER' } });
  expect(await admin(p, MODERATOR, { action: 'savePerk', title: '越权', kind: 'content', content: 'x', requiredFriends: 1, engagement: 'join' })).toMatchObject(
    { ok: false, error: { code: 'FORBIDDEN' } },
  );
  expect((await admin(p, MODERATOR, { action: 'perksList' })).data.perks.length).toBeGreaterThan(0);
  const bad = await admin(p, ADMIN, { action: 'savePerk', title: '无内容', kind: 'content', requiredFriends: 0, engagement: 'share' });
  expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  expect(bad.error.details.map((d: any) => d.path).sort()).toEqual(['engagement', 'requiredFriends']);
});
