import type { Database } from '../platform/database';
import { auditKindOf, type AuditKind } from './audit.rules';

export const AUDIT_LOG = 'audit_log';

export interface AuditEntry {
  _id?: string;
  actor: string;
  role: string;
  action: string;
  /** What the action touched, e.g. { openid } of a member whose role changed. */
  target: Record<string, unknown>;
  outcome: 'ok' | 'denied' | 'failed';
  detail?: string;
  /** Absent on entries written before kinds existed: those count as changes. */
  kind?: AuditKind;
  at: Date;
}

/** Append-only: entries are added, never updated. The kind follows from the action. */
export async function appendAudit(db: Database, entry: Omit<AuditEntry, 'kind'>): Promise<void> {
  await db.collection(AUDIT_LOG).add({ data: { ...entry, kind: auditKindOf(entry.action) } });
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
