import type { MyCoupon, PointsHistoryEntry, PointsSummary, Reward } from '@/services/contracts';

// jest only: server answers for the points pages' tests.

export const summary: PointsSummary = {
  balance: 1500,
  debt: 0,
  expiringSoon: { total: 0, days: 30, lots: [] },
};

/** What expires within the 30-day window: one `[amount, expiresAt]` a lot, in the order given; the total is their sum. */
export const expiringLots = (...lots: Array<[amount: number, expiresAt: string]>): PointsSummary['expiringSoon'] => ({
  total: lots.reduce((sum, [amount]) => sum + amount, 0),
  days: 30,
  lots: lots.map(([amount, expiresAt]) => ({ amount, expiresAt })),
});

export const reward = (over: Partial<Reward> = {}): Reward => ({
  _id: 'r-coupon-10',
  title: '10 元代金券',
  description: '全场通用',
  kind: 'coupon',
  pointsCost: 300,
  remaining: 12,
  image: null,
  coupon: { valueFen: 1000, minSpendFen: 5000, validDays: 30 },
  minTier: null,
  available: true,
  unavailableReason: null,
  ...over,
});

export const coupon = (over: Partial<MyCoupon> = {}): MyCoupon => ({
  _id: 'c1',
  rewardId: 'r-coupon-10',
  title: '10 元代金券',
  valueFen: 1000,
  minSpendFen: 5000,
  state: 'available',
  issuedAt: '2025-03-01T02:00:00.000Z',
  expiresAt: '2025-03-31T15:59:59.000Z',
  usedAt: null,
  ...over,
});

export const entry = (over: Partial<PointsHistoryEntry> = {}): PointsHistoryEntry => ({
  _id: 'pl_0a1b2c3d4e5f',
  kind: 'earn',
  delta: 120,
  debtDelta: 0,
  balanceAfter: 1500,
  debtAfter: 0,
  reason: '订单消费获得积分',
  createdAt: '2025-03-04T01:05:00.000Z',
  expiresAt: null,
  ...over,
});
