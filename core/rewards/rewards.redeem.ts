/**
 * Redeeming a reward: one transaction that checks the member and the reward, takes a unit of
 * stock, spends the points (oldest lots first, through the ledger) and, for a coupon reward,
 * issues the coupon. Everything is keyed by `redeem:<memberId>:<requestId>`, so a client retry
 * with the same requestId returns the original result and changes nothing.
 */
import { MEMBERS } from '../members/member.repo';
import type { Member } from '../members/member.rules';
import { now } from '../platform/clock';
import type { Database, TransactionDb } from '../platform/database';
import { fail, ok, type Result } from '../platform/result';
import { inTransaction, isTransactionConflict } from '../platform/transaction';
import { applyPointsChange, type PointsErrorCode } from '../points/points.ledger';
import { readOrNull } from '../points/points.repo';
import { COUPONS, REDEMPTIONS, REWARDS, type CouponDoc, type RedeemResult, type RedemptionDoc, type RewardDoc } from './rewards.model';
import { readStock } from './rewards.repo';
import { couponExpiry, couponIdFor, redeemBlock, redemptionKey, shardOrder, type RedeemBlockCode } from './rewards.rules';
import { findUnit, takeUnit } from './rewards.stock';
import { toMyCoupon } from './rewards.views';

export type RedeemErrorCode = RedeemBlockCode | 'REWARD_OUT_OF_STOCK' | 'REQUEST_ID_REUSED' | PointsErrorCode | 'CONFLICT';

/**
 * Attempts before a burst gives up with a retryable CONFLICT. Each conflict means another
 * redemption committed, so attempts are progress; 12 covers 50 simultaneous taps by one member
 * (every one of them writes that member's wallet) with room to spare.
 */
export const REDEEM_ATTEMPTS = 12;

export async function redeemReward(db: Database, memberId: string, rewardId: string, requestId: string): Promise<Result<RedeemResult, RedeemErrorCode>> {
  const key = redemptionKey(memberId, requestId);
  try {
    return await inTransaction(
      db,
      async (tx) => {
        // The time is read in each attempt: a retry commits after the redemptions it conflicted
        // with, and its ledger line, redemption and coupon must say so.
        const at = now();
        // A fresh look at the shards each attempt (a plain query, not part of the transaction):
        // it only orders the shards to try; the transaction's own reads decide.
        const hint = (await readStock(db, [rewardId])).get(rewardId) ?? [];
        return redeemInTransaction(tx, { memberId, rewardId, requestId, key, at, hint });
      },
      REDEEM_ATTEMPTS,
    );
  } catch (e) {
    if (isTransactionConflict(e)) return fail('CONFLICT', '兑换的人有点多，请稍后再试');
    throw e;
  }
}

interface RedeemRequest {
  memberId: string;
  rewardId: string;
  requestId: string;
  key: string;
  at: Date;
  hint: Array<{ index: number; remaining: number }>;
}

/** All reads and checks come before the first write, so every refusal leaves nothing behind. */
async function redeemInTransaction(tx: TransactionDb, req: RedeemRequest): Promise<Result<RedeemResult, RedeemErrorCode>> {
  const done = await readOrNull<RedemptionDoc>(tx.collection(REDEMPTIONS).doc(req.key));
  if (done) return replay(tx, done, req);

  const member = await readOrNull<Member>(tx.collection(MEMBERS).doc(req.memberId));
  const reward = await readOrNull<RewardDoc>(tx.collection(REWARDS).doc(req.rewardId));
  const block = redeemBlock(member, reward);
  if (block) return fail(block.code, block.message);
  if (!reward) return fail('REWARD_UNAVAILABLE', '该奖品已下架');
  // saveReward never stores a coupon reward without terms; refuse rather than take points for nothing.
  if (reward.kind === 'coupon' && !reward.coupon) return fail('REWARD_UNAVAILABLE', '该奖品暂不可兑换');

  const unit = await findUnit(tx, reward._id, shardOrder(req.hint, reward.stockShards));
  if (!unit) return fail('REWARD_OUT_OF_STOCK', '奖品已兑完');

  // The ledger writes only when the spend succeeds, so a refusal here is still write-free.
  const spent = await applyPointsChange(tx, { kind: 'spend', memberId: req.memberId, sourceKey: req.key, amount: reward.pointsCost, reason: `兑换：${reward.title}` }, req.at);
  if (!spent.ok) return spent;
  // The entry and the redemption record are written together, so one without the other is a bug.
  if (spent.data.replayed) throw new Error(`points entry ${req.key} exists without its redemption`);

  await takeUnit(tx, reward._id, unit, req.at);
  const coupon = reward.kind === 'coupon' ? couponFor(reward, req) : null;
  if (coupon) await tx.collection(COUPONS).add({ data: { ...coupon } });
  const record: RedemptionDoc = {
    _id: req.key,
    memberId: req.memberId,
    requestId: req.requestId,
    rewardId: reward._id,
    kind: reward.kind,
    title: reward.title,
    pointsCost: reward.pointsCost,
    couponId: coupon?._id ?? null,
    stockShard: unit.index,
    balanceAfter: spent.data.entry.balanceAfter,
    status: reward.kind === 'coupon' ? 'issued' : 'pending_fulfilment',
    createdAt: req.at,
  };
  await tx.collection(REDEMPTIONS).add({ data: { ...record } });
  return ok({ coupon: coupon ? toMyCoupon(coupon, req.at) : null, balance: record.balanceAfter, replayed: false });
}

function couponFor(reward: RewardDoc, req: RedeemRequest): CouponDoc {
  const terms = reward.coupon!;
  return {
    _id: couponIdFor(req.key),
    memberId: req.memberId,
    rewardId: reward._id,
    title: reward.title,
    valueFen: terms.valueFen,
    minSpendFen: terms.minSpendFen,
    state: 'available',
    issuedAt: req.at,
    expiresAt: couponExpiry(req.at, terms.validDays),
    usedAt: null,
    redemptionId: req.key,
  };
}

/** The original result, whatever happened since (stock sold out, member moved tier, coupon used). */
async function replay(tx: TransactionDb, done: RedemptionDoc, req: RedeemRequest): Promise<Result<RedeemResult, RedeemErrorCode>> {
  if (done.rewardId !== req.rewardId) return fail('REQUEST_ID_REUSED', '该请求已用于兑换其他奖品，请刷新后重试');
  const coupon = done.couponId ? await readOrNull<CouponDoc>(tx.collection(COUPONS).doc(done.couponId)) : null;
  return ok({ coupon: coupon ? toMyCoupon(coupon, req.at) : null, balance: done.balanceAfter, replayed: true });
}
