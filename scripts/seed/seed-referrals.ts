import type { CapDayDoc, ConversionDoc, ReferralDoc, ShareDoc, VisitDoc } from '../../core/referrals/referrals.model';
import { DEFAULT_REFERRAL_CONFIG } from '../../core/referrals/referral.config';
import { capDayId, capPlaceKey, pendingUntilFor, shanghaiDay } from '../../core/referrals/referral.rules';
import { demoOrderId } from './seed-orders';

const DAY = 86_400_000;

/** The demo KOC 阿杰 and the friend whose purchase made him one: 晴天 (demo-m07) joined through his invite card. */
export const DEMO_KOC = 'demo-koc';
export const DEMO_KOC_FRIEND = 'demo-m07';
/** Fixed, so a reseed finds the same card (12 base62 characters, like generated codes). */
export const DEMO_KOC_CODE = 'DemoKocInvte';
/** When the friend confirmed: the day the seed's history says 阿杰 became 品牌KOC. */
export const DEMO_KOC_CONFIRMED_DAYS_AGO = 33;
/** The friend's steps in the seed (one a day from 44 days ago): opened, joined, bought. */
const FRIEND_OPENED = 44;
const FRIEND_JOINED = 43;
const FRIEND_PAID = 42;

export interface DemoReferrals {
  share: ShareDoc;
  visit: VisitDoc;
  referral: ReferralDoc;
  conversion: ConversionDoc;
  capSlot: CapDayDoc;
}

/**
 * 阿杰's invite card, 晴天's visit and join through it, and her first order as his confirmed
 * conversion — the records behind the ladder fact that made him 品牌KOC, so 我的影响力 and the
 * KOC leaderboard agree with his tier. Her order is the seed's (seed-orders), paid ¥ as seeded.
 */
export function demoReferrals(now: number, friendOrderPayFen: number): DemoReferrals {
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY);
  const orderId = demoOrderId(DEMO_KOC_FRIEND, 1);
  const paidAt = at(FRIEND_PAID);
  const day = shanghaiDay(paidAt);
  const share: ShareDoc = {
    _id: DEMO_KOC_CODE,
    sharerId: DEMO_KOC,
    sharerUnionid: null,
    targetType: 'invite',
    targetId: DEMO_KOC,
    channel: 'chat',
    createdAt: at(FRIEND_OPENED + 1),
  };
  const visit: VisitDoc = {
    _id: `${DEMO_KOC_CODE}:${DEMO_KOC_FRIEND}`,
    code: DEMO_KOC_CODE,
    sharerId: DEMO_KOC,
    visitorId: DEMO_KOC_FRIEND,
    visitorUnionid: null,
    targetType: 'invite',
    targetId: DEMO_KOC,
    at: at(FRIEND_OPENED),
    lastAt: at(FRIEND_OPENED),
  };
  const referral: ReferralDoc = {
    _id: DEMO_KOC_FRIEND,
    referrerId: DEMO_KOC,
    code: DEMO_KOC_CODE,
    targetType: 'invite',
    visitAt: at(FRIEND_OPENED),
    joinedAt: at(FRIEND_JOINED),
    newcomerUnionid: null,
    status: 'counted',
    flags: [],
    createdAt: at(FRIEND_JOINED),
    decidedAt: null,
  };
  const conversion: ConversionDoc = {
    _id: orderId,
    orderId,
    sharerId: DEMO_KOC,
    buyerId: DEMO_KOC_FRIEND,
    code: DEMO_KOC_CODE,
    targetType: 'invite',
    visitAt: at(FRIEND_OPENED),
    orderPayFen: friendOrderPayFen,
    paidAt,
    day,
    status: 'confirmed',
    flags: [],
    capPlace: true,
    pendingUntil: pendingUntilFor(paidAt, DEFAULT_REFERRAL_CONFIG),
    approved: false,
    rewardPoints: DEFAULT_REFERRAL_CONFIG.rewardPoints,
    ladderSynced: true,
    confirmedAt: at(DEMO_KOC_CONFIRMED_DAYS_AGO),
    reversedAt: null,
    voidedAt: null,
    createdAt: paidAt,
    updatedAt: at(DEMO_KOC_CONFIRMED_DAYS_AGO),
  };
  const capSlot: CapDayDoc = { _id: capDayId(DEMO_KOC, day), sharerId: DEMO_KOC, day, taken: 1, orders: { [capPlaceKey(orderId)]: paidAt } };
  return { share, visit, referral, conversion, capSlot };
}
