import type { Database, TransactionDb } from './database';

/**
 * wx-server-sdk 4.0.2's runTransaction only retries when a conflict comes back from commit: a
 * conflict raised by a write inside the body reaches us as a plain error (errCode -501001 or
 * -502001, the code dropped), and the SDK rolls back and rethrows. So the project retries
 * conflicts itself, with jitter, around a fresh transaction each time.
 */
export function isTransactionConflict(e: unknown): boolean {
  const err = e as { code?: string; errMsg?: string; message?: string } | null;
  if (err?.code === 'DATABASE_TRANSACTION_CONFLICT') return true;
  const text = `${err?.errMsg ?? ''} ${err?.message ?? ''}`;
  return /transaction conflict|TransactionConflict|write conflict/i.test(text);
}

export async function inTransaction<T>(db: Database, body: (tx: TransactionDb) => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.runTransaction(body, 1);
    } catch (e) {
      if (attempt >= attempts || !isTransactionConflict(e)) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
    }
  }
}
