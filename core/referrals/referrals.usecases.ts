/**
 * Shares, visits and referrals. A share is a record keyed by its code; a visit is a document keyed
 * by share and visitor; a referral is a document keyed by the newcomer. None of them is a counter:
 * a viral share writes one new document per distinct visitor and nothing else.
 *
 * Conversions (purchases through shares) are in referrals.conversions.ts, re-exported here so the
 * orders and members areas import one module.
 */
import { randomBytes } from 'node:crypto';
import { findProduct } from '../catalog/catalog.repo';
import { visibleTo } from '../catalog/price.rules';
import { findMember } from '../members/member.repo';
import { now } from '../platform/clock';
import type { Database } from '../platform/database';
import { fail, ok } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { inTransaction } from '../platform/transaction';
import type { PaidOrders } from './paid-orders.port';
import { DAY_MS, MINUTE_MS, type ReferralConfig } from './referral.config';
import { loadReferralConfig } from './referral-settings.repo';
import { firstTouch, generateShareCode, maskNickname, referralFlags, sameUnionid, SHARE_PAGES, sharePath, touchOf, windowStart } from './referral.rules';
import type { ReferralsResult } from './referrals.errors';
import type { ShareInput, VisitInput } from './referrals.inputs';
import type { FlagDoc, ReferralDoc, ShareDoc, ShareResult, VisitDoc, VisitResult } from './referrals.model';
import {
  countReferralsSince,
  findReferral,
  findShare,
  findShareFor,
  insertShare,
  insertVisit,
  putFlag,
  putReferral,
  referralsJoinedBefore,
  refreshLastTouch,
  sharerUnionidOf,
  sharersReferredBy,
  unionidOnOtherAccount,
  VISIT_PAGE,
  VISIT_PAGES,
  visitsOpenedBetween,
} from './referrals.repo';
import type { ShareTargets } from './share-targets.port';

export type { PaidOrders } from './paid-orders.port';
export type { ShareTargets } from './share-targets.port';
export { confirmDueConversions, mayConvert, recordConversion, reverseConversion } from './referrals.conversions';
export type { AlsoInTx, ConfirmRun, ConversionOutcome, OrderPaid, OrderRefunded, ReversalOutcome } from './referrals.conversions';

export type ShareErrorCode = 'NOT_A_MEMBER' | 'NOT_FOUND' | 'CONFLICT';

/** A code collides with another (1 in 2^71 per pair) so rarely that a few attempts are plenty. */
const CODE_ATTEMPTS = 5;

function toShareResult(share: Pick<ShareDoc, '_id' | 'targetType' | 'targetId'>, reused: boolean): ShareResult {
  return { code: share._id, path: sharePath({ ...share, code: share._id }), page: SHARE_PAGES[share.targetType], scene: share._id, reused };
}

/**
 * `referral.share`: a member's card for a target and channel. Sharing the same card again returns
 * the same code (a unique index on sharer + target + channel settles two taps at once). Only
 * members share; a product must be on sale and visible to the sharer, a perk open (the perks area
 * says, through `targets`). Draw ids are checked by the draws area when the card is opened (its
 * collection does not exist yet).
 */
export async function createShare(ctx: ActionContext, input: ShareInput, targets: ShareTargets): Promise<ReferralsResult<ShareResult, ShareErrorCode>> {
  const sharerId = ctx.caller.openid;
  const member = await findMember(ctx.db, sharerId);
  if (!member?.joinedAt) return fail('NOT_A_MEMBER', '加入会员后才能分享');
  // An invite card invites to the sharer: its target is always the sharer.
  const targetId = input.targetType === 'invite' ? sharerId : input.targetId!;
  if (input.targetType === 'product') {
    const product = await findProduct(ctx.db, targetId);
    if (!product || product.status !== 'on_sale' || !visibleTo(product, member.tier)) return fail('NOT_FOUND', '商品不存在或已下架');
  }
  if (input.targetType === 'perk' && !(await targets.perkIsOpen(ctx.db, targetId))) return fail('NOT_FOUND', '福利不存在或已结束');
  if (input.targetType === 'draw' && !(await targets.drawIsVisible(ctx.db, targetId))) return fail('NOT_FOUND', '抽签不存在或已取消');
  const existing = await findShareFor(ctx.db, sharerId, input.targetType, targetId, input.channel);
  if (existing) return ok(toShareResult(existing, true));
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
    const share: ShareDoc = {
      _id: generateShareCode(randomBytes),
      sharerId,
      sharerUnionid: ctx.caller.unionid ?? null,
      targetType: input.targetType,
      targetId,
      channel: input.channel,
      createdAt: now(),
    };
    if (await insertShare(ctx.db, share)) return ok(toShareResult(share, false));
    // Either a concurrent tap created this card (reuse it) or the code collided (draw another).
    const raced = await findShareFor(ctx.db, sharerId, input.targetType, targetId, input.channel);
    if (raced) return ok(toShareResult(raced, true));
  }
  return fail('CONFLICT', '生成分享码失败，请重试');
}

/** A reopening refreshes the last touch at most this often: a visitor tapping around writes little. */
const LAST_TOUCH_GAP_MS = MINUTE_MS;

/**
 * `referral.visit`: someone opened a card (or scanned a poster). Recorded once per share and
 * visitor — the document id is `<code>:<visitor>` — for anyone, member or not (a follower who has
 * just opened the app cold from a poster counts). The sharer's own opens are ignored.
 */
export async function recordVisit(ctx: ActionContext, input: VisitInput): Promise<ReferralsResult<VisitResult, 'SHARE_NOT_FOUND'>> {
  const visitorId = ctx.caller.openid;
  const share = await findShare(ctx.db, input.code);
  if (!share) return fail('SHARE_NOT_FOUND', '分享已失效或不存在');
  // The sharer opening their own card: nothing recorded, and no name to look up.
  if (share.sharerId === visitorId) return ok({ recorded: false, share: visitTarget(share, '') });
  const at = now();
  const visit: VisitDoc = {
    _id: `${share._id}:${visitorId}`,
    code: share._id,
    sharerId: share.sharerId,
    visitorId,
    visitorUnionid: ctx.caller.unionid ?? null,
    sharerUnionid: share.sharerUnionid ?? null,
    targetType: share.targetType,
    targetId: share.targetId,
    at,
    lastAt: at,
  };
  // The sharer's name is read alongside the write: the visit costs no extra round.
  const [recorded, sharer] = await Promise.all([insertVisit(ctx.db, visit), findMember(ctx.db, share.sharerId)]);
  if (!recorded) await refreshLastTouch(ctx.db, visit._id, at, LAST_TOUCH_GAP_MS);
  return ok({ recorded, share: visitTarget(share, sharer?.nickname ?? '') });
}

/** What a page opened from a card needs: where it points and whose card it is, masked — never the sharer's id. */
function visitTarget(share: ShareDoc, sharerNickname: string): VisitResult['share'] {
  return {
    targetType: share.targetType,
    targetId: share.targetType === 'invite' ? null : share.targetId,
    path: sharePath({ ...share, code: share._id }),
    sharerName: sharerNickname.trim() ? maskNickname(sharerNickname) : '',
  };
}

/**
 * The first eligible visit opened in the window before `joinedAt`: pages are read earliest first,
 * so the first page holding an eligible visit holds the winner.
 */
async function firstEligibleVisit(db: Database, memberId: string, joinedAt: Date, config: ReferralConfig): Promise<VisitDoc | null> {
  const from = windowStart(joinedAt, config);
  for (let page = 0; page < VISIT_PAGES; page++) {
    const visits = await visitsOpenedBetween(db, memberId, from, joinedAt, page * VISIT_PAGE, VISIT_PAGE);
    if (visits.length === 0) return null;
    const referred = await sharersReferredBy(db, [...new Set(visits.map((v) => v.sharerId))], memberId);
    const winner = firstTouch(visits.map(touchOf), memberId, joinedAt, referred, config);
    if (winner) return winner.visit;
    if (visits.length < VISIT_PAGE) return null;
  }
  return null;
}

/** Abuse signals for a new referral (all plain reads, before the transaction). */
async function referralSignals(db: Database, memberId: string, joinedAt: Date, visit: VisitDoc, config: ReferralConfig, orders: PaidOrders) {
  const unionid = visit.visitorUnionid;
  const olderBefore = new Date(joinedAt.getTime() - config.inactive.afterDays * DAY_MS);
  const [sharerUnionid, sharedUnionid, recentReferrals, older] = await Promise.all([
    sharerUnionidOf(db, visit),
    unionid ? unionidOnOtherAccount(db, unionid, memberId) : Promise.resolve(false),
    countReferralsSince(db, visit.sharerId, new Date(joinedAt.getTime() - config.burst.windowMinutes * MINUTE_MS)),
    // A sample of the newest old-enough referrals is enough to see the pattern.
    referralsJoinedBefore(db, visit.sharerId, olderBefore, 100),
  ]);
  const activeOlder = older.length >= config.inactive.minReferrals ? (await orders.paidAmong(db, older)).size : 0;
  return { sameUnionid: sameUnionid(sharerUnionid, unionid), sharedUnionid, recentReferrals, olderReferrals: older.length, activeOlderReferrals: activeOlder };
}

/**
 * A member joined: the sharer of the first eligible visit within the window before joining becomes
 * their referrer. `referrals/<memberId>` can exist once, so however many joins, replays or
 * concurrent calls arrive, one referrer is recorded and never replaced. Suspicious referrals are
 * recorded as `flagged` with a review item instead of `counted`.
 *
 * Called by member.join (core/journeys/join.usecases.ts) after the join is recorded, with the
 * orders area's answer to "who ever paid" (`orders`); it throws only on infrastructure errors,
 * which the join logs and ignores (a referral problem must never fail a join). Without `config`,
 * the stored rules are read once — after the cheap "already referred" check, so a repeated join
 * costs no settings read.
 */
export async function attributeJoin(db: Database, memberId: string, joinedAt: Date, orders: PaidOrders, rules?: ReferralConfig): Promise<void> {
  const joined = new Date(joinedAt);
  if (await findReferral(db, memberId)) return;
  const config = rules ?? (await loadReferralConfig(db));
  const visit = await firstEligibleVisit(db, memberId, joined, config);
  if (!visit) return;
  const flags = referralFlags(await referralSignals(db, memberId, joined, visit, config, orders), config);
  await inTransaction(db, async (tx) => {
    // Read in each attempt: a retry writes after the referral it conflicted with.
    const at = now();
    if (await findReferral(tx, memberId)) return;
    const referral: Omit<ReferralDoc, '_id'> = {
      referrerId: visit.sharerId,
      code: visit.code,
      targetType: visit.targetType,
      visitAt: new Date(visit.at),
      joinedAt: joined,
      newcomerUnionid: visit.visitorUnionid,
      status: flags.length ? 'flagged' : 'counted',
      flags,
      createdAt: at,
      decidedAt: null,
    };
    await putReferral(tx, memberId, referral);
    if (flags.length) {
      const flag: Omit<FlagDoc, '_id'> = {
        kind: 'referral',
        subjectId: memberId,
        sharerId: visit.sharerId,
        memberId,
        orderPayFen: null,
        reasons: flags,
        status: 'open',
        closedReason: null,
        createdAt: at,
        decidedAt: null,
        decidedBy: null,
      };
      await putFlag(tx, `referral:${memberId}`, flag);
    }
  });
}
