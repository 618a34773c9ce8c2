/**
 * Shared set-up and consistency checks for the rewards suites: members with points, staff, and a
 * check that balance, lots, ledger, stock, redemptions and coupons agree.
 */
import type { Database } from '../../core/platform/database';
import { changePoints, expiryFromNow } from '../../core/points/points.usecases';
import type { Tier } from '../../core/members/tiers';
import { startProductEmulator, type ProductEmulator } from './product-emulator';

export function sdkDb(): Database {
  return require('wx-server-sdk').database() as Database;
}

export const all = (p: ProductEmulator, collection: string, query: Record<string, unknown> = {}) => p.emu.db.find({ collection, query, limit: 10000 }) as any[];

/** A member at `tier` (joined unless a follower) holding `points`. */
export async function memberWithPoints(db: Database, id: string, tier: Tier, points: number): Promise<void> {
  const at = new Date();
  await db
    .collection('members')
    .doc(id)
    .set({
      data: {
        nickname: id,
        avatarUrl: '',
        tier,
        points: 0,
        joinedAt: tier === 'follower' ? null : at,
        phone: null,
        termsVersion: tier === 'follower' ? null : '2026-11',
        createdAt: at,
        updatedAt: at,
      },
    });
  if (points > 0) {
    const res = await changePoints(db, {
      kind: 'earn',
      memberId: id,
      sourceKey: `test:${id}:earn`,
      amount: points,
      reason: '测试积分',
      expiresAt: expiryFromNow(),
    });
    if (!res.ok) throw new Error(res.error.message);
  }
}

export async function staff(db: Database, id: string, role: 'admin' | 'moderator'): Promise<void> {
  await memberWithPoints(db, id, 'member', 0);
  await db
    .collection('staff')
    .doc(id)
    .set({ data: { role, grantedBy: 'test', grantedAt: new Date() } });
}

/** The product emulator, the SDK's database on it, and these staff (openid -> role) in place. */
export async function startWithStaff(
  people: Record<string, 'admin' | 'moderator'>,
  env: Record<string, string> = {},
): Promise<{ p: ProductEmulator; db: Database }> {
  const p = await startProductEmulator(env);
  const db = sdkDb();
  for (const [id, role] of Object.entries(people)) await staff(db, id, role);
  return { p, db };
}

export const couponReward = (title: string, stock: number, extra: Record<string, unknown> = {}) => ({
  title,
  description: '全场通用',
  kind: 'coupon',
  pointsCost: 100,
  coupon: { valueFen: 1000, minSpendFen: 5000, validDays: 7 },
  stock,
  ...extra,
});

export async function createReward(p: ProductEmulator, admin: string, input: Record<string, unknown>): Promise<string> {
  const res = await p.call('admin', admin, { action: 'saveReward', ...input });
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  return res.data.reward._id;
}

export const stockOf = (p: ProductEmulator, rewardId: string) => all(p, 'reward_stock', { rewardId });

/**
 * Everything the redemptions of one member must agree on: cached balance = wallet balance = sum of
 * lots = sum of ledger entries; one spend entry per redemption with its cost; one coupon per
 * coupon redemption, and no other coupon.
 */
export function expectMemberConsistent(p: ProductEmulator, memberId: string): void {
  const member = all(p, 'members', { _id: memberId })[0];
  const wallet = all(p, 'points_wallets', { _id: memberId })[0] ?? { balance: 0, lots: [] };
  const entries = all(p, 'points_entries', { memberId });
  // A voided request (the holds job gave its unit back) redeemed nothing.
  const redemptions = all(p, 'redemptions', { memberId }).filter((r: any) => r.status !== 'void');
  const coupons = all(p, 'coupons', { memberId });
  expect(member.points).toBe(wallet.balance);
  expect(wallet.balance).toBe(wallet.lots.reduce((s: number, l: any) => s + l.remaining, 0));
  expect(wallet.balance).toBe(entries.reduce((s: number, e: any) => s + e.delta, 0));
  expect(wallet.balance).toBeGreaterThanOrEqual(0);
  const spends = entries.filter((e: any) => e.kind === 'spend');
  expect(spends.map((e: any) => e._id).sort()).toEqual(redemptions.map((r: any) => r._id).sort());
  for (const r of redemptions) expect(spends.find((e: any) => e._id === r._id).delta).toBe(-r.pointsCost);
  expect(coupons.map((c: any) => c._id).sort()).toEqual(
    redemptions
      .filter((r: any) => r.couponId)
      .map((r: any) => r.couponId)
      .sort(),
  );
}

/** Stock that left the shards = redemptions of the reward (voided requests name no reward); no shard ever below zero. */
export function expectStockConsistent(p: ProductEmulator, rewardId: string, initialStock: number): void {
  const shards = stockOf(p, rewardId);
  expect(shards.every((s: any) => s.remaining >= 0)).toBe(true);
  const remaining = shards.reduce((s: number, x: any) => s + x.remaining, 0);
  expect(initialStock - remaining).toBe(all(p, 'redemptions', { rewardId }).length);
}
