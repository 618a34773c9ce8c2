import { TIERS, TIER_NAMES, tierRank, type Tier } from '../members/tiers';
import { benefitsOf, type LadderConfig, type TierBenefits } from './ladder.config';
import { evaluateLadder, progressToNext, tierHoldsUntil, whatKeepsTier, type LadderFacts } from './ladder.rules';
import { benefitLines, requirementText } from './ladder.text';

/**
 * What the member centre and the ladder explanation page show, built from the rules. Pure; dates
 * leave as ISO strings because that is what reaches the client.
 */
export interface LadderStepView {
  tier: Tier;
  name: string;
  /** How to reach it, in words: "近 180 天有 2 笔已支付且未退款的订单". */
  requirement: string;
  benefits: TierBenefits;
  /** The benefits in words: ["1.5 倍积分", "享复购会员价", "可参与限量抽签", ...]. */
  benefitLines: string[];
}

export interface LadderOverview {
  periodDays: number;
  graceDays: number;
  /** The five steps, lowest first. */
  steps: LadderStepView[];
}

export interface MyLadderView {
  tier: Tier;
  tierName: string;
  isMember: boolean;
  /** What counts now: paid, unrefunded orders and distinct friends who bought through shares, in the period. */
  paidOrders: number;
  friends: number;
  /** Why the member is where they are (or where the facts point). */
  reason: string;
  progress: { nextTier: Tier | null; nextTierName: string | null; text: string };
  /**
   * Present when the facts no longer hold the tier: what keeps it ("再下 1 单保级") and until when.
   * `until` is null before the nightly job has started the grace period.
   */
  grace: { until: string | null; keepText: string } | null;
  /** When the current tier's requirements lapse if nothing new happens (null: they do not lapse). */
  holdsUntil: string | null;
}

export interface LadderView extends LadderOverview {
  me: MyLadderView;
}

export function ladderOverview(config: LadderConfig): LadderOverview {
  return {
    periodDays: config.periodDays,
    graceDays: config.graceDays,
    steps: TIERS.map((tier) => {
      const benefits = benefitsOf(config, tier);
      return { tier, name: TIER_NAMES[tier], requirement: requirementText(tier, config), benefits, benefitLines: benefitLines(benefits) };
    }),
  };
}

export function myLadderView(facts: LadderFacts, config: LadderConfig, now: Date, tier: Tier, graceUntil: Date | null): MyLadderView {
  const evaluation = evaluateLadder(facts, config, now, tier);
  const progress = progressToNext(facts, config, now, tier);
  const keeps = tierRank(evaluation.tier) < tierRank(tier) ? whatKeepsTier(facts, config, now, tier) : null;
  const holds = tierHoldsUntil(facts, config, now, tier);
  return {
    tier,
    tierName: TIER_NAMES[tier],
    isMember: facts.joinedAt !== null,
    paidOrders: evaluation.standing.paidOrders,
    friends: evaluation.standing.friends,
    reason: evaluation.reason,
    progress: { nextTier: progress.nextTier, nextTierName: progress.nextTier ? TIER_NAMES[progress.nextTier] : null, text: progress.text },
    grace: keeps ? { until: graceUntil ? new Date(graceUntil).toISOString() : null, keepText: keeps.text } : null,
    holdsUntil: holds ? holds.toISOString() : null,
  };
}
