/**
 * Order storage and the product-stock operations orders need. Stock is the one hot field the
 * design allows: every reservation writes the product document, with a conditional update, never
 * a read-then-write, so 200 buyers of the last 20 units take exactly 20.
 */
import { PRODUCTS, type ProductDoc, type StockHold } from '../catalog/catalog.model';
import type { Database } from '../platform/database';
import { readOrNull } from '../points/points.repo';
import { ORDER_EVENTS, ORDERS, REFUNDS, type OrderDoc, type OrderEventDoc, type RefundDoc } from './orders.model';
import type { OrderListFilter } from './orders.inputs';

const holdPath = (orderId: string) => `holds.${orderId}`;

/**
 * Takes `qty` units for `orderId`, recording the hold on the product in the same atomic update.
 * The condition (enough stock, no hold for this order yet) makes it exactly-once: a retry of the
 * same order finds its hold and takes nothing more. True when this order holds the units.
 */
export async function holdStock(db: Database, productId: string, orderId: string, qty: number, at: Date): Promise<boolean> {
  const _ = db.command;
  const hold: StockHold = { qty, at };
  const { stats } = await db
    .collection(PRODUCTS)
    .where({ _id: productId, stock: _.gte(qty), [holdPath(orderId)]: _.exists(false) })
    .update({ data: { stock: _.inc(-qty), [holdPath(orderId)]: _.set(hold) } });
  if (stats.updated === 1) return true;
  return (await heldBy(db, productId, orderId)) !== null;
}

/** Units the product holds for this order, or null. */
export async function heldBy(db: Database, productId: string, orderId: string): Promise<number | null> {
  const product = await readOrNull<ProductDoc>(db.collection(PRODUCTS).doc(productId));
  const held = product?.holds?.[orderId]?.qty;
  return typeof held === 'number' ? held : null;
}

/** Gives the held units back (the order closed unpaid). Only a standing hold is given back, so a replay adds nothing. */
export async function releaseHold(db: Database, productId: string, orderId: string): Promise<void> {
  const _ = db.command;
  const held = await heldBy(db, productId, orderId);
  if (held === null) return;
  await db
    .collection(PRODUCTS)
    .where({ _id: productId, [`${holdPath(orderId)}.qty`]: held })
    .update({ data: { stock: _.inc(held), [holdPath(orderId)]: _.remove() } });
}

/** The order was paid: its units are sold, the hold record is dropped and stock stays taken. */
export async function settleHold(db: Database, productId: string, orderId: string): Promise<void> {
  const _ = db.command;
  await db
    .collection(PRODUCTS)
    .where({ _id: productId, [holdPath(orderId)]: _.exists(true) })
    .update({ data: { [holdPath(orderId)]: _.remove() } });
}

const restockPath = (orderId: string) => `restocks.${orderId}`;

/** A product with the marks of the refunds that put units back on it (see restoreUnits). */
export type RestockedProduct = ProductDoc & { restocks?: Record<string, StockHold> };

/**
 * Puts a refunded order's units back on sale: one conditional update outside any transaction (the
 * product is the hot document). The same update leaves a mark `restocks.<orderId>`, and it applies
 * only while there is none, so a replay (the timer and the decision racing, or a retry after a
 * crash) adds nothing. The mark is swept once the `stock_restore` event is done and the mark is
 * old enough that no run that saw the event pending can still be going (sweepRestockMarks).
 */
export async function restoreUnits(db: Database, productId: string, orderId: string, qty: number, at: Date): Promise<void> {
  const _ = db.command;
  const mark: StockHold = { qty, at };
  await db
    .collection(PRODUCTS)
    .where({ _id: productId, [restockPath(orderId)]: _.exists(false) })
    .update({ data: { stock: _.inc(qty), [restockPath(orderId)]: _.set(mark), updatedAt: at } });
}

/** Drops a refund's mark from the product (its restore is done and long past). */
export async function dropRestockMark(db: Database, productId: string, orderId: string): Promise<void> {
  const _ = db.command;
  await db
    .collection(PRODUCTS)
    .where({ _id: productId, [restockPath(orderId)]: _.exists(true) })
    .update({ data: { [restockPath(orderId)]: _.remove() } });
}

/** Products with a standing hold or a refund's restock mark (the expiry job's sweep). Products are few (the catalog is capped). */
export async function productsWithMarks(db: Database, limit: number): Promise<RestockedProduct[]> {
  const _ = db.command;
  const { data } = await db
    .collection(PRODUCTS)
    .where(_.or([{ holds: _.exists(true) }, { restocks: _.exists(true) }]))
    .limit(limit)
    .get();
  return data as RestockedProduct[];
}

export function findOrder(db: Database, orderId: string): Promise<OrderDoc | null> {
  return readOrNull<OrderDoc>(db.collection(ORDERS).doc(orderId));
}

export function findRefund(db: Database, refundId: string): Promise<RefundDoc | null> {
  return readOrNull<RefundDoc>(db.collection(REFUNDS).doc(refundId));
}

/** Documents by id in one query (a page of a list), not one read each. */
async function byIds<T extends { _id: string }>(db: Database, collection: string, ids: string[]): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const { data } = await db.collection(collection).where({ _id: db.command.in(unique) }).limit(unique.length).get();
  return new Map((data as T[]).map((d) => [d._id, d]));
}

export function ordersByIds(db: Database, ids: string[]): Promise<Map<string, OrderDoc>> {
  return byIds<OrderDoc>(db, ORDERS, ids);
}

export function refundsByIds(db: Database, ids: string[]): Promise<Map<string, RefundDoc>> {
  return byIds<RefundDoc>(db, REFUNDS, ids);
}

export interface PageCursor {
  createdAt: Date;
  id: string;
}

export function parseCursor(cursor: string | undefined): PageCursor | undefined {
  if (!cursor) return undefined;
  const [iso, id] = cursor.split('~');
  const createdAt = new Date(iso);
  return Number.isNaN(createdAt.getTime()) || !id ? undefined : { createdAt, id };
}

export function cursorOf(order: Pick<OrderDoc, 'createdAt' | '_id'>): string {
  return `${new Date(order.createdAt).toISOString()}~${order._id}`;
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
export async function listOrders(db: Database, scope: Record<string, unknown>, filter: OrderListFilter, limit: number, after?: PageCursor): Promise<OrderDoc[]> {
  const _ = db.command;
  const base = { ...scope, ...statusCondition(db, filter) };
  const where = after ? _.and([base, _.or([{ createdAt: _.lt(after.createdAt) }, { createdAt: after.createdAt, _id: _.lt(after.id) }])]) : base;
  return (await db.collection(ORDERS).where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(limit).get()).data as OrderDoc[];
}

export interface ExpiryCursor {
  expiresAt: Date;
  id: string;
}

/** Unpaid orders past their payment window, oldest first, after `after` (orders left waiting are paged past, not read again). */
export async function ordersDueToExpire(db: Database, at: Date, limit: number, after?: ExpiryCursor): Promise<OrderDoc[]> {
  const _ = db.command;
  const base = { status: 'pending_payment', expiresAt: _.lte(at) };
  const where = after ? _.and([base, _.or([{ expiresAt: _.gt(after.expiresAt) }, { expiresAt: after.expiresAt, _id: _.gt(after.id) }])]) : base;
  return (await db.collection(ORDERS).where(where).orderBy('expiresAt', 'asc').orderBy('_id', 'asc').limit(limit).get()).data as OrderDoc[];
}

/** Effects waiting to be applied whose next attempt is due, oldest first. */
export async function dueEvents(db: Database, at: Date, limit: number): Promise<OrderEventDoc[]> {
  const _ = db.command;
  return (await db.collection(ORDER_EVENTS).where({ status: 'pending', nextAttemptAt: _.lte(at) }).orderBy('nextAttemptAt', 'asc').limit(limit).get()).data as OrderEventDoc[];
}

export async function eventsOf(db: Database, orderId: string): Promise<OrderEventDoc[]> {
  return (await db.collection(ORDER_EVENTS).where({ orderId }).limit(20).get()).data as OrderEventDoc[];
}

export async function listRefunds(db: Database, status: 'requested' | 'all', limit: number): Promise<RefundDoc[]> {
  const query = status === 'requested' ? db.collection(REFUNDS).where({ status: 'requested' }).orderBy('requestedAt', 'asc') : db.collection(REFUNDS).orderBy('updatedAt', 'desc');
  return (await query.limit(limit).get()).data as RefundDoc[];
}
