/**
 * Referrals in the admin area: the review list of flagged referrals and conversions (the KOC
 * leaderboard, which also reads orders, is in core/admin/koc-leaderboard.usecases.ts). Moderators
 * see it; admins decide (approve pays or counts, reject voids). Every call goes through asStaff:
 * the role is read on the server and the attempt is audited.
 */
import { memberNames } from '../members/member.repo';
import { now } from '../platform/clock';
import type { TransactionDb } from '../platform/database';
import { fail, ok } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { inTransaction } from '../platform/transaction';
import { asStaff } from '../staff/staff.guard';
import type { ReferralConfig } from './referral.config';
import { loadReferralConfig } from './referral-settings.repo';
import { approvalOf, flagText } from './referral.rules';
import { confirmInTx, syncLadder } from './referrals.conversions';
import type { ReferralsResult } from './referrals.errors';
import type { DecideFlagInput } from './referrals.inputs';
import type { ConversionDoc, ConversionStatus, FlagDoc, FlagView, ReferralStatus } from './referrals.model';
import { findConversion, findFlag, findReferral, openFlags, updateConversion, updateFlag, updateReferral } from './referrals.repo';

const REVIEW_LIST_SIZE = 100;

/**
 * `admin.flaggedReferrals`: open review items, oldest first, with names and reasons in words. The
 * reasons quote today's rules (the cap, the burst), read alongside the list.
 */
export function flaggedReferrals(ctx: ActionContext, rules?: ReferralConfig): Promise<ReferralsResult<{ flags: FlagView[] }, 'FORBIDDEN'>> {
  return asStaff(ctx, 'referrals.view', 'referrals.flags', {}, async () => {
    const [flags, config] = await Promise.all([openFlags(ctx.db, REVIEW_LIST_SIZE), rules ?? loadReferralConfig(ctx.db)]);
    const names = await memberNames(
      ctx.db,
      flags.flatMap((f) => [f.sharerId, f.memberId]),
    );
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
export function decideFlag(
  ctx: ActionContext,
  input: DecideFlagInput,
  rules?: ReferralConfig,
): Promise<ReferralsResult<FlagDecision, DecideError | 'FORBIDDEN'>> {
  return asStaff(ctx, 'referrals.decide', `referrals.flag.${input.decision}`, { id: input.id }, async () => {
    const config = rules ?? (await loadReferralConfig(ctx.db));
    // The time is read in each attempt: a retry decides (is the hold over?) and writes at its own time.
    const decided = await inTransaction(ctx.db, (tx) => decideInTx(tx, ctx.caller.openid, input, now(), config), 20);
    if (!decided.ok) return decided;
    if (decided.data.confirmed) await syncLadder(ctx.db, decided.data.confirmed, new Date(decided.data.confirmed.confirmedAt ?? now()));
    return ok(decided.data.decision);
  });
}

async function decideInTx(
  tx: TransactionDb,
  actor: string,
  input: DecideFlagInput,
  at: Date,
  config: ReferralConfig,
): Promise<ReferralsResult<{ decision: FlagDecision; confirmed: ConversionDoc | null }, DecideError>> {
  const flag = await findFlag(tx, input.id);
  if (!flag) return fail('NOT_FOUND', '待审核记录不存在');
  if (flag.status !== 'open') return fail('FLAG_ALREADY_DECIDED', flag.status === 'closed' ? `该记录已关闭：${flag.closedReason ?? ''}` : '该记录已处理');
  const approve = input.decision === 'approve';
  let subjectStatus: ReferralStatus | ConversionStatus;
  let confirmed: ConversionDoc | null = null;
  if (flag.kind === 'referral') {
    const referral = await findReferral(tx, flag.subjectId);
    if (!referral) return fail('NOT_FOUND', '邀请记录不存在');
    subjectStatus = approve ? 'counted' : 'void';
    await updateReferral(tx, flag.subjectId, { status: subjectStatus, decidedAt: at });
  } else {
    const conversion = await findConversion(tx, flag.subjectId);
    if (!conversion) return fail('NOT_FOUND', '转化记录不存在');
    // A refund closes the flag in the same transaction, so an open flag means a flagged conversion.
    if (conversion.status !== 'flagged') return fail('FLAG_ALREADY_DECIDED', '该记录已处理');
    if (!approve) {
      subjectStatus = 'void';
      await updateConversion(tx, conversion._id, { status: 'void', voidedAt: at, updatedAt: at });
    } else if (approvalOf(conversion, at) === 'confirm_now') {
      confirmed = await confirmInTx(tx, conversion, at, config, { approved: true });
      subjectStatus = 'confirmed';
    } else {
      subjectStatus = 'pending';
      await updateConversion(tx, conversion._id, { status: 'pending', approved: true, updatedAt: at });
    }
  }
  await updateFlag(tx, flag._id, { status: approve ? 'approved' : 'rejected', decidedAt: at, decidedBy: actor });
  return ok({ decision: { id: flag._id, status: approve ? 'approved' : 'rejected', subjectStatus }, confirmed });
}
