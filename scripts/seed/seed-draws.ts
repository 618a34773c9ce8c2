/**
 * The demo's draws: one drawn (a day ago; winners are paying), one open, one upcoming. The drawn one
 * is drawn by the product's own code (core/draws) from a seed fixed here, so its published proof
 * verifies like any other: the demo's seeds are public, a real draw's seed is random and secret
 * until it is drawn (core/draws/draws.admin.ts).
 */
import { reservePool } from '../../core/catalog/product-stock.repo';
import { commitmentOf, entryIdFor } from '../../core/draws/draw-fairness.rules';
import { runDraws } from '../../core/draws/draws.job';
import type { DrawDoc, EntryDoc } from '../../core/draws/draws.model';
import type { Tier } from '../../core/members/tiers';
import type { Database } from '../../core/platform/database';
import { EXTRA_MEMBERS, PERSONAS } from './demo-brand';

const HOUR = 3_600_000;

interface DemoDraw {
  _id: string;
  title: string;
  description: string;
  productId: string;
  productName: string;
  units: number;
  waitlistLength: number;
  /** Hours from now (negative: in the past). */
  opens: number;
  closes: number;
  draw: number;
  minTier: DrawDoc['minTier'];
  minMemberDays: number;
  purchaseHours: number;
  /** Public demo seed (64 hex). */
  seed: string;
  /** Who has entered, by openid. */
  entrants: string[];
}

const byTier = (...tiers: Tier[]) => [
  ...PERSONAS.filter((p) => tiers.includes(p.tier) && !p.staffRole).map((p) => p.openid),
  ...EXTRA_MEMBERS.filter((m) => tiers.includes(m.tier)).map((m) => m.openid),
];

export const DEMO_DRAWS: DemoDraw[] = [
  {
    _id: 'draw_5ea11d0a0001',
    title: '巴拿马瑰夏 限量批次 第一期',
    description: '每期只有 3 份，中签后 72 小时内付款；未付款的名额依次递补给候补会员。',
    productId: 'p-geisha-limited',
    productName: '巴拿马瑰夏 限量批次 100g',
    units: 3,
    waitlistLength: 2,
    opens: -96,
    closes: -26,
    draw: -25,
    minTier: 'buyer',
    minMemberDays: 0,
    purchaseHours: 72,
    // Chosen so the demo's personas are not among the winners (their order lists stay as the journeys expect) and 阿杰 waits first in line.
    seed: '23a2d1ddd729714c1d065713bdb1dc3853e27503858735711749d0d12d5becbb',
    entrants: byTier('buyer', 'repeat_buyer', 'koc'),
  },
  {
    _id: 'draw_5ea11d0a0002',
    title: '山川手作陶瓷杯 · 限定釉色',
    description: '景德镇窑口手作，本期限定釉色 5 只，会员均可报名。',
    productId: 'p-mug',
    productName: '山川手作陶瓷杯 350ml',
    units: 5,
    waitlistLength: 5,
    opens: -24,
    closes: 72,
    draw: 73,
    minTier: 'member',
    minMemberDays: 0,
    purchaseHours: 48,
    seed: '0c7e2a9f4b1d6e3a8c5f2b9d4e1a7c3f6b0d8e2a5c9f1b4d7e0a3c6f9b2d5e8a',
    entrants: ['demo-repeat', 'demo-m04', 'demo-m05', 'demo-m06', 'demo-m07', 'demo-m08', 'demo-m10'],
  },
  {
    _id: 'draw_5ea11d0a0003',
    title: '巴拿马瑰夏 限量批次 第二期',
    description: '第二期开放给入会满 30 天的已购会员。',
    productId: 'p-geisha-limited',
    productName: '巴拿马瑰夏 限量批次 100g',
    units: 3,
    waitlistLength: 3,
    opens: 48,
    closes: 120,
    draw: 121,
    minTier: 'buyer',
    minMemberDays: 30,
    purchaseHours: 72,
    seed: '9d2b6f0a4e8c1f5b3d7a9e2c6f0b4d8a1e5c9f3b7d0a4e8c2f6b1d5a9e3c7f0b',
    entrants: [],
  },
];

type Put = (collection: string, id: string, data: Record<string, unknown>) => Promise<void>;

/** Writes the demo's draws once (a draw already there is left as it is, with everything it led to). */
export async function seedDraws(db: Database, put: Put, productImage: (productId: string) => string | null, now: number): Promise<void> {
  for (const d of DEMO_DRAWS) {
    const exists = (await db.collection('draws').where({ _id: d._id }).count()).total > 0;
    if (exists) continue;
    const at = (hours: number) => new Date(now + hours * HOUR);
    const created = at(d.opens - 24);
    const draw: DrawDoc = {
      _id: d._id,
      title: d.title,
      description: d.description,
      productId: d.productId,
      productName: d.productName,
      productImage: productImage(d.productId),
      units: d.units,
      waitlistLength: d.waitlistLength,
      opensAt: at(d.opens),
      closesAt: at(d.closes),
      drawAt: at(d.draw),
      minTier: d.minTier,
      minMemberDays: d.minMemberDays,
      purchaseHours: d.purchaseHours,
      commitment: commitmentOf(d.seed),
      committedAt: created,
      status: 'scheduled',
      reveal: null,
      noticesPending: false,
      cancelledAt: null,
      cancelReason: null,
      createdBy: 'demo-admin',
      createdAt: created,
      updatedAt: created,
    };
    await reservePool(db, d.productId, d._id, d.units, created);
    await put('draw_secrets', d._id, { seed: d.seed, createdAt: created });
    for (const [i, openid] of d.entrants.entries()) {
      const entry: Omit<EntryDoc, '_id'> = {
        drawId: d._id,
        memberId: openid,
        tier: tierOf(openid),
        enteredAt: new Date(Math.min(now, at(d.opens).getTime() + (i + 1) * 37 * 60_000)),
        notify: false,
        notifyPromoted: false,
        outcome: null,
        rank: null,
        orderId: null,
        outcomeAt: null,
      };
      await put('draw_entries', entryIdFor(d._id, openid), entry as unknown as Record<string, unknown>);
    }
    const { _id, ...data } = draw;
    await put('draws', _id, data as unknown as Record<string, unknown>);
  }
  // The past one is drawn now, by the job's own code (its time has come): winners get their orders.
  await runDraws(db, new Date(now));
}

function tierOf(openid: string): Tier {
  return PERSONAS.find((p) => p.openid === openid)?.tier ?? EXTRA_MEMBERS.find((m) => m.openid === openid)?.tier ?? 'member';
}
