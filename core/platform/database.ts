/**
 * The slice of the wx-server-sdk database API the repositories use. Core depends on this shape,
 * never on the SDK itself, so rules and use cases stay testable and SDK-free.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
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

export function isDuplicateKey(e: unknown): boolean {
  const msg = String((e as { errMsg?: string; message?: string })?.errMsg ?? (e as Error)?.message ?? e);
  return msg.includes('E11000');
}
