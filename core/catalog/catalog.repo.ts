import { isDocumentMissing, type Database, type DocRef } from '../platform/database';
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

/** One product by id (a point read); null when there is none. Works on a transaction's doc too. */
export async function readProduct(ref: Pick<DocRef, 'get'>): Promise<ProductDoc | null> {
  try {
    return ((await ref.get()).data ?? null) as ProductDoc | null;
  } catch (e) {
    if (isDocumentMissing(e)) return null;
    throw e;
  }
}

export function findProduct(db: Database, productId: string): Promise<ProductDoc | null> {
  return readProduct(db.collection(PRODUCTS).doc(productId));
}

/** Several products by id in one query (a cart's lines), by id; missing ones are absent. */
export async function productsByIds(db: Database, ids: string[]): Promise<Map<string, ProductDoc>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const { data } = await db.collection(PRODUCTS).where({ _id: db.command.in(unique) }).limit(unique.length).get();
  return new Map((data as ProductDoc[]).map((p) => [p._id, p]));
}
