/**
 * Keyset paging by (time, id): the one way the lists and the timer jobs walk a collection. A page
 * starts strictly after the last row of the one before — a later time, or the same time and a
 * later id — so rows with equal times are neither skipped nor repeated at a page boundary, and a
 * row that keeps failing in a job is paged past instead of blocking the rest. Every such list has
 * an index on (field, _id) or (filter..., field).
 */
import type { Database, Query } from './database';

/** Where a page ends: the last row's time and id. */
export interface KeyCursor {
  at: Date;
  id: string;
}

export interface KeyOrder {
  /** The time field the list is ordered by (then by `_id`, the same way). */
  field: string;
  direction: 'asc' | 'desc';
}

/** `base`, narrowed to the rows after `cursor` in `order` (just `base` on the first page). */
export function afterCursor(db: Database, base: Record<string, unknown>, order: KeyOrder, cursor?: KeyCursor): Record<string, unknown> {
  if (!cursor) return base;
  const _ = db.command;
  const beyond = order.direction === 'asc' ? 'gt' : 'lt';
  return _.and([base, _.or([{ [order.field]: _[beyond](cursor.at) }, { [order.field]: cursor.at, _id: _[beyond](cursor.id) }])]);
}

/** One page of `collection` (a repository's collection reference): `base` after `cursor`, in `order`, at most `limit` rows. */
export async function keysetPage<T>(
  db: Database,
  collection: Query,
  base: Record<string, unknown>,
  order: KeyOrder,
  limit: number,
  cursor?: KeyCursor,
): Promise<T[]> {
  const { data } = await collection
    .where(afterCursor(db, base, order, cursor))
    .orderBy(order.field, order.direction)
    .orderBy('_id', order.direction)
    .limit(limit)
    .get();
  return data as T[];
}

/** The cursor after `row`, read from its time field. */
export function cursorAfter<T extends { _id: string }>(row: T, field: keyof T & string): KeyCursor {
  return { at: new Date(row[field] as unknown as Date | string), id: row._id };
}

/** A cursor as the client holds it: `<ISO time>~<id>`, opaque to it. */
export function encodeCursor(cursor: KeyCursor): string {
  return `${cursor.at.toISOString()}~${cursor.id}`;
}

/** The client's cursor back, or undefined when it is absent or not one of ours (the first page, then). */
export function decodeCursor(text: string | undefined): KeyCursor | undefined {
  if (!text) return undefined;
  const [iso, id] = text.split('~');
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) || !id ? undefined : { at, id };
}
