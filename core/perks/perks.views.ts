import { couponTermsView } from '../rewards/rewards.views';
import type { AdminPerkView, PerkDoc, PerkUnlockDoc, PerkView } from './perks.model';
import { helperViews, perkRule, type PerkProgress } from './perk.rules';

const iso = (d: Date | string) => new Date(d).toISOString();

export function toPerkView(perk: PerkDoc, progress: PerkProgress, unlock: PerkUnlockDoc | null, block: { message: string } | null): PerkView {
  const unlocked = unlock !== null;
  return {
    _id: perk._id,
    title: perk.title,
    description: perk.description,
    kind: perk.kind,
    requiredFriends: perk.requiredFriends,
    engagement: perk.engagement,
    rule: perkRule(perk),
    coupon: couponTermsView(perk.coupon),
    endsAt: perk.endsAt ? iso(perk.endsAt) : null,
    helpers: helperViews(progress, perk.requiredFriends),
    count: unlocked ? perk.requiredFriends : progress.count,
    remaining: unlocked ? 0 : progress.remaining,
    eligible: block === null,
    ineligibleReason: block?.message ?? null,
    claimable: !unlocked && block === null && progress.complete,
    unlocked,
    unlockedAt: unlock ? iso(unlock.unlockedAt) : null,
    content: unlocked ? perk.content : null,
    couponId: unlock?.couponId ?? null,
  };
}

export function toAdminPerkView(perk: PerkDoc, unlocks: number): AdminPerkView {
  return {
    ...perk,
    startsAt: iso(perk.startsAt),
    endsAt: perk.endsAt ? iso(perk.endsAt) : null,
    updatedAt: iso(perk.updatedAt),
    rule: perkRule(perk),
    unlocks,
  };
}
