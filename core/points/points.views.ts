/**
 * Ledger lines as the member sees them (`points.history`). Built field by field: a stored line also
 * holds the staff member who adjusted, the lots it touched and its source key (which may embed an
 * order, a request or another person's id), none of which leaves the server.
 */
import { createHash } from 'node:crypto';
import type { EntryKind, PointsEntry } from './points.repo';

/** One line of the caller's points history. Times are ISO 8601 server times. */
export interface PointsLine {
  /** Opaque and stable (a digest of the line's key): for lists and de-duplication only. */
  _id: string;
  kind: EntryKind;
  /** Change of the balance: positive when points came in. */
  delta: number;
  /** Change of the debt: positive when a refund left points owed, negative when earnings paid it off. */
  debtDelta: number;
  balanceAfter: number;
  debtAfter: number;
  /** Why, in Chinese (e.g. '购物奖励：订单 …', '客服调整：活动补发'). */
  reason: string;
  createdAt: string;
  /** When the points this line credited expire; null for other lines (and credits written before lines kept it). */
  expiresAt: string | null;
}

export function lineId(sourceKey: string): string {
  return `pl_${createHash('sha256').update(sourceKey).digest('hex').slice(0, 24)}`;
}

export function toPointsLine(e: PointsEntry): PointsLine {
  return {
    _id: lineId(e._id),
    kind: e.kind,
    delta: e.delta,
    debtDelta: e.debtDelta,
    balanceAfter: e.balanceAfter,
    debtAfter: e.debtAfter,
    reason: e.reason,
    createdAt: new Date(e.createdAt).toISOString(),
    expiresAt: e.expiresAt ? new Date(e.expiresAt).toISOString() : null,
  };
}
