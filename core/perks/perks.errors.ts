import type { ErrorCode, Result } from '../platform/result';

/** What perks answer besides the platform's codes (core/platform/platform.errors.ts). */
export const PERKS_ERROR_CODES = [
  /** Not on now (inactive, not started, ended). */
  'PERK_UNAVAILABLE',
  /** Not enough friends yet. */
  'PERK_NOT_UNLOCKED',
  /** The member's step on the ladder is below the perk's (rewards answer it too). */
  'TIER_NOT_ELIGIBLE',
] as const;

export type PerksErrorCode = (typeof PERKS_ERROR_CODES)[number];

export type PerksResult<T, C extends PerksErrorCode | ErrorCode = PerksErrorCode | ErrorCode> = Result<T, C>;
