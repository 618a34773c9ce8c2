import { newFollower, CURRENT_TERMS_VERSION, type Member } from '../../core/members/member.rules';
import { TIERS, type Tier } from '../../core/members/tiers';
import { nowMs } from '../../core/platform/clock';
import { changePoints } from '../../core/points/points.usecases';
import { distributeStock, shardCountFor, shardId } from '../../core/rewards/rewards.rules';
import { BRAND, DEMO_PERKS, DEMO_POINTS, EXTRA_MEMBERS, PERSONAS, PRODUCTS, productSvg, REWARDS, type DemoProduct } from './demo-brand';
import { demoLadderFacts } from './seed-ladder-facts';
import { demoOrderId, demoOrders } from './seed-orders';
import { DEMO_KOC_FRIEND, demoReferrals } from './seed-referrals';
import { seedDraws } from './seed-draws';
import { DEMO_FEEDBACK_REWARDS, seedFeedback } from './seed-feedback';
import { expiryFor } from '../../core/points/points.rules';
import { DEFAULT_POINTS_LIFETIME_MONTHS } from '../../core/points/points.config';

/* eslint-disable @typescript-eslint/no-explicit-any -- the seed writes through the real SDK, untyped as
   emulator/testing.ts hands it out, and builds raw documents for many collections. */
type Cloud = any;

const DAY = 86_400_000;
/** Every collection the seed writes, wiped by --reset. */
export const SEEDED_COLLECTIONS = [
  'members',
  'staff',
  'tier_changes',
  'products',
  'demo_personas',
  'audit_log',
  'member_facts',
  // Rewards and points: what members redeemed and earned goes with the rest.
  'rewards',
  'reward_stock',
  'coupons',
  'redemptions',
  'points_wallets',
  'points_entries',
  // The shop's orders, their effects and refunds.
  'orders',
  'order_events',
  'refunds',
  // Shares, referrals and share-to-unlock perks.
  'shares',
  'share_visits',
  'referrals',
  'conversions',
  'referral_flags',
  'referral_cap_slots',
  'perks',
  'perk_unlocks',
  // Draws, their entries and seeds, the messages they queued, and the drawing job's places.
  'draws',
  'draw_entries',
  'draw_secrets',
  'notices',
  'notify_optins',
  'job_checkpoints',
  // The complaint center: posts, their 我也是, follows, replies, the day counts and image verdicts.
  'feedback_posts',
  'feedback_votes',
  'feedback_follows',
  'feedback_replies',
  'feedback_daily',
  'feedback_media_checks',
];

export interface SeedReport {
  created: Record<string, number>;
  skipped: number;
}

/**
 * Seeds the demo brand through the SDK (so it works against the emulator or a test cloud env).
 * Only missing documents are written: running it twice changes nothing.
 */
export async function seedDemo(cloud: Cloud): Promise<SeedReport> {
  const db = cloud.database();
  const report: SeedReport = { created: {}, skipped: 0 };
  const put = async (collection: string, id: string, data: Record<string, unknown>) => {
    try {
      await db.collection(collection).doc(id).get();
      report.skipped++;
    } catch {
      await db.collection(collection).doc(id).set({ data });
      report.created[collection] = (report.created[collection] ?? 0) + 1;
    }
  };
  const now = nowMs();

  for (const p of PRODUCTS) {
    const { fileID } = await cloud.uploadFile({ cloudPath: `products/${p._id}.svg`, fileContent: Buffer.from(productSvg(p), 'utf8') });
    const { art: _art, _id, ...product } = p;
    await put('products', _id, { ...product, brand: BRAND.name, images: [fileID], createdAt: new Date(now - 90 * DAY), updatedAt: new Date(now - 90 * DAY) });
  }

  let order = 0;
  for (const persona of PERSONAS) {
    await put('demo_personas', persona.key, { openid: persona.openid, label: persona.label, description: persona.description, order: order++ });
    const firstSeen = persona.history[0].daysAgo;
    const joinedStep = persona.history.find((h) => h.tier === 'member');
    await putMember(put, persona.openid, persona.nickname, persona.tier, firstSeen, joinedStep?.daysAgo ?? null, now);
    for (const [i, step] of persona.history.entries()) {
      await put('tier_changes', `${persona.openid}:${i}`, {
        memberId: persona.openid,
        from: i === 0 ? null : persona.history[i - 1].tier,
        to: step.tier,
        reason: step.reason,
        at: new Date(now - step.daysAgo * DAY),
      });
    }
    if (persona.staffRole) {
      await put('staff', persona.openid, { role: persona.staffRole, grantedBy: 'seed', grantedAt: new Date(now - firstSeen * DAY) });
    }
  }

  for (const r of REWARDS) {
    const { art, _id, stock, ...reward } = r;
    // Only the art is drawn, so a product's picture and a reward's look alike.
    const image = art
      ? (await cloud.uploadFile({ cloudPath: `rewards/${_id}.svg`, fileContent: Buffer.from(productSvg({ art } as DemoProduct), 'utf8') })).fileID
      : null;
    const n = shardCountFor(stock);
    await put('rewards', _id, {
      ...reward,
      image,
      status: 'active',
      stockShards: n,
      createdAt: new Date(now - 30 * DAY),
      updatedAt: new Date(now - 30 * DAY),
      updatedBy: 'seed',
    });
    for (const [index, remaining] of distributeStock(stock, n).entries()) {
      await put('reward_stock', shardId(_id, index), { rewardId: _id, index, remaining, updatedAt: new Date(now - 30 * DAY) });
    }
  }

  for (const { _id, ...perk } of DEMO_PERKS) {
    await put('perks', _id, {
      ...perk,
      startsAt: new Date(now - 30 * DAY),
      endsAt: null,
      status: 'active',
      updatedAt: new Date(now - 30 * DAY),
      updatedBy: 'seed',
    });
  }

  for (const [openid, lots] of Object.entries(DEMO_POINTS)) {
    for (const [i, lot] of lots.entries()) {
      // Through the ledger (balance, lots and entry together); the key makes a second seed a no-op.
      const res = await changePoints(db, {
        kind: 'earn',
        memberId: openid,
        sourceKey: `seed:${openid}:points:${i}`,
        amount: lot.amount,
        reason: '历史订单积分',
        expiresAt: new Date(now + lot.expiresInDays * DAY),
      });
      if (!res.ok) throw new Error(`seeding points for ${openid}: ${res.error.message}`);
      if (!res.data.replayed) report.created.points_entries = (report.created.points_entries ?? 0) + 1;
      else report.skipped++;
    }
  }

  for (const m of EXTRA_MEMBERS) {
    await putMember(put, m.openid, m.nickname, m.tier, m.daysAgo, m.tier === 'follower' ? null : m.daysAgo, now);
    const steps = TIERS.slice(0, TIERS.indexOf(m.tier) + 1);
    for (const [i, tier] of steps.entries()) {
      await put('tier_changes', `${m.openid}:${i}`, {
        memberId: m.openid,
        from: i === 0 ? null : steps[i - 1],
        to: tier,
        reason: reasonFor(tier),
        at: new Date(now - (m.daysAgo - i) * DAY),
      });
    }
  }
  // The facts behind the seeded tiers, so the nightly re-evaluation keeps everyone where they are.
  const facts = demoLadderFacts(now);
  for (const { _id, ...doc } of facts) await put('member_facts', _id, doc);
  // The orders behind those facts, and one refund request waiting for staff.
  const { orders, refunds } = demoOrders(facts, now);
  for (const { _id, ...o } of orders) await put('orders', _id, o);
  for (const { _id, ...r } of refunds) await put('refunds', _id, r);
  await seedKocReferral(db, put, orders, now, report);
  const images = new Map<string, string>();
  for (const p of PRODUCTS) images.set(p._id, ((await db.collection('products').doc(p._id).get()).data.images ?? [])[0] ?? null);
  await seedDraws(db, put, (id) => images.get(id) ?? null, now);
  await seedFeedback(put, now);
  for (const r of DEMO_FEEDBACK_REWARDS) {
    // As staff rewarding writes it: one ledger line per post, by its source key.
    const res = await changePoints(db, {
      kind: 'earn',
      memberId: r.memberId,
      sourceKey: `feedback:${r.postId}:reward`,
      amount: r.points,
      reason: '建议被采纳奖励',
      expiresAt: new Date(now + 365 * DAY),
    });
    if (!res.ok) throw new Error(`seeding the feedback reward of ${r.postId}: ${res.error.message}`);
  }
  return report;
}

/** 阿杰's invite card, the friend it brought and her confirmed purchase, with his reward through the ledger. */
async function seedKocReferral(
  db: any,
  put: (c: string, id: string, d: Record<string, unknown>) => Promise<void>,
  orders: Array<{ _id: string; payFen: number }>,
  now: number,
  report: SeedReport,
): Promise<void> {
  const friendOrderId = demoOrderId(DEMO_KOC_FRIEND, 1);
  const friendOrder = orders.find((o) => o._id === friendOrderId);
  if (!friendOrder) throw new Error(`the seed has no order ${friendOrderId} for the KOC's friend`);
  const { share, visit, referral, conversion, capSlot } = demoReferrals(now, friendOrder.payFen);
  for (const [collection, { _id, ...doc }] of [
    ['shares', share],
    ['share_visits', visit],
    ['referrals', referral],
    ['conversions', conversion],
    ['referral_cap_slots', capSlot],
  ] as const) {
    await put(collection, _id, doc as Record<string, unknown>);
  }
  const reward = await changePoints(db, {
    kind: 'earn',
    memberId: conversion.sharerId!,
    sourceKey: `conversion:${conversion.orderId}:reward`,
    amount: conversion.rewardPoints,
    reason: '好友通过你的分享购买，分享奖励',
    expiresAt: expiryFor(conversion.confirmedAt!, DEFAULT_POINTS_LIFETIME_MONTHS),
  });
  if (!reward.ok) throw new Error(`seeding the KOC's reward: ${reward.error.message}`);
  if (!reward.data.replayed) report.created.points_entries = (report.created.points_entries ?? 0) + 1;
}

async function putMember(
  put: (c: string, id: string, d: Record<string, unknown>) => Promise<void>,
  openid: string,
  nickname: string,
  tier: Tier,
  firstSeenDaysAgo: number,
  joinedDaysAgo: number | null,
  now: number,
) {
  const created = new Date(now - firstSeenDaysAgo * DAY);
  const base: Member = newFollower(openid, created);
  const { _id, ...member } = {
    ...base,
    nickname,
    tier,
    joinedAt: joinedDaysAgo === null ? null : new Date(now - joinedDaysAgo * DAY),
    termsVersion: joinedDaysAgo === null ? null : CURRENT_TERMS_VERSION,
  };
  await put('members', _id, member);
}

function reasonFor(tier: Tier): string {
  return {
    follower: '首次打开小程序',
    member: '同意会员协议，加入会员',
    buyer: '首单支付成功',
    repeat_buyer: '第 2 单支付成功',
    koc: '好友通过分享购买并确认',
  }[tier];
}

/** Removes everything the seed writes (and what members did since), for `npm run seed -- --reset`. */
export async function resetDemo(cloud: Cloud): Promise<number> {
  const db = cloud.database();
  const _ = db.command;
  let removed = 0;
  for (const c of SEEDED_COLLECTIONS)
    removed += (
      await db
        .collection(c)
        .where({ _id: _.exists(true) })
        .remove()
    ).stats.removed;
  return removed;
}

export const DEMO_ADMIN_OPENID = PERSONAS.find((p) => p.staffRole === 'admin')!.openid;
