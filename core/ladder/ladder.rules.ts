import { TIERS, tierRank, type Tier } from '../members/tiers';
import { graceMs, periodMs, type LadderConfig } from './ladder.config';
import { downgradeReason, holdReason, keepText, progressText, shortfallReason, TOP_TIER_TEXT, upgradeReason, type Shortfall } from './ladder.text';

/**
 * The relationship ladder as pure functions: facts in, a tier and its reason out. No SDK, no I/O,
 * no clock — "now" is an argument, so every boundary is testable.
 */
export interface OrderFact {
  orderId: string;
  paidAt: Date;
  refundedAt: Date | null;
}

export interface ConversionFact {
  friendId: string;
  /** The friend's order that the member's share produced. */
  orderId: string;
  confirmedAt: Date;
  reversedAt: Date | null;
}

export interface LadderFacts {
  /** When they joined membership; null for a follower. */
  joinedAt: Date | null;
  orders: OrderFact[];
  conversions: ConversionFact[];
}

/** What the member has in the current period. */
export interface LadderStanding {
  isMember: boolean;
  /** Distinct paid, unrefunded orders paid in the period. */
  paidOrders: number;
  /** Distinct friends with a confirmed, unreversed conversion in the period. */
  friends: number;
}

export interface LadderEvaluation {
  tier: Tier;
  /** Plain Chinese, relative to the current tier: why up, why down, or what holds it. */
  reason: string;
  standing: LadderStanding;
}

const time = (d: Date) => new Date(d).getTime();

/**
 * A fact counts while it is inside the period: paid (or confirmed) at or after now − period. An
 * order paid exactly `periodDays` ago still counts; a millisecond earlier it does not.
 */
function inPeriod(at: Date, config: LadderConfig, now: Date): boolean {
  return time(at) >= now.getTime() - periodMs(config);
}

function countedOrders(facts: LadderFacts, config: LadderConfig, now: Date): OrderFact[] {
  return facts.orders.filter((o) => !o.refundedAt && inPeriod(o.paidAt, config, now));
}

function countedConversions(facts: LadderFacts, config: LadderConfig, now: Date): ConversionFact[] {
  return facts.conversions.filter((c) => !c.reversedAt && inPeriod(c.confirmedAt, config, now));
}

export function standingOf(facts: LadderFacts, config: LadderConfig, now: Date): LadderStanding {
  return {
    isMember: facts.joinedAt !== null,
    // Distinct ids: the same order (or the same friend buying twice) counts once.
    paidOrders: new Set(countedOrders(facts, config, now).map((o) => o.orderId)).size,
    friends: new Set(countedConversions(facts, config, now).map((c) => c.friendId)).size,
  };
}

/** What each step asks for. */
export function requirementsOf(tier: Tier, config: LadderConfig): { join: boolean; orders: number; friends: number } {
  const t = config.thresholds;
  switch (tier) {
    case 'follower':
      return { join: false, orders: 0, friends: 0 };
    case 'member':
      return { join: true, orders: 0, friends: 0 };
    case 'buyer':
      return { join: true, orders: t.buyerOrders, friends: 0 };
    case 'repeat_buyer':
      return { join: true, orders: t.repeatBuyerOrders, friends: 0 };
    case 'koc':
      return { join: true, orders: t.repeatBuyerOrders, friends: t.kocFriends };
  }
}

export function shortfallFor(standing: LadderStanding, tier: Tier, config: LadderConfig): Shortfall {
  const need = requirementsOf(tier, config);
  return {
    join: need.join && !standing.isMember,
    orders: Math.max(0, need.orders - standing.paidOrders),
    friends: Math.max(0, need.friends - standing.friends),
  };
}

const meets = (s: Shortfall) => !s.join && s.orders === 0 && s.friends === 0;

/** The highest step whose requirements are all met; a non-member is never above follower. */
export function tierForStanding(standing: LadderStanding, config: LadderConfig): Tier {
  for (let i = TIERS.length - 1; i > 0; i--) if (meets(shortfallFor(standing, TIERS[i], config))) return TIERS[i];
  return 'follower';
}

export function evaluateLadder(facts: LadderFacts, config: LadderConfig, now: Date, current: Tier): LadderEvaluation {
  const standing = standingOf(facts, config, now);
  const tier = tierForStanding(standing, config);
  const { paidOrders, friends } = standing;
  let reason: string;
  if (tierRank(tier) > tierRank(current)) reason = upgradeReason(tier, paidOrders, friends, config);
  else if (tierRank(tier) < tierRank(current)) {
    // Name what misses for the step just above the target: that is what took the member down.
    const above = TIERS[tierRank(tier) + 1];
    reason = shortfallReason(above, paidOrders, friends, config, requirementsOf(above, config));
  } else reason = holdReason(tier, paidOrders, friends, config);
  return { tier, reason, standing };
}

export type TierChangeKind = 'none' | 'upgrade' | 'downgrade' | 'grace_started' | 'grace_kept' | 'grace_cleared';

export interface TierDecision {
  /** The tier the member holds after the decision. */
  tier: Tier;
  /** When the grace ends, while a downgrade is pending; null otherwise. */
  graceUntil: Date | null;
  change: TierChangeKind;
}

/**
 * Upgrades apply at once. A lower target starts a grace period (now + graceDays) during which the
 * member keeps the tier; once it has passed, the member moves down to the target. A target back at
 * (or above) the tier clears the grace. Leaving membership is not a performance dip: a non-member
 * goes to follower at once.
 */
export function decideTierChange(current: Tier, target: Tier, graceUntil: Date | null, now: Date, config: LadderConfig): TierDecision {
  if (tierRank(target) > tierRank(current)) return { tier: target, graceUntil: null, change: 'upgrade' };
  if (target === current) return { tier: current, graceUntil: null, change: graceUntil ? 'grace_cleared' : 'none' };
  if (target === 'follower') return { tier: 'follower', graceUntil: null, change: 'downgrade' };
  if (!graceUntil) return { tier: current, graceUntil: new Date(now.getTime() + graceMs(config)), change: 'grace_started' };
  if (now.getTime() < time(graceUntil)) return { tier: current, graceUntil: new Date(time(graceUntil)), change: 'grace_kept' };
  return { tier: target, graceUntil: null, change: 'downgrade' };
}

/** The reason to record for a tier change (upgrade or downgrade). */
export function changeReason(evaluation: LadderEvaluation, decision: TierDecision): string {
  return decision.change === 'downgrade' && evaluation.tier !== 'follower' ? downgradeReason(evaluation.reason) : evaluation.reason;
}

export interface LadderProgress {
  /** The step the text is about; null at the top. */
  nextTier: Tier | null;
  text: string;
  missing: Shortfall;
}

/** Progress to the step above the member's current one, in plain words. */
export function progressToNext(facts: LadderFacts, config: LadderConfig, now: Date, current: Tier): LadderProgress {
  const standing = standingOf(facts, config, now);
  if (current === 'koc') return { nextTier: null, text: TOP_TIER_TEXT, missing: { join: false, orders: 0, friends: 0 } };
  if (!standing.isMember) {
    // Joining is the next step; say where it lands when orders are already there.
    const landing = tierForStanding({ ...standing, isMember: true }, config);
    return { nextTier: landing, text: progressText(landing, { join: true, orders: 0, friends: 0 }), missing: { join: true, orders: 0, friends: 0 } };
  }
  const next = TIERS[tierRank(current) + 1];
  const missing = shortfallFor(standing, next, config);
  return { nextTier: next, text: progressText(next, missing), missing };
}

/** During a grace (or before one starts): what would keep the tier; null when it is already held. */
export function whatKeepsTier(facts: LadderFacts, config: LadderConfig, now: Date, tier: Tier): { text: string; missing: Shortfall } | null {
  const missing = shortfallFor(standingOf(facts, config, now), tier, config);
  if (meets(missing) || missing.join) return null;
  return { text: keepText(missing), missing };
}

/**
 * The last moment the tier's requirements stay met if nothing new happens: the N-th newest counted
 * order (and friend) plus the period. Null when nothing expires (follower, member) or they are not met.
 */
export function tierHoldsUntil(facts: LadderFacts, config: LadderConfig, now: Date, tier: Tier): Date | null {
  const need = requirementsOf(tier, config);
  if (need.orders === 0 || !meets(shortfallFor(standingOf(facts, config, now), tier, config))) return null;
  const newestFirst = (times: number[]) => [...times].sort((a, b) => b - a);
  const latestPerKey = (entries: Array<[string, number]>) => {
    const m = new Map<string, number>();
    for (const [k, t] of entries) m.set(k, Math.max(m.get(k) ?? -Infinity, t));
    return [...m.values()];
  };
  const orders = newestFirst(latestPerKey(countedOrders(facts, config, now).map((o) => [o.orderId, time(o.paidAt)])));
  let until = orders[need.orders - 1] + periodMs(config);
  if (need.friends > 0) {
    const friends = newestFirst(latestPerKey(countedConversions(facts, config, now).map((c) => [c.friendId, time(c.confirmedAt)])));
    until = Math.min(until, friends[need.friends - 1] + periodMs(config));
  }
  return new Date(until);
}
