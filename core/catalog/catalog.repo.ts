/** Products: the catalog as the shop and the admin read and write it (an order's stock holds are in product-stock.repo.ts). */
import { readOrNull, type Database, type TransactionDb } from '../platform/database';
import { PRODUCTS, type ProductDoc, type ProductStatus } from './catalog.model';

/** A brand's catalog is small by nature: one page (WeChat's default 100) is all of it. */
export const CATALOG_LIMIT = 100;

/** Catalog order: `sort`, then id so equal sorts never swap places between calls. */
export function byCatalogOrder(a: Pick<ProductDoc, '_id' | 'sort'>, b: Pick<ProductDoc, '_id' | 'sort'>): number {
  return (a.sort ?? 0) - (b.sort ?? 0) || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
}

/** Products in catalog order, of one status (index status + sort) or all of them. */
export async function listProducts(db: Database, status?: ProductStatus): Promise<ProductDoc[]> {
  const base = db.collection(PRODUCTS);
  const query = status ? base.where({ status }) : base;
  const { data } = await query.orderBy('sort', 'asc').limit(CATALOG_LIMIT).get();
  return (data as ProductDoc[]).sort(byCatalogOrder);
}

/** One product by id (a point read), inside a transaction or not; null when there is none. */
export function findProduct(db: TransactionDb, productId: string): Promise<ProductDoc | null> {
  return readOrNull<ProductDoc>(db.collection(PRODUCTS).doc(productId));
}

/** Several products by id in one query (a cart's lines), by id; missing ones are absent. */
export async function productsByIds(db: Database, ids: string[]): Promise<Map<string, ProductDoc>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const { data } = await db
    .collection(PRODUCTS)
    .where({ _id: db.command.in(unique) })
    .limit(unique.length)
    .get();
  return new Map((data as ProductDoc[]).map((p) => [p._id, p]));
}

/** Writes the whole product (a staff save, read-then-set in its transaction). */
export async function putProduct(tx: TransactionDb, product: ProductDoc): Promise<void> {
  const { _id, ...data } = product;
  await tx.collection(PRODUCTS).doc(_id).set({ data });
}

/** Changes fields other than stock (stock moves only by product-stock.repo's conditional updates). */
export async function updateProduct(db: Database, productId: string, changes: Partial<Omit<ProductDoc, '_id' | 'stock' | 'holds'>>): Promise<void> {
  await db.collection(PRODUCTS).doc(productId).update({ data: changes });
}
