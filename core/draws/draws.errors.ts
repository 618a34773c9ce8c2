import type { ErrorCode, Result } from '../platform/result';

/** What draws answer besides the platform's codes (core/platform/platform.errors.ts). */
export const DRAWS_ERROR_CODES = [
  /** The member already has an entry in this draw: a typed answer, not an error (a retry lands here). */
  'DRAW_ALREADY_ENTERED',
  /** Entries are not open (not yet, or closed), or the draw was cancelled. */
  'DRAW_NOT_OPEN',
  /** The member does not meet the draw's step or membership age. */
  'DRAW_NOT_ELIGIBLE',
  /** The draw's product has fewer units than the draw needs. */
  'DRAW_STOCK_SHORT',
  /** The draw can no longer be cancelled or drawn now (already drawn, or entries still open). */
  'DRAW_WRONG_STATE',
  /** The draw is not drawn yet: no proof to show. */
  'DRAW_NOT_DRAWN',
] as const;

export type DrawsErrorCode = (typeof DRAWS_ERROR_CODES)[number];

export type DrawsResult<T, C extends DrawsErrorCode | ErrorCode = DrawsErrorCode | ErrorCode> = Result<T, C>;
