/**
 * Referrals in the admin area: the KOC leaderboard and the review list of flagged referrals and
 * conversions. Moderators see both; admins decide (approve pays or counts, reject voids). Every
 * call goes through asStaff: the role is read on the server and the attempt is audited.
 */
import { asStaff } from '../admin/admin.usecases';
import { TIER_NAMES } from '../members/tiers';
import { now } from '../platform/clock';
import type { TransactionDb } from '../platform/database';
import { fail, ok, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { inTransaction } from '../platform/transaction';
import { readOrNull } from '../points/points.repo';
import { DAY_MS, type ReferralConfig } from './referral.config';
import { loadReferralConfig } from './referral-settings.repo';
import { approvalOf, flagText } from './referral.rules';
import { confirmInTx, syncLadder } from './referrals.conversions';
import type { DecideFlagInput, KocLeaderboardInput } from './referrals.inputs';
import { CONVERSIONS, REFERRAL_FLAGS, REFERRALS, type ConversionDoc, type ConversionStatus, type FlagDoc, type FlagView, type KocLeaderboard, type ReferralDoc, type ReferralStatus } from './referrals.model';
import { memberNames, openFlags, ownOrderValue, topSharersSince } from './referrals.repo';

const LEADERBOARD_SIZE = 50;
const REVIEW_LIST_SIZE = 100;

/** `admin.kocLeaderboard`: the top sharers of a period by distinct friends who bought, then propagation value. */
export function kocLeaderboard(ctx: ActionContext, input: KocLeaderboardInput): Promise<Result<KocLeaderboard, string>> {
  return asStaff(ctx, 'referrals.view', 'referrals.leaderboard', { days: input.days }, async () => {
    const since = new Date(now().getTime() - input.days * DAY_MS);
    const top = await topSharersSince(ctx.db, since, LEADERBOARD_SIZE);
    const ids = top.map((t) => t.sharerId);
    const [names, own] = await Promise.all([memberNames(ctx.db, ids), ownOrderValue(ctx.db, ids, since)]);
    return ok({
      days: input.days,
      since: since.toISOString(),
      rows: top.map((t, i) => {
        const member = names.get(t.sharerId);
        const value = own.get(t.sharerId) ?? { paidFen: 0, refundedFen: 0 };
        const ownFen = value.paidFen - value.refundedFen;
        const tier = member?.tier ?? 'follower';
        return { rank: i + 1, memberId: t.sharerId, nickname: member?.nickname ?? '', tier, tierName: TIER_NAMES[tier], friends: t.friends, conversions: t.conversions, propagationFen: t.propagationFen, ownFen, totalFen: ownFen + t.propagationFen };
      }),
    });
  });
}

/**
 * `admin.flaggedReferrals`: open review items, oldest first, with names and reasons in words. The
 * reasons quote today's rules (the cap, the burst), read alongside the list.
 */
export function flaggedReferrals(ctx: ActionContext, rules?: ReferralConfig): Promise<Result<{ flags: FlagView[] }, string>> {
  return asStaff(ctx, 'referrals.view', 'referrals.flags', {}, async () => {
    const [flags, config] = await Promise.all([openFlags(ctx.db, REVIEW_LIST_SIZE), rules ?? loadReferralConfig(ctx.db)]);
    const names = await memberNames(ctx.db, flags.flatMap((f) => [f.sharerId, f.memberId]));
    return ok({ flags: flags.map((f) => toFlagView(f, (id) => names.get(id)?.nickname ?? '', config)) });
  });
}

function toFlagView(f: FlagDoc, nickname: (id: string) => string, config: ReferralConfig): FlagView {
  return {
    id: f._id,
    kind: f.kind,
    kindText: f.kind === 'referral' ? '好友加入' : '好友购买',
    sharerId: f.sharerId,
    sharerNickname: nickname(f.sharerId),
    memberId: f.memberId,
    memberNickname: nickname(f.memberId),
    orderId: f.kind === 'conversion' ? f.subjectId : null,
    orderPayFen: f.orderPayFen,
    reasons: f.reasons,
    reasonTexts: f.reasons.map((r) => flagText(r, config)),
    createdAt: new Date(f.createdAt).toISOString(),
  };
}

export interface FlagDecision {
  id: string;
  status: 'approved' | 'rejected';
  /** What the referral or the conversion became. */
  subjectStatus: ReferralStatus | ConversionStatus;
}

type DecideError = 'NOT_FOUND' | 'FLAG_ALREADY_DECIDED';

/**
 * `admin.decideFlag` (admins). A referral: approve counts it, reject voids it (the newcomer keeps
 * no referrer). A conversion: reject voids it; approve pays it now if its hold is over (ledger and
 * ladder, like the timer) or returns it to pending for the timer. Deciding twice is refused.
 * The stored rules (the reward) are read once, before the transaction: its retries reuse them.
 */
export function decideFlag(ctx: ActionContext, input: DecideFlagInput, rules?: ReferralConfig): Promise<Result<FlagDecision, string>> {
  return asStaff(ctx, 'referrals.decide', `referrals.flag.${input.decision}`, { id: input.id }, async () => {
    const config = rules ?? (await loadReferralConfig(ctx.db));
    // The time is read in each attempt: a retry decides (is the hold over?) and writes at its own time.
    const decided = await inTransaction(ctx.db, (tx) => decideInTx(tx, ctx.caller.openid, input, now(), config), 20);
    if (!decided.ok) return decided;
    if (decided.data.confirmed) await syncLadder(ctx.db, decided.data.confirmed, new Date(decided.data.confirmed.confirmedAt ?? now()));
    return ok(decided.data.decision);
  });
}

async function decideInTx(tx: TransactionDb, actor: string, input: DecideFlagInput, at: Date, config: ReferralConfig): Promise<Result<{ decision: FlagDecision; confirmed: ConversionDoc | null }, DecideError>> {
  const flag = await readOrNull<FlagDoc>(tx.collection(REFERRAL_FLAGS).doc(input.id));
  if (!flag) return fail('NOT_FOUND', '待审核记录不存在');
  if (flag.status !== 'open') return fail('FLAG_ALREADY_DECIDED', flag.status === 'closed' ? `该记录已关闭：${flag.closedReason ?? ''}` : '该记录已处理');
  const approve = input.decision === 'approve';
  let subjectStatus: ReferralStatus | ConversionStatus;
  let confirmed: ConversionDoc | null = null;
  if (flag.kind === 'referral') {
    const referral = await readOrNull<ReferralDoc>(tx.collection(REFERRALS).doc(flag.subjectId));
    if (!referral) return fail('NOT_FOUND', '邀请记录不存在');
    subjectStatus = approve ? 'counted' : 'void';
    await tx.collection(REFERRALS).doc(flag.subjectId).update({ data: { status: subjectStatus, decidedAt: at } });
  } else {
    const conversion = await readOrNull<ConversionDoc>(tx.collection(CONVERSIONS).doc(flag.subjectId));
    if (!conversion) return fail('NOT_FOUND', '转化记录不存在');
    // A refund closes the flag in the same transaction, so an open flag means a flagged conversion.
    if (conversion.status !== 'flagged') return fail('FLAG_ALREADY_DECIDED', '该记录已处理');
    if (!approve) {
      subjectStatus = 'void';
      await tx.collection(CONVERSIONS).doc(conversion._id).update({ data: { status: 'void', voidedAt: at, updatedAt: at } });
    } else if (approvalOf(conversion, at) === 'confirm_now') {
      confirmed = await confirmInTx(tx, conversion, at, config, { approved: true });
      subjectStatus = 'confirmed';
    } else {
      subjectStatus = 'pending';
      await tx.collection(CONVERSIONS).doc(conversion._id).update({ data: { status: 'pending', approved: true, updatedAt: at } });
    }
  }
  await tx.collection(REFERRAL_FLAGS).doc(flag._id).update({ data: { status: approve ? 'approved' : 'rejected', decidedAt: at, decidedBy: actor } });
  return ok({ decision: { id: flag._id, status: approve ? 'approved' : 'rejected', subjectStatus }, confirmed });
}
