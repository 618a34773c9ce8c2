/**
 * The one result envelope across the project: what every cloud function returns and every client
 * service receives. Expected failures are values with a code; exceptions are bugs.
 */
import type { ErrorCode } from './platform.errors';

export type { ErrorCode } from './platform.errors';

export interface AppError<C extends string = ErrorCode> {
  code: C;
  message: string;
  /** Field-level details for forms (e.g. which input is wrong). */
  details?: Array<{ path: string; message: string }>;
}

export type Result<T, C extends string = ErrorCode> = { ok: true; data: T } | { ok: false; error: AppError<C> };

export function ok<T>(data: T): { ok: true; data: T } {
  return { ok: true, data };
}

export function fail<C extends string>(code: C, message: string, details?: AppError<C>['details']): { ok: false; error: AppError<C> } {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}
