import { isDuplicateKey, type Database } from '../platform/database';
import { auditKindOf, boundedTarget, deniedTarget, denialEntryId, type AuditKind } from './audit.rules';

export const AUDIT_LOG = 'audit_log';

export interface AuditEntry {
  _id?: string;
  actor: string;
  role: string;
  action: string;
  /**
   * What the action touched, e.g. { openid } of a member whose role changed. Bounded (see
   * audit.rules.ts); for a denial only the ids and a `digest` of what was sent.
   */
  target: Record<string, unknown>;
  outcome: 'ok' | 'denied' | 'failed';
  detail?: string;
  /** Absent on entries written before kinds existed: those count as changes. */
  kind?: AuditKind;
  /** When it happened; for coalesced denials, the first attempt of the window. */
  at: Date;
  /** Denials only: attempts of this action by this caller within the entry's 10-minute window. */
  count?: number;
  /** Denials only: the latest of those attempts. */
  lastAt?: Date;
}

/** Appends one entry (allowed attempts, and system events such as a bootstrap). The kind follows from the action. */
export async function appendAudit(db: Database, entry: Omit<AuditEntry, 'kind'>): Promise<void> {
  await db.collection(AUDIT_LOG).add({ data: { ...entry, target: boundedTarget(entry.target), kind: auditKindOf(entry.action) } });
}

/**
 * Records a refused attempt without what was sent (ids and a digest only), coalesced: one entry per
 * caller, action and 10-minute window, whose `count` and `lastAt` each further attempt bumps with
 * one plain update. A caller hammering an action writes one document per window, not one per call,
 * and no document is shared between callers. The first attempt of a window creates the entry;
 * two racing to create it both end up counted (the loser of the insert updates instead).
 */
export async function recordDenial(
  db: Database,
  entry: { actor: string; role: string; action: string; target: Record<string, unknown>; at: Date },
): Promise<void> {
  const _ = db.command;
  const id = denialEntryId(entry.actor, entry.action, entry.at);
  const bump = () =>
    db
      .collection(AUDIT_LOG)
      .doc(id)
      .update({ data: { count: _.inc(1), lastAt: entry.at } });
  if ((await bump()).stats.updated > 0) return;
  try {
    await db.collection(AUDIT_LOG).add({
      data: {
        _id: id,
        actor: entry.actor,
        role: entry.role,
        action: entry.action,
        target: deniedTarget(entry.target),
        outcome: 'denied',
        kind: auditKindOf(entry.action),
        at: entry.at,
        lastAt: entry.at,
        count: 1,
      },
    });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    await bump();
  }
}

export async function recentAudit(db: Database, limit: number, before?: Date, changesOnly = false): Promise<AuditEntry[]> {
  const _ = db.command;
  const where: Record<string, unknown> = {};
  if (before) where.at = _.lt(before);
  // neq also matches entries without a kind (older than the field).
  if (changesOnly) where.kind = _.neq('read');
  const base = db.collection(AUDIT_LOG);
  const query = Object.keys(where).length > 0 ? base.where(where) : base;
  return (await query.orderBy('at', 'desc').limit(limit).get()).data as AuditEntry[];
}
