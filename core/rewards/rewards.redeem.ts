/**
 * Redeeming a reward, keyed by `redeem:<memberId>:<requestId>`: a client retry with the same
 * requestId returns the original outcome and changes nothing.
 *
 * 1. Plain reads, at once: the request's record (a replay stops here), the member, the reward, the
 *    wallet, and the reward's shards with this request's hold. A refusal that is certain here
 *    (not a member, tier, unavailable, points short, sold out) takes nothing.
 * 2. A unit is taken with one conditional update outside any transaction (reward-stock.repo.ts): no
 *    conflict however many members redeem the reward at once, never oversold. The unit's hold is
 *    recorded in the same update; a retry of the request takes over the hold its earlier call left.
 * 3. The member's lane (rewards.lane.ts): one member's redemptions take turns at the wallet.
 *    One transaction, with attempts bounded by time (transactWithin, core/platform/transaction.ts): the request's record again
 *    (a twin may have finished), the points spent (oldest lots first), the coupon, the redemption
 *    record naming the hold it used. It writes only the member's own documents and new ones, so it
 *    conflicts only with the same member's other redemptions.
 * 4. The hold is settled after the commit; on a refusal, or when the budget ran out, this call
 *    gives the unit back — only while it still owns the hold (its own transaction certainly did not
 *    commit; a retry that took the hold over decides for itself).
 *
 * A crash anywhere leaves at most a hold: the retry with the same requestId takes it over and
 * finishes, or the holds job (rewards.holds.ts) settles it, gives it back, or — for an orphan —
 * first voids the request (`redemptions/<key>` with status `void`, which the transaction would
 * have to insert too, so a late commit of that request is impossible) and then gives it back.
 * So: never oversold, points spent at most once per request, never a coupon without its spend.
 */
import { randomBytes } from 'node:crypto';
import { findMember } from '../members/member.repo';
import { now } from '../platform/clock';
import type { Database, TransactionDb } from '../platform/database';
import { fail, ok } from '../platform/result';
import { transactWithin } from '../platform/transaction';
import { applyPointsChange, type LedgerErrorCode } from '../points/points.ledger';
import { readWallet } from '../points/points.repo';
import { spend } from '../points/points.rules';
import { adoptHold, readShards, releaseHold, settleHold, takeUnit, type ShardView } from './reward-stock.repo';
import type { RewardsResult } from './rewards.errors';
import { leaveLane, waitForLane } from './rewards.lane';
import { holdField } from './rewards.holds.rules';
import type { CouponDoc, RedeemResult, RedemptionDoc, RedemptionRecord, RewardDoc } from './rewards.model';
import { findCoupon, findRedemption, findReward, insertCoupon, insertRedemption } from './rewards.repo';
import { couponExpiry, couponIdFor, redeemBlock, redemptionKey, takeOrder, type RedeemBlockCode } from './rewards.rules';
import { toMyCoupon } from './rewards.views';

export type RedeemErrorCode = RedeemBlockCode | 'REWARD_OUT_OF_STOCK' | 'REQUEST_ID_REUSED' | LedgerErrorCode | 'CONFLICT';
type RedeemResultOf = RewardsResult<RedeemResult, RedeemErrorCode>;

/**
 * Time a redemption may spend retrying its transaction, from the moment it starts. The points
 * function's time limit (cloudfunctions/points/config.json) is 20 s and the H5 gateway's client
 * gives up after 15 s; a redemption answers well before either, with CONFLICT if it must, and
 * never keeps working after its caller has stopped listening.
 */
export const REDEEM_BUDGET_MS = 5_000;

/** The retryable refusal: nothing was redeemed, and the same requestId may be sent again. */
export const BUSY_MESSAGE = '兑换的人有点多，请稍后再试';
export const VOIDED_MESSAGE = '该兑换请求已失效，积分未扣除，请重新兑换';

interface Held {
  index: number;
  id: string;
}

export async function redeemReward(db: Database, memberId: string, rewardId: string, requestId: string): Promise<RedeemResultOf> {
  const deadline = Date.now() + REDEEM_BUDGET_MS;
  const key = redemptionKey(memberId, requestId);
  const field = holdField(key);
  // This invocation, as the owner of the unit it holds.
  const me = randomBytes(16).toString('hex');

  const [done, member, reward, wallet, shards] = await Promise.all([
    findRedemption(db, key),
    findMember(db, memberId),
    findReward(db, rewardId),
    readWallet(db, memberId),
    readShards(db, rewardId, field),
  ]);
  if (done) {
    await tidyAfterOutcome(db, done, rewardId, field, shards);
    return answerReplay(db, done, rewardId);
  }

  const block = redeemBlock(member, reward);
  if (block) return fail(block.code, block.message);
  if (!reward) return fail('REWARD_UNAVAILABLE', '该奖品已下架');
  // saveReward never stores a coupon reward without terms; refuse rather than take points for nothing.
  if (reward.kind === 'coupon' && !reward.coupon) return fail('REWARD_UNAVAILABLE', '该奖品暂不可兑换');
  // The same rule the ledger applies in the transaction: a member who is short takes no unit.
  const affordable = spend(wallet, reward.pointsCost, now());
  if (!affordable.ok) return fail(affordable.code, affordable.message);

  const held = await holdUnit(db, reward, field, key, memberId, me, shards, deadline);
  if (held === 'sold_out') return fail('REWARD_OUT_OF_STOCK', '奖品已兑完');
  if (held === 'busy') return fail('CONFLICT', BUSY_MESSAGE);

  // The member's other redemptions write the same wallet: take turns rather than conflict.
  if (!(await waitForLane(db, memberId, { owner: me, key }, deadline))) {
    await releaseHold(db, rewardId, held.index, field, { owner: me });
    return fail('CONFLICT', BUSY_MESSAGE);
  }
  const run = await transactWithin(db, (tx) => redeemInTransaction(tx, { memberId, reward, requestId, key, held }), { deadline });
  if (!run.done) {
    await Promise.all([releaseHold(db, rewardId, held.index, field, { owner: me }), leaveLane(db, memberId, me)]);
    return fail('CONFLICT', BUSY_MESSAGE);
  }
  return finish(db, run.value, { rewardId, memberId, field, held, me });
}

/** Settles or gives back the unit after the transaction, and answers. */
async function finish(
  db: Database,
  outcome: TxOutcome,
  c: { rewardId: string; memberId: string; field: string; held: Held; me: string },
): Promise<RedeemResultOf> {
  // Best effort: a crash here leaves the marker for the retry or the holds job; the redemption stands.
  const settle = () => settleHold(db, c.rewardId, c.held.index, c.field, c.held.id).catch(() => false);
  if (outcome.kind === 'redeemed') {
    // The spend rewrote the wallet, which handed the lane on.
    await settle();
    return outcome.result;
  }
  await leaveLane(db, c.memberId, c.me);
  // A twin of this request committed with this very unit (one of the two took the hold over from the other).
  if (outcome.kind === 'replay' && outcome.done.status !== 'void' && outcome.done.holdId === c.held.id) await settle();
  else await releaseHold(db, c.rewardId, c.held.index, c.field, { owner: c.me });
  return outcome.kind === 'replay' ? answerReplay(db, outcome.done, c.rewardId) : outcome.refusal;
}

/**
 * One unit for this request: the hold an earlier call of the same request left (taken over), or a
 * new one from a shard a fresh read says has stock. A reward is sold out only when a fresh read
 * finds no shard with stock. Every round that takes nothing saw each shard it tried emptied (or
 * its hold moved) by someone else, so the rounds end; the deadline bounds them anyway.
 */
async function holdUnit(
  db: Database,
  reward: RewardDoc,
  field: string,
  key: string,
  memberId: string,
  me: string,
  shards: ShardView[],
  deadline: number,
): Promise<Held | 'sold_out' | 'busy'> {
  for (let round = 0; ; round++) {
    if (round > 0) shards = await readShards(db, reward._id, field);
    const mine = shards.find((s) => s.hold);
    if (mine?.hold) {
      if (await adoptHold(db, reward._id, mine.index, field, mine.hold.owner, me)) return { index: mine.index, id: mine.hold.id };
      continue;
    }
    const order = takeOrder(shards, reward.stockShards);
    // Sold out is an answer (the member is told so), even past the deadline; "busy" only while stock remains.
    if (order.length === 0) return 'sold_out';
    if (round > 0 && Date.now() >= deadline) return 'busy';
    for (const index of order) {
      if (await takeUnit(db, reward._id, index, field, { id: me, owner: me, key, memberId, at: now() })) return { index, id: me };
    }
  }
}

interface TxRequest {
  memberId: string;
  reward: RewardDoc;
  requestId: string;
  key: string;
  held: Held;
}

type TxOutcome = { kind: 'redeemed'; result: RedeemResultOf } | { kind: 'replay'; done: RedemptionRecord } | { kind: 'refused'; refusal: RedeemResultOf };

/** Every refusal comes before the first write, so a refused attempt leaves nothing behind. */
async function redeemInTransaction(tx: TransactionDb, req: TxRequest): Promise<TxOutcome> {
  // The time is read in each attempt: a retry commits after the redemptions it conflicted with,
  // and its ledger line, redemption and coupon must say so.
  const at = now();
  const done = await findRedemption(tx, req.key);
  if (done) return { kind: 'replay', done };

  const { reward } = req;
  const spent = await applyPointsChange(
    tx,
    { kind: 'spend', memberId: req.memberId, sourceKey: req.key, amount: reward.pointsCost, reason: `兑换：${reward.title}` },
    at,
  );
  if (!spent.ok) return { kind: 'refused', refusal: spent };
  // The entry and the redemption record are written together, so one without the other is a bug.
  if (spent.data.replayed) throw new Error(`points entry ${req.key} exists without its redemption`);

  const coupon = reward.kind === 'coupon' ? couponFor(reward, req, at) : null;
  if (coupon) await insertCoupon(tx, coupon);
  const record: RedemptionDoc = {
    _id: req.key,
    memberId: req.memberId,
    requestId: req.requestId,
    rewardId: reward._id,
    kind: reward.kind,
    title: reward.title,
    pointsCost: reward.pointsCost,
    couponId: coupon?._id ?? null,
    stockShard: req.held.index,
    holdId: req.held.id,
    balanceAfter: spent.data.entry.balanceAfter,
    status: reward.kind === 'coupon' ? 'issued' : 'pending_fulfilment',
    createdAt: at,
  };
  await insertRedemption(tx, record);
  return { kind: 'redeemed', result: ok({ coupon: coupon ? toMyCoupon(coupon, at) : null, balance: record.balanceAfter, replayed: false }) };
}

function couponFor(reward: RewardDoc, req: TxRequest, at: Date): CouponDoc {
  const terms = reward.coupon!;
  return {
    _id: couponIdFor(req.key),
    memberId: req.memberId,
    rewardId: reward._id,
    title: reward.title,
    valueFen: terms.valueFen,
    minSpendFen: terms.minSpendFen,
    state: 'available',
    issuedAt: at,
    expiresAt: couponExpiry(at, terms.validDays),
    usedAt: null,
    redemptionId: req.key,
  };
}

/**
 * A request that already has an outcome may have left a hold marker behind (a crash after the
 * commit, or a twin's surplus unit): the shard read shows it, and it is settled or given back now.
 */
async function tidyAfterOutcome(db: Database, done: RedemptionRecord, rewardId: string, field: string, shards: ShardView[]): Promise<void> {
  for (const s of shards) {
    if (!s.hold) continue;
    if (done.status !== 'void' && done.holdId === s.hold.id) await settleHold(db, rewardId, s.index, field, s.hold.id);
    else await releaseHold(db, rewardId, s.index, field, { id: s.hold.id });
  }
}

/** The original result, whatever happened since (stock sold out, member moved tier, coupon used). */
async function answerReplay(db: Database, done: RedemptionRecord, rewardId: string): Promise<RedeemResultOf> {
  if (done.status === 'void') return fail('REQUEST_ID_REUSED', VOIDED_MESSAGE);
  if (done.rewardId !== rewardId) return fail('REQUEST_ID_REUSED', '该请求已用于兑换其他奖品，请刷新后重试');
  const coupon = done.couponId ? await findCoupon(db, done.couponId) : null;
  return ok({ coupon: coupon ? toMyCoupon(coupon, now()) : null, balance: done.balanceAfter, replayed: true });
}
