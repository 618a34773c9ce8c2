import type { z } from 'zod';
import { findMember, writeTier } from '../members/member.repo';
import type { Member } from '../members/member.rules';
import type { Tier } from '../members/tiers';
import { now as clockNow } from '../platform/clock';
import type { Database, TransactionDb } from '../platform/database';
import { fail, ok, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { settingsView, type SettingsView } from '../platform/settings.repo';
import { inTransaction } from '../platform/transaction';
import { benefitsOf, type LadderConfig, type TierBenefits } from './ladder.config';
import type { LadderResult } from './ladder.errors';
import { factProblem, ladderFactSchema, mergeFact, toLadderFacts, type LadderFact, type LadderFactKind, type MemberFactsDoc } from './ladder.facts';
import { addTierChange, ladderSettings, loadLadderConfig, loadLadderSettings, readMemberFacts, writeMemberFacts } from './ladder.repo';
import { changeReason, decideTierChange, evaluateLadder, type TierChangeKind, type TierDecision } from './ladder.rules';
import { ladderOverview, myLadderView, type LadderOverview, type LadderView } from './ladder.view';

/** The member fields the ladder reads and writes. `tier` and `tierGraceUntil` are written only here. */
export type LadderMember = Pick<Member, '_id' | 'tier' | 'joinedAt' | 'tierGraceUntil'>;

/** A fact as callers build it (dates as Date, or ISO strings when they come from an event). */
export type LadderFactInput = z.input<typeof ladderFactSchema>;

export interface LadderOutcome {
  tier: Tier;
  graceUntil: Date | null;
  change: TierChangeKind;
}

export interface LadderFactOutcome extends LadderOutcome {
  /** False when the fact was already known: a replay writes nothing. */
  recorded: boolean;
}

/** Several deliveries of one member's facts may race; each retry re-reads, so more attempts only cost time. */
const FACT_TX_ATTEMPTS = 25;

/** Whether a decision differs from what the member document holds (no write when it does not). */
function differs(member: LadderMember, decision: TierDecision): boolean {
  const stored = member.tierGraceUntil ? new Date(member.tierGraceUntil).getTime() : null;
  const decided = decision.graceUntil ? decision.graceUntil.getTime() : null;
  return member.tier !== decision.tier || stored !== decided;
}

function notBefore(at: Date, floor: Date): Date {
  return at.getTime() >= floor.getTime() ? at : floor;
}

/** Evaluates one member and decides, without writing. */
export function decideFor(member: LadderMember, facts: MemberFactsDoc, config: LadderConfig, at: Date) {
  const evaluation = evaluateLadder(toLadderFacts(facts, member.joinedAt ?? null), config, at, member.tier);
  const decision = decideTierChange(member.tier, evaluation.tier, member.tierGraceUntil ? new Date(member.tierGraceUntil) : null, at, config);
  return { evaluation, decision, changed: differs(member, decision) };
}

/**
 * Inside a transaction: evaluate, then write the member's tier and grace and, when the tier moves,
 * a tier_changes record — all or nothing.
 */
async function applyDecision(
  tx: TransactionDb,
  member: LadderMember,
  facts: MemberFactsDoc,
  config: LadderConfig,
  at: Date,
  trigger: string,
): Promise<LadderOutcome> {
  const { evaluation, decision, changed } = decideFor(member, facts, config, at);
  // Decided as of `at`; written with this attempt's own time (a retry commits after the write it
  // lost to), never before `at` (a caller deciding as of later than the clock).
  const writtenAt = notBefore(clockNow(), at);
  if (changed) {
    await writeTier(tx, member._id, { tier: decision.tier, tierGraceUntil: decision.graceUntil, updatedAt: writtenAt });
  }
  if (decision.tier !== member.tier) {
    await addTierChange(tx, { memberId: member._id, from: member.tier, to: decision.tier, reason: changeReason(evaluation, decision), at: writtenAt, trigger });
  }
  return { tier: decision.tier, graceUntil: decision.graceUntil, change: decision.change };
}

/**
 * The one entry point for ladder facts (paid and refunded orders, confirmed and reversed
 * conversions, joining). Idempotent: facts are keyed by order id, so a replay — or ten concurrent
 * deliveries — records once. The stored facts, the member's tier and the change record are
 * written in one transaction, then the member is re-evaluated on the spot (upgrades are immediate).
 */
export async function recordLadderFact(
  db: Database,
  fact: LadderFactInput,
  options: { now?: Date } = {},
): Promise<LadderResult<LadderFactOutcome, 'LADDER_FACT_INVALID' | 'NOT_FOUND'>> {
  const parsed = ladderFactSchema.safeParse(fact);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return fail('LADDER_FACT_INVALID', `等级事实格式有误：${details.map((d) => `${d.path} ${d.message}`).join('；')}`, details);
  }
  const problem = factProblem(parsed.data, options.now ?? clockNow());
  if (problem) return fail('LADDER_FACT_INVALID', problem);
  const config = await loadLadderConfig(db);
  const f = parsed.data;
  return inTransaction(
    db,
    // A caller's `now` is fixed on purpose (a job run, a confirmation "as of" its time); otherwise
    // the time is read in each attempt, as a retry decides and writes after the commit it lost to.
    (tx) => applyFactInTx(tx, f, config, options.now ?? clockNow()),
    FACT_TX_ATTEMPTS,
  );
}

/**
 * The fact's merge and the member's re-evaluation, inside the caller's transaction: the stored
 * facts, the tier and the change record, all or nothing. NOT_FOUND (no such member) writes nothing.
 */
async function applyFactInTx(tx: TransactionDb, f: LadderFact, config: LadderConfig, at: Date): Promise<LadderResult<LadderFactOutcome, 'NOT_FOUND'>> {
  const member: LadderMember | null = await findMember(tx, f.memberId);
  if (!member) return fail('NOT_FOUND', '会员不存在');
  const stored = await readMemberFacts(tx, f.memberId);
  const merged = mergeFact(stored, f, at);
  // A replay changes nothing: no writes, no re-evaluation. 'joined' carries no stored fact and
  // always asks for an evaluation (membership itself lives on the member document).
  if (!merged.changed && f.kind !== 'joined') {
    return ok({ recorded: false, tier: member.tier, graceUntil: member.tierGraceUntil ? new Date(member.tierGraceUntil) : null, change: 'none' });
  }
  if (merged.changed) await writeMemberFacts(tx, merged.doc);
  return ok({ recorded: merged.changed, ...(await applyDecision(tx, member, merged.doc, config, at, f.kind satisfies LadderFactKind)) });
}

/**
 * recordLadderFact inside the caller's transaction, with the configuration the caller read before
 * it (reads inside a transaction are doc() reads only): a paid order's fact is recorded in the same
 * transaction that marks the order paid. `at` is that attempt's time. A typed failure (an invalid
 * fact, no such member) writes nothing, so the caller can leave the fact to a later delivery.
 */
export async function recordLadderFactInTx(
  tx: TransactionDb,
  fact: LadderFactInput,
  config: LadderConfig,
  at: Date,
): Promise<LadderResult<LadderFactOutcome, 'LADDER_FACT_INVALID' | 'NOT_FOUND'>> {
  const parsed = ladderFactSchema.safeParse(fact);
  if (!parsed.success) return fail('LADDER_FACT_INVALID', `等级事实格式有误：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`);
  const problem = factProblem(parsed.data, at);
  if (problem) return fail('LADDER_FACT_INVALID', problem);
  return applyFactInTx(tx, parsed.data, config, at);
}

/** Re-reads and re-decides one member in a transaction (the nightly job's write path). */
export async function reevaluateMember(db: Database, memberId: string, config: LadderConfig, at: Date, trigger: string): Promise<LadderOutcome | null> {
  return inTransaction(
    db,
    async (tx) => {
      const member: LadderMember | null = await findMember(tx, memberId);
      if (!member) return null;
      const facts = await readMemberFacts(tx, memberId);
      return applyDecision(tx, member, facts, config, at, trigger);
    },
    FACT_TX_ATTEMPTS,
  );
}

/** A tier's benefits (points multiplier, member price level, perk and draw eligibility) for other areas. */
export async function getTierBenefits(db: Database, tier: Tier): Promise<TierBenefits> {
  return benefitsOf(await loadLadderConfig(db), tier);
}

/** The member's ladder: the five steps in words and where the caller stands. Read-only. */
export async function myLadder(ctx: ActionContext): Promise<Result<LadderView>> {
  return ok(await ladderViewFor(ctx.db, ctx.caller.openid));
}

/** The ladder as `openid` sees it; pass the member record when the caller has already read it. */
export async function ladderViewFor(db: Database, openid: string, known?: LadderMember | null): Promise<LadderView> {
  const [config, member, facts] = await Promise.all([loadLadderConfig(db), known !== undefined ? known : findMember(db, openid), readMemberFacts(db, openid)]);
  // Someone who never opened the app still gets the explanation, as a follower.
  const tier = member?.tier ?? 'follower';
  const view = myLadderView(toLadderFacts(facts, member?.joinedAt ?? null), config, clockNow(), tier, member?.tierGraceUntil ?? null);
  return { ...ladderOverview(config), me: view };
}

/** The ladder's settings as the admin editor shows them: the overview in words, and the configuration with its version. */
export interface LadderConfigView extends LadderOverview, SettingsView<LadderConfig> {}

export async function ladderConfigView(db: Database): Promise<LadderConfigView> {
  const s = await loadLadderSettings(db);
  return { ...ladderOverview(s.config), ...settingsView(s) };
}

/**
 * Validates and saves the ladder configuration staff submitted. Members move to the new
 * thresholds on their next fact or at the nightly re-evaluation.
 */
export async function updateLadderSettings(
  db: Database,
  input: unknown,
  by: string,
  expectedVersion?: number,
): Promise<LadderResult<LadderConfigView, 'LADDER_CONFIG_INVALID' | 'CONFLICT'>> {
  const saved = await ladderSettings.update(db, input, by, expectedVersion);
  if (!saved.ok) return saved;
  return ok(await ladderConfigView(db));
}
