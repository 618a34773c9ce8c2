import { z } from 'zod';
import { DAY_MS, MAX_PERIOD_DAYS } from './ladder.config';
import type { LadderFacts } from './ladder.rules';

/**
 * Facts the ladder is evaluated from, as the shop and referral areas report them, and how they are
 * kept per member. Pure: merging is a function of (stored facts, new fact).
 *
 * Facts are keyed by order id and every field is set at most once, so merging is idempotent and
 * order-independent: a replay changes nothing, and a refund (or reversal) that overtakes its
 * payment (or confirmation) still wins when the late one arrives.
 */
const id = z.string().trim().min(1).max(128);
// A Date from core callers, or an ISO string from a function event (events cross the wire as JSON).
const when = z
  .union([z.date(), z.iso.datetime({ offset: true })])
  .transform((v) => new Date(v))
  .refine((d) => !Number.isNaN(d.getTime()), '无效的时间');

export const ladderFactSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('order_paid'), memberId: id, orderId: id, paidAt: when }).strict(),
  z.object({ kind: z.literal('order_refunded'), memberId: id, orderId: id, refundedAt: when }).strict(),
  z.object({ kind: z.literal('conversion_confirmed'), memberId: id, friendId: id, orderId: id, confirmedAt: when }).strict(),
  z.object({ kind: z.literal('conversion_reversed'), memberId: id, orderId: id, reversedAt: when }).strict(),
  z.object({ kind: z.literal('joined'), memberId: id, joinedAt: when }).strict(),
]);

export type LadderFact = z.infer<typeof ladderFactSchema>;
export type LadderFactKind = LadderFact['kind'];

/** Clock skew between services is tolerated up to this much; a fact dated further ahead is a bug upstream. */
export const FUTURE_TOLERANCE_MS = DAY_MS;

export function factTime(fact: LadderFact): Date {
  switch (fact.kind) {
    case 'order_paid':
      return fact.paidAt;
    case 'order_refunded':
      return fact.refundedAt;
    case 'conversion_confirmed':
      return fact.confirmedAt;
    case 'conversion_reversed':
      return fact.reversedAt;
    case 'joined':
      return fact.joinedAt;
  }
}

/** Facts that are well-formed but cannot be true; null when the fact is acceptable. */
export function factProblem(fact: LadderFact, now: Date): string | null {
  if (fact.kind === 'conversion_confirmed' && fact.friendId === fact.memberId) return '不能通过自己的分享计入好友购买';
  if (factTime(fact).getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return '事实时间晚于当前时间';
  return null;
}

export interface StoredOrder {
  orderId: string;
  paidAt: Date | null;
  refundedAt: Date | null;
}

export interface StoredConversion {
  orderId: string;
  friendId: string | null;
  confirmedAt: Date | null;
  reversedAt: Date | null;
}

/** The `member_facts` document, `_id` = memberId. */
export interface MemberFactsDoc {
  _id: string;
  orders: StoredOrder[];
  conversions: StoredConversion[];
  updatedAt: Date | null;
}

export function emptyFacts(memberId: string): MemberFactsDoc {
  return { _id: memberId, orders: [], conversions: [], updatedAt: null };
}

/**
 * Facts older than the longest configurable period can never count again, so they are dropped
 * (keeping the document small) — whatever period staff pick later.
 */
export const RETENTION_MS = (MAX_PERIOD_DAYS + 1) * DAY_MS;

const t = (d: Date | null) => (d ? new Date(d).getTime() : -Infinity);
const latest = (...dates: Array<Date | null>) => Math.max(...dates.map(t));

/** Sets a field only if it is still unset: the first report of each event wins. */
function setOnce<T extends object, K extends keyof T>(entry: T, key: K, value: T[K]): boolean {
  if (entry[key] !== null && entry[key] !== undefined) return false;
  entry[key] = value;
  return true;
}

export interface MergeResult {
  doc: MemberFactsDoc;
  /** False when the fact was already known (a replay) or too old to matter: nothing to write. */
  changed: boolean;
}

export function mergeFact(stored: MemberFactsDoc, fact: LadderFact, now: Date): MergeResult {
  const cutoff = now.getTime() - RETENTION_MS;
  const doc: MemberFactsDoc = {
    _id: stored._id,
    orders: stored.orders.map((o) => ({ ...o })),
    conversions: stored.conversions.map((c) => ({ ...c })),
    updatedAt: stored.updatedAt,
  };
  let changed = false;
  const order = (orderId: string) => {
    let o = doc.orders.find((x) => x.orderId === orderId);
    if (!o) doc.orders.push((o = { orderId, paidAt: null, refundedAt: null }));
    return o;
  };
  const conversion = (orderId: string) => {
    let c = doc.conversions.find((x) => x.orderId === orderId);
    if (!c) doc.conversions.push((c = { orderId, friendId: null, confirmedAt: null, reversedAt: null }));
    return c;
  };
  if (fact.kind !== 'joined' && factTime(fact).getTime() < cutoff) return { doc: stored, changed: false };

  switch (fact.kind) {
    case 'order_paid':
      changed = setOnce(order(fact.orderId), 'paidAt', fact.paidAt);
      break;
    case 'order_refunded':
      changed = setOnce(order(fact.orderId), 'refundedAt', fact.refundedAt);
      break;
    case 'conversion_confirmed': {
      const c = conversion(fact.orderId);
      // One order is one conversion: a second confirmation naming another friend is ignored.
      const friend = setOnce(c, 'friendId', fact.friendId);
      changed = setOnce(c, 'confirmedAt', fact.confirmedAt) || friend;
      break;
    }
    case 'conversion_reversed':
      changed = setOnce(conversion(fact.orderId), 'reversedAt', fact.reversedAt);
      break;
    case 'joined':
      // Membership lives on the member document (written by join); this fact only asks for a re-evaluation.
      return { doc: stored, changed: false };
  }
  if (!changed) return { doc: stored, changed: false };
  doc.orders = doc.orders.filter((o) => latest(o.paidAt, o.refundedAt) >= cutoff);
  doc.conversions = doc.conversions.filter((c) => latest(c.confirmedAt, c.reversedAt) >= cutoff);
  doc.updatedAt = now;
  return { doc, changed: true };
}

/** The rules' view: only orders that were paid and conversions that were confirmed exist for them. */
export function toLadderFacts(doc: MemberFactsDoc, joinedAt: Date | null): LadderFacts {
  return {
    joinedAt: joinedAt ? new Date(joinedAt) : null,
    orders: doc.orders
      .filter((o) => o.paidAt)
      .map((o) => ({ orderId: o.orderId, paidAt: new Date(o.paidAt!), refundedAt: o.refundedAt ? new Date(o.refundedAt) : null })),
    conversions: doc.conversions
      .filter((c) => c.confirmedAt && c.friendId)
      .map((c) => ({
        orderId: c.orderId,
        friendId: c.friendId!,
        confirmedAt: new Date(c.confirmedAt!),
        reversedAt: c.reversedAt ? new Date(c.reversedAt) : null,
      })),
  };
}
