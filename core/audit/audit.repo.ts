import type { Database } from '../platform/database';

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
  at: Date;
}

/** Append-only: entries are added, never updated. */
export async function appendAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db.collection(AUDIT_LOG).add({ data: { ...entry } });
}

export async function recentAudit(db: Database, limit: number, before?: Date): Promise<AuditEntry[]> {
  const base = db.collection(AUDIT_LOG);
  const query = before ? base.where({ at: db.command.lt(before) }) : base;
  return (await query.orderBy('at', 'desc').limit(limit).get()).data as AuditEntry[];
}
