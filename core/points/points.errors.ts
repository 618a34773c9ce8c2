import type { ErrorCode, Result } from '../platform/result';

/** What the points ledger answers besides the platform's codes (core/platform/platform.errors.ts). */
export const POINTS_ERROR_CODES = ['POINTS_INSUFFICIENT', 'POINTS_AMOUNT_INVALID', 'POINTS_DUPLICATE_LOT'] as const;

export type PointsErrorCode = (typeof POINTS_ERROR_CODES)[number];

export type PointsResult<T, C extends PointsErrorCode | ErrorCode = PointsErrorCode | ErrorCode> = Result<T, C>;
