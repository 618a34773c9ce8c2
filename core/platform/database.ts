/**
 * The slice of the wx-server-sdk database API the repositories use. Core depends on this shape,
 * never on the SDK itself, so rules and use cases stay testable and SDK-free.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- documents come back untyped, as the SDK answers them: each
   repository states its collection's shape (`data as Member`); `unknown` would force a double cast in every one. */
export interface DocRef {
  get(): Promise<{ data: any }>;
  set(options: { data: Record<string, unknown> }): Promise<unknown>;
  update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface Query {
  where(condition: Record<string, unknown>): Query;
  orderBy(field: string, direction: 'asc' | 'desc'): Query;
  skip(n: number): Query;
  limit(n: number): Query;
  field(projection: Record<string, boolean | number>): Query;
  get(): Promise<{ data: any[] }>;
  count(): Promise<{ total: number }>;
  /** Never inside a transaction: the SDK sends it without the transaction id. */
  update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface CollectionRef extends Query {
  doc(id: string): DocRef;
  add(options: { data: Record<string, unknown> }): Promise<{ _id: string }>;
}

/**
 * What a transaction offers: point reads and writes by id, and add. A `Database` has the same
 * shape, so a repository function written for a `TransactionDb` serves both (inside a
 * transaction and outside one).
 */
/**
 * The aggregation pipeline of wx-server-sdk (`collection.aggregate()...end()`), which the SDK's
 * collection type has but CollectionRef does not list: reach it through aggregateOf.
 */
export interface Aggregate {
  match(condition: Record<string, unknown>): Aggregate;
  group(spec: Record<string, unknown>): Aggregate;
  project(spec: Record<string, unknown>): Aggregate;
  sort(spec: Record<string, 1 | -1>): Aggregate;
  limit(n: number): Aggregate;
  end(): Promise<{ list: any[] }>;
}

export function aggregateOf(collection: CollectionRef): Aggregate {
  return (collection as unknown as { aggregate(): Aggregate }).aggregate();
}

export interface TransactionDb {
  collection(name: string): { doc(id: string): DocRef; add(options: { data: Record<string, unknown> }): Promise<{ _id: string }> };
}

export interface Database {
  collection(name: string): CollectionRef;
  command: any;
  serverDate(options?: { offset?: number }): unknown;
  runTransaction<T>(body: (tx: TransactionDb) => Promise<T>, retries?: number): Promise<T>;
}

/** WeChat reports a missing document by throwing; repositories turn that into null. */
export function isDocumentMissing(e: unknown): boolean {
  const msg = String((e as { errMsg?: string; message?: string })?.errMsg ?? (e as Error)?.message ?? e);
  return msg.includes('does not exist');
}

/**
 * The one read-or-null: a point read that answers null for a missing document, inside or outside
 * a transaction (outside, WeChat throws "does not exist"; inside, the data may come back null).
 */
export async function readOrNull<T>(ref: Pick<DocRef, 'get'>): Promise<T | null> {
  try {
    return ((await ref.get()).data ?? null) as T | null;
  } catch (e) {
    if (isDocumentMissing(e)) return null;
    throw e;
  }
}

export function isDuplicateKey(e: unknown): boolean {
  const msg = String((e as { errMsg?: string; message?: string })?.errMsg ?? (e as Error)?.message ?? e);
  return msg.includes('E11000');
}
