import type { ErrorCode, Result } from '../platform/result';

/** What the ladder answers besides the platform's codes (core/platform/platform.errors.ts). */
export const LADDER_ERROR_CODES = [
  /** Staff saved a configuration that breaks the ranges or the ladder's rules (details per field). */
  'LADDER_CONFIG_INVALID',
  /** A fact reported by another area is malformed, or dated too far ahead. */
  'LADDER_FACT_INVALID',
] as const;

export type LadderErrorCode = (typeof LADDER_ERROR_CODES)[number];

export type LadderResult<T, C extends LadderErrorCode | ErrorCode = LadderErrorCode | ErrorCode> = Result<T, C>;
