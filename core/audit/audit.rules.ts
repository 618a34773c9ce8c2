/**
 * Which staff actions only read. Reads are audited too (who looked at members' orders is worth
 * knowing), but staff reviewing the log mostly want what changed, so each entry carries its kind
 * and the log can hide reads. Read actions are named `<area>.list`, `<area>.view`, `.flags`,
 * `.leaderboard` or `admin.overview`; anything else is a change.
 */
export type AuditKind = 'read' | 'change';

const READ_ACTION = /(^admin\.overview$)|\.(list|view|flags|leaderboard)$/;

export function auditKindOf(action: string): AuditKind {
  return READ_ACTION.test(action) ? 'read' : 'change';
}
