/**
 * Order storage: orders, refunds and order events (the stock an order holds on its products is
 * in catalog/product-stock.repo.ts). Functions that take a TransactionDb serve a transaction and
 * plain calls alike.
 */
import { aggregateOf, readOrNull, type Database, type TransactionDb } from '../platform/database';
import { keysetPage, type KeyCursor } from '../platform/paging';
import { ORDER_EVENTS, ORDERS, REFUNDS, type OrderDoc, type OrderEventDoc, type RefundDoc } from './orders.model';
import type { OrderListFilter } from './orders.inputs';

// ---- orders and refunds

export function findOrder(db: TransactionDb, orderId: string): Promise<OrderDoc | null> {
  return readOrNull<OrderDoc>(db.collection(ORDERS).doc(orderId));
}

/** A new order, whole (its checkout's transaction read that none exists). */
export async function putOrder(tx: TransactionDb, order: OrderDoc): Promise<void> {
  const { _id, ...data } = order;
  await tx.collection(ORDERS).doc(_id).set({ data });
}

export async function updateOrder(tx: TransactionDb, orderId: string, changes: Partial<Omit<OrderDoc, '_id'>>): Promise<void> {
  await tx.collection(ORDERS).doc(orderId).update({ data: changes });
}

export function findRefund(db: TransactionDb, refundId: string): Promise<RefundDoc | null> {
  return readOrNull<RefundDoc>(db.collection(REFUNDS).doc(refundId));
}

/** `refunds/<refundId>`, whole (a request replaces a rejected one). */
export async function putRefund(tx: TransactionDb, refund: RefundDoc): Promise<void> {
  const { _id, ...data } = refund;
  await tx.collection(REFUNDS).doc(_id).set({ data });
}

export async function updateRefund(tx: TransactionDb, refundId: string, changes: Partial<Omit<RefundDoc, '_id'>>): Promise<void> {
  await tx.collection(REFUNDS).doc(refundId).update({ data: changes });
}

/** Documents by id in one query (a page of a list), not one read each. */
async function byIds<T extends { _id: string }>(db: Database, collection: string, ids: string[]): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const { data } = await db
    .collection(collection)
    .where({ _id: db.command.in(unique) })
    .limit(unique.length)
    .get();
  return new Map((data as T[]).map((d) => [d._id, d]));
}

export function ordersByIds(db: Database, ids: string[]): Promise<Map<string, OrderDoc>> {
  return byIds<OrderDoc>(db, ORDERS, ids);
}

export function refundsByIds(db: Database, ids: string[]): Promise<Map<string, RefundDoc>> {
  return byIds<RefundDoc>(db, REFUNDS, ids);
}

function statusCondition(db: Database, filter: OrderListFilter): Record<string, unknown> {
  const _ = db.command;
  switch (filter) {
    case 'all':
      return {};
    case 'refund':
      // Anything with a refund request, whatever became of it.
      return { refundId: _.neq(null) };
    default:
      return { status: filter };
  }
}

/** A page of orders, newest first; the cursor is the last order's time and id so equal times never skip. */
export function listOrders(db: Database, scope: Record<string, unknown>, filter: OrderListFilter, limit: number, after?: KeyCursor): Promise<OrderDoc[]> {
  const base = { ...scope, ...statusCondition(db, filter) };
  return keysetPage<OrderDoc>(db, db.collection(ORDERS), base, { field: 'createdAt', direction: 'desc' }, limit, after);
}

/** Unpaid orders past their payment window, oldest first, after `after` (orders left waiting are paged past, not read again). */
export function ordersDueToExpire(db: Database, at: Date, limit: number, after?: KeyCursor): Promise<OrderDoc[]> {
  const base = { status: 'pending_payment', expiresAt: db.command.lte(at) };
  return keysetPage<OrderDoc>(db, db.collection(ORDERS), base, { field: 'expiresAt', direction: 'asc' }, limit, after);
}

/** Of `memberIds`, those who ever paid an order (referral attribution's activity signal). */
export async function membersWhoPaid(db: Database, memberIds: string[]): Promise<Set<string>> {
  if (memberIds.length === 0) return new Set();
  const _ = db.command;
  const { list } = await aggregateOf(db.collection(ORDERS))
    .match({ memberId: _.in(memberIds), paidAt: _.neq(null) })
    .group({ _id: '$memberId' })
    .end();
  return new Set(list.map((r: { _id: string }) => r._id));
}

/** Paid orders (refunded ones included) per member, for staff judging a member's history: one aggregation. */
export async function paidOrderCounts(db: Database, memberIds: string[]): Promise<Map<string, number>> {
  if (memberIds.length === 0) return new Map();
  const _ = db.command;
  const { list } = await aggregateOf(db.collection(ORDERS))
    .match({ memberId: _.in(memberIds), paidAt: _.neq(null) })
    .group({ _id: '$memberId', n: { $sum: 1 } })
    .end();
  return new Map(list.map((r: { _id: string; n: number }) => [r._id, r.n]));
}

/** Of `memberIds`, those with an order paid and not refunded now (a perk's "joined and bought"); at most 1,000 orders read. */
export async function membersWithPaidOrder(db: Database, memberIds: string[]): Promise<Set<string>> {
  if (memberIds.length === 0) return new Set();
  const { data } = await db
    .collection(ORDERS)
    .where({ memberId: db.command.in(memberIds), status: 'paid' })
    .field({ memberId: true })
    .limit(1000)
    .get();
  return new Set((data as Array<{ memberId: string }>).map((o) => o.memberId));
}

/** Each member's own orders paid since `since`: all of them, and those refunded since. */
export async function ownOrderValue(db: Database, memberIds: string[], since: Date): Promise<Map<string, { paidFen: number; refundedFen: number }>> {
  const out = new Map<string, { paidFen: number; refundedFen: number }>();
  if (memberIds.length === 0) return out;
  const _ = db.command;
  const $ = _.aggregate;
  const { list } = await aggregateOf(db.collection(ORDERS))
    .match({ memberId: _.in(memberIds), paidAt: _.gte(since) })
    .group({ _id: { memberId: '$memberId', status: '$status' }, payFen: $.sum('$payFen') })
    .end();
  for (const r of list as Array<{ _id: { memberId: string; status: string }; payFen: number }>) {
    const v = out.get(r._id.memberId) ?? { paidFen: 0, refundedFen: 0 };
    v.paidFen += r.payFen;
    if (r._id.status === 'refunded') v.refundedFen += r.payFen;
    out.set(r._id.memberId, v);
  }
  return out;
}

// ---- order events

/** An event as a status change writes it, inside that change's transaction. */
export async function putEvent(tx: TransactionDb, event: OrderEventDoc): Promise<void> {
  const { _id, ...data } = event;
  await tx.collection(ORDER_EVENTS).doc(_id).set({ data });
}

export function findEvent(db: TransactionDb, eventId: string): Promise<OrderEventDoc | null> {
  return readOrNull<OrderEventDoc>(db.collection(ORDER_EVENTS).doc(eventId));
}

/** Inside the transaction that applied the event's effect: done with it, together. */
export async function markEventDoneInTx(tx: TransactionDb, eventId: string, at: Date, note: string | null): Promise<void> {
  await tx
    .collection(ORDER_EVENTS)
    .doc(eventId)
    .update({ data: { status: 'done', doneAt: at, lastError: note } });
}

/** Outside a transaction, after the effects were applied: one conditional update for the lot (only events still pending). */
export async function markEventsDone(db: Database, eventIds: readonly string[], at: Date): Promise<void> {
  const ids = eventIds.length === 1 ? eventIds[0] : db.command.in([...eventIds]);
  await db
    .collection(ORDER_EVENTS)
    .where({ _id: ids, status: 'pending' })
    .update({ data: { status: 'done', doneAt: at } });
}

/** A failed attempt, on an event still pending: how many so far, why, and when to try again. */
export async function markEventFailed(db: Database, eventId: string, failure: Pick<OrderEventDoc, 'attempts' | 'lastError' | 'nextAttemptAt'>): Promise<void> {
  await db
    .collection(ORDER_EVENTS)
    .where({ _id: eventId, status: 'pending' })
    .update({ data: { ...failure } });
}

/** Effects waiting to be applied whose next attempt is due, oldest first. */
export async function dueEvents(db: Database, at: Date, limit: number): Promise<OrderEventDoc[]> {
  const _ = db.command;
  return (
    await db
      .collection(ORDER_EVENTS)
      .where({ status: 'pending', nextAttemptAt: _.lte(at) })
      .orderBy('nextAttemptAt', 'asc')
      .limit(limit)
      .get()
  ).data as OrderEventDoc[];
}

export async function eventsOf(db: Database, orderId: string): Promise<OrderEventDoc[]> {
  return (await db.collection(ORDER_EVENTS).where({ orderId }).limit(20).get()).data as OrderEventDoc[];
}

export async function listRefunds(db: Database, status: 'requested' | 'all', limit: number): Promise<RefundDoc[]> {
  const query =
    status === 'requested'
      ? db.collection(REFUNDS).where({ status: 'requested' }).orderBy('requestedAt', 'asc')
      : db.collection(REFUNDS).orderBy('updatedAt', 'desc');
  return (await query.limit(limit).get()).data as RefundDoc[];
}
