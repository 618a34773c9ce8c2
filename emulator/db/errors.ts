/**
 * Errors the emulator's database returns to the SDK. `code` is what @cloudbase/database reacts
 * to (DATABASE_TRANSACTION_CONFLICT makes runTransaction retry); the message carries the same
 * wording WeChat's cloud database uses, so functions can match on it.
 */
export type DbErrorCode =
  'DATABASE_REQUEST_FAILED' | 'DATABASE_TRANSACTION_CONFLICT' | 'DATABASE_COLLECTION_NOT_EXIST' | 'INVALID_PARAM' | 'DATABASE_TRANSACTION_FAIL';

export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const dbErrors = {
  invalid: (message: string) => new DbError('INVALID_PARAM', message),
  duplicateKey: (collection: string, index: string, key: string) =>
    new DbError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key}`),
  conflict: (collection: string, id: string) =>
    new DbError('DATABASE_TRANSACTION_CONFLICT', `database transaction conflict: document ${collection}/${id} is being written by another transaction`),
  noTransaction: (id: string) => new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${id} does not exist, was committed, aborted or timed out`),
  lockTimeout: (collection: string, id: string) =>
    new DbError('DATABASE_REQUEST_FAILED', `lock wait timeout: document ${collection}/${id} stayed locked by a transaction`),
  badOperator: (message: string) => new DbError('DATABASE_REQUEST_FAILED', message),
};
