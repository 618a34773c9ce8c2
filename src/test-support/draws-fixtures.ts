import type { AdminDrawView, DrawDetailView, DrawListItem, DrawProof, DrawView, MyDrawEntry } from '@/services/contracts';

// jest only: server answers of the draws function and the admin's draw tools.

export const SERVER_NOW = '2025-04-01T02:00:00.000Z';

export const drawView = (over: Partial<DrawView> = {}): DrawView => ({
  id: 'draw_0123456789ab',
  title: '秋季限定手冲壶',
  description: '每人限购 1 件',
  productId: 'p-kettle',
  productName: '手冲壶',
  productImage: null,
  units: 3,
  waitlistLength: 2,
  opensAt: '2025-04-01T00:00:00.000Z',
  closesAt: '2025-04-02T00:00:00.000Z',
  drawAt: '2025-04-02T00:10:00.000Z',
  minTier: 'member',
  minTierName: '未购会员',
  minMemberDays: 0,
  purchaseHours: 24,
  phase: 'open',
  commitment: 'c'.repeat(64),
  myPriceFen: 26800,
  listPriceFen: 29900,
  entryCount: 12,
  serverNow: SERVER_NOW,
  ...over,
});

export const drawListItem = (over: Partial<DrawListItem> = {}): DrawListItem => ({ ...drawView(), entered: false, ...over });

export const myEntry = (over: Partial<MyDrawEntry> = {}): MyDrawEntry => ({
  entryId: 'e'.repeat(24),
  drawId: 'draw_0123456789ab',
  drawTitle: '秋季限定手冲壶',
  productName: '手冲壶',
  productImage: null,
  enteredAt: '2025-04-01T01:00:00.000Z',
  state: 'entered',
  orderId: null,
  payBy: null,
  waitlistPlace: null,
  promoted: false,
  notify: true,
  ...over,
});

export const drawDetail = (over: Partial<DrawDetailView> = {}): DrawDetailView => ({
  draw: drawView(),
  myEntry: null,
  canEnter: true,
  refusal: null,
  ...over,
});

export const drawProof = (over: Partial<DrawProof> = {}): DrawProof => ({
  drawId: 'draw_0123456789ab',
  title: '秋季限定手冲壶',
  units: 1,
  waitlistLength: 1,
  commitment: 'c'.repeat(64),
  committedAt: '2025-04-01T00:00:00.000Z',
  seed: 's'.repeat(64),
  drawnAt: '2025-04-02T00:10:00.000Z',
  entryCount: 2,
  digest: 'd'.repeat(64),
  finalSeed: 'f'.repeat(64),
  winners: ['a'.repeat(24)],
  waitlist: ['b'.repeat(24)],
  ...over,
});

export const adminDraw = (over: Partial<AdminDrawView> = {}): AdminDrawView => {
  const { myPriceFen: _p, entryCount: _c, ...base } = drawView();
  return {
    ...base,
    status: 'scheduled',
    entryCount: 12,
    entriesByTier: { follower: 0, member: 5, buyer: 4, repeat_buyer: 2, koc: 1 },
    cancelReason: null,
    results: null,
    ...over,
  };
};
