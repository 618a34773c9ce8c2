import { createHash } from 'node:crypto';
import { findMember, writePointsCache } from '../members/member.repo';
import type { TransactionDb } from '../platform/database';
import { fail, ok } from '../platform/result';
import type { PointsErrorCode, PointsResult } from './points.errors';
import { addEntry, findEntry, readWalletDoc, writeWallet, type EntryKind, type PointsEntry } from './points.repo';
import { earn, expire, lineTime, reverse, spend, type Movement, type RuleResult, type Wallet } from './points.rules';

/** What a ledger change may answer: the points catalog's refusals, no such member, or a source key already used for another member. */
export type LedgerErrorCode = PointsErrorCode | 'NOT_FOUND' | 'CONFLICT';

export type PointsChange =
  | { kind: 'earn'; memberId: string; sourceKey: string; amount: number; reason: string; expiresAt: Date }
  | { kind: 'spend'; memberId: string; sourceKey: string; amount: number; reason: string }
  | { kind: 'reverse'; memberId: string; sourceKey: string; earnKey: string; amount: number; reason: string }
  | { kind: 'adjust'; memberId: string; sourceKey: string; amount: number; reason: string; actor: string; expiresAt: Date };

export interface LedgerOutcome {
  entry: PointsEntry;
  /** True when the source key was already applied: nothing changed. */
  replayed: boolean;
}

/**
 * Applies one change inside the caller's transaction: at most three writes (wallet, the member's
 * cached balance, the entry). The entry's id is the source key, read first, so a replayed event is
 * a no-op; two concurrent deliveries conflict on that id and the retry finds it applied.
 *
 * `at` must be taken inside the transaction's attempt (a retry runs after other commits); the line
 * is written at `lineTime(at, previous line)`, so the member's lines stay in commit order.
 */
export async function applyPointsChange(tx: TransactionDb, change: PointsChange, at: Date): Promise<PointsResult<LedgerOutcome, LedgerErrorCode>> {
  const existing = await findEntry(tx, change.sourceKey);
  if (existing) {
    // The key is not named: it may embed another member's id, and this may reach a member's screen.
    if (existing.memberId !== change.memberId) return fail('CONFLICT', '该积分记录已用于其他会员');
    return ok({ entry: existing, replayed: true });
  }
  const member = await findMember(tx, change.memberId);
  if (!member) return fail('NOT_FOUND', '会员不存在');
  const { wallet, lastLineAt } = await readWalletDoc(tx, change.memberId);
  const lineAt = lineTime(at, lastLineAt);
  const result = compute(wallet, change, lineAt);
  if (!result.ok) return fail(result.code, result.message);
  const credit = (change.kind === 'earn' || change.kind === 'adjust') && result.movement.delta > 0 ? change.expiresAt : null;
  const entry = await write(tx, change.memberId, change.sourceKey, entryKind(change), result.movement, change.reason, lineAt, {
    expiresAt: credit,
    actor: change.kind === 'adjust' ? change.actor : undefined,
  });
  return ok({ entry, replayed: false });
}

/**
 * Sweeps a member's lots due by `dueBy` in the caller's transaction. The key is derived from what is
 * due, so a rerun after a crash finds it. `writtenAt` is the attempt's own time (see applyPointsChange).
 */
export async function applyExpiry(
  tx: TransactionDb,
  memberId: string,
  dueBy: Date,
  writtenAt: Date = dueBy,
): Promise<PointsResult<LedgerOutcome | null, LedgerErrorCode>> {
  const { wallet, lastLineAt } = await readWalletDoc(tx, memberId);
  const due = wallet.lots.filter((l) => l.expiresAt.getTime() <= dueBy.getTime());
  if (due.length === 0) return ok(null);
  const lotsDigest = createHash('sha1')
    .update(
      due
        .map((l) => l.key)
        .sort()
        .join('\n'),
    )
    .digest('hex');
  const sourceKey = `expire:${memberId}:${lotsDigest}`;
  const existing = await findEntry(tx, sourceKey);
  if (existing) return ok({ entry: existing, replayed: true });
  const movement = expire(wallet, dueBy);
  const entry = await write(tx, memberId, sourceKey, 'expire', movement, '积分到期', lineTime(writtenAt, lastLineAt), {});
  return ok({ entry, replayed: false });
}

function compute(wallet: Wallet, change: PointsChange, at: Date): RuleResult {
  switch (change.kind) {
    case 'earn':
      return earn(wallet, change.sourceKey, change.amount, at, change.expiresAt);
    case 'spend':
      return spend(wallet, change.amount, at);
    case 'reverse':
      return reverse(wallet, change.earnKey, change.amount);
    case 'adjust':
      return change.amount > 0 ? earn(wallet, change.sourceKey, change.amount, at, change.expiresAt) : spend(wallet, -change.amount, at);
  }
}

function entryKind(change: PointsChange): EntryKind {
  return change.kind;
}

async function write(
  tx: TransactionDb,
  memberId: string,
  sourceKey: string,
  kind: EntryKind,
  m: Movement,
  reason: string,
  at: Date,
  extra: { expiresAt?: Date | null; actor?: string },
): Promise<PointsEntry> {
  await writeWallet(tx, memberId, m.wallet, at);
  await writePointsCache(tx, memberId, { points: m.wallet.balance, pointsDebt: m.wallet.debt });
  const entry: PointsEntry = {
    _id: sourceKey,
    memberId,
    kind,
    delta: m.delta,
    debtDelta: m.debtDelta,
    balanceAfter: m.wallet.balance,
    debtAfter: m.wallet.debt,
    reason,
    lots: m.lots,
    createdAt: at,
    ...(extra.expiresAt ? { expiresAt: extra.expiresAt } : {}),
    ...(extra.actor ? { actor: extra.actor } : {}),
  };
  await addEntry(tx, entry);
  return entry;
}
