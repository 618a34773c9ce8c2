/**
 * A product's stock as orders take and give it back. Stock is the one hot field the design
 * allows: every reservation writes the product document with a conditional update, never a
 * read-then-write, so 200 buyers of the last 20 units take exactly 20. No transaction writes a
 * product's stock: holds, their settlement or release, and a refund's restore are each one
 * conditional update that applies at most once.
 */
import { readOrNull, type Database } from '../platform/database';
import { PRODUCTS, type ProductDoc, type StockHold } from './catalog.model';

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

/**
 * Gives the held units back (the order closed unpaid). Only a standing hold is given back, so a
 * replay adds nothing. Units held from a pool go back to the pool while it stands (the draw hands
 * them to the next on its waitlist), else to stock.
 */
export async function releaseHold(db: Database, productId: string, orderId: string): Promise<void> {
  const _ = db.command;
  const product = await readOrNull<ProductDoc>(db.collection(PRODUCTS).doc(productId));
  const hold = product?.holds?.[orderId];
  if (!hold || typeof hold.qty !== 'number') return;
  const held = hold.qty;
  if (hold.pool && product?.pools?.[hold.pool]) {
    const { stats } = await db
      .collection(PRODUCTS)
      .where({ _id: productId, [`${holdPath(orderId)}.qty`]: held, [poolPath(hold.pool)]: _.exists(true) })
      .update({ data: { [`${poolPath(hold.pool)}.qty`]: _.inc(held), [holdPath(orderId)]: _.remove() } });
    if (stats.updated === 1) return;
  }
  await db
    .collection(PRODUCTS)
    .where({ _id: productId, [`${holdPath(orderId)}.qty`]: held })
    .update({ data: { stock: _.inc(held), [holdPath(orderId)]: _.remove() } });
}

const poolPath = (pool: string) => `pools.${pool}`;

/**
 * Sets `qty` units aside for a pool (one conditional update, like a hold): true when the pool
 * holds them (now or already: a retry takes nothing more).
 */
export async function reservePool(db: Database, productId: string, pool: string, qty: number, at: Date): Promise<boolean> {
  const _ = db.command;
  const reserved: StockHold = { qty, at };
  const { stats } = await db
    .collection(PRODUCTS)
    .where({ _id: productId, stock: _.gte(qty), [poolPath(pool)]: _.exists(false) })
    .update({ data: { stock: _.inc(-qty), [poolPath(pool)]: _.set(reserved), updatedAt: at } });
  if (stats.updated === 1) return true;
  return (await poolLeft(db, productId, pool)) !== null;
}

/** Units left in the pool, or null when there is none. */
export async function poolLeft(db: Database, productId: string, pool: string): Promise<number | null> {
  const product = await readOrNull<ProductDoc>(db.collection(PRODUCTS).doc(productId));
  const left = product?.pools?.[pool]?.qty;
  return typeof left === 'number' ? left : null;
}

/**
 * Moves `qty` units from the pool to a hold for `orderId` (then the order is paid or closed like any
 * other). Exactly once: the condition wants no hold for this order yet. True when the order holds them.
 */
export async function holdFromPool(db: Database, productId: string, pool: string, orderId: string, qty: number, at: Date): Promise<boolean> {
  const _ = db.command;
  const hold: StockHold = { qty, at, pool };
  const { stats } = await db
    .collection(PRODUCTS)
    .where({ _id: productId, [`${poolPath(pool)}.qty`]: _.gte(qty), [holdPath(orderId)]: _.exists(false) })
    .update({ data: { [`${poolPath(pool)}.qty`]: _.inc(-qty), [holdPath(orderId)]: _.set(hold) } });
  if (stats.updated === 1) return true;
  return (await heldBy(db, productId, orderId)) !== null;
}

/** Puts what is left in the pool back on sale and drops the pool (the draw is over or cancelled). Once only. */
export async function releasePool(db: Database, productId: string, pool: string, at: Date): Promise<number> {
  const _ = db.command;
  const left = await poolLeft(db, productId, pool);
  if (left === null) return 0;
  const { stats } = await db
    .collection(PRODUCTS)
    .where({ _id: productId, [`${poolPath(pool)}.qty`]: left })
    .update({ data: { stock: _.inc(left), [poolPath(pool)]: _.remove(), updatedAt: at } });
  return stats.updated === 1 ? left : 0;
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
