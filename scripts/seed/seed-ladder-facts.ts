import type { MemberFactsDoc } from '../../core/ladder/ladder.facts';
import { TIERS, type Tier } from '../../core/members/tiers';
import { EXTRA_MEMBERS, PERSONAS } from './demo-brand';
import { demoOrderId } from './seed-orders';
import { DEMO_KOC, DEMO_KOC_FRIEND } from './seed-referrals';

/** The friend purchase behind a KOC's step: 阿杰's is real (seed-referrals writes its records); others are facts only. */
function friendOf(openid: string): { orderId: string; friendId: string } {
  if (openid === DEMO_KOC) return { orderId: demoOrderId(DEMO_KOC_FRIEND, 1), friendId: DEMO_KOC_FRIEND };
  return { orderId: `demo-${openid}-friend-order-1`, friendId: `demo-friend-of-${openid}` };
}

const DAY = 86_400_000;
/** The personas' latest order: recent enough that its refund window (7 days) is still open. */
export const RECENT_ORDER_DAYS_AGO = 5;

/**
 * The ladder facts behind each seeded member's tier: the nightly re-evaluation derives tiers from
 * `member_facts`, so a seeded 复购会员 without orders would slide into grace on the first night.
 * Orders sit where their history says the member climbed (plus a recent one, 5 days ago, for the personas
 * described as having 3 orders); KOCs get one confirmed friend. Order ids are the ones a
 * checkout would give (`demoOrderId`), and seed-orders writes the orders behind them.
 */
export function demoLadderFacts(now: number): MemberFactsDoc[] {
  const docs: MemberFactsDoc[] = [];
  const build = (openid: string, steps: Array<{ tier: Tier; daysAgo: number }>, extraOrderDaysAgo: number[]) => {
    const at = (daysAgo: number) => new Date(now - daysAgo * DAY);
    const orderDays = [...steps.filter((s) => s.tier === 'buyer' || s.tier === 'repeat_buyer').map((s) => s.daysAgo), ...extraOrderDaysAgo];
    const koc = steps.find((s) => s.tier === 'koc');
    if (orderDays.length === 0) return;
    docs.push({
      _id: openid,
      orders: orderDays.map((d, i) => ({ orderId: demoOrderId(openid, i + 1), paidAt: at(d), refundedAt: null })),
      conversions: koc ? [{ ...friendOf(openid), confirmedAt: at(koc.daysAgo), reversedAt: null }] : [],
      updatedAt: at(Math.min(...orderDays, koc?.daysAgo ?? Infinity)),
    });
  };
  for (const p of PERSONAS) build(p.openid, p.history, p.tier === 'repeat_buyer' || p.tier === 'koc' ? [RECENT_ORDER_DAYS_AGO] : []);
  for (const m of EXTRA_MEMBERS) {
    // The seed's history for extra members: one step a day, starting m.daysAgo days ago.
    const steps = TIERS.slice(0, TIERS.indexOf(m.tier) + 1).map((tier, i) => ({ tier, daysAgo: m.daysAgo - i }));
    build(m.openid, steps, []);
  }
  return docs;
}
