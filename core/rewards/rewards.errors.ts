import type { ErrorCode, Result } from '../platform/result';
import type { PointsErrorCode } from '../points/points.errors';

/** What the rewards area answers besides the platform's codes (core/platform/platform.errors.ts). */
export const REWARDS_ERROR_CODES = [
  'REWARD_OUT_OF_STOCK',
  'REWARD_UNAVAILABLE',
  /** The member's step on the ladder is below the reward's (perks answer it too). */
  'TIER_NOT_ELIGIBLE',
  /** The requestId was used for another reward, or its request was voided (orders answer it too). */
  'REQUEST_ID_REUSED',
] as const;

export type RewardsErrorCode = (typeof REWARDS_ERROR_CODES)[number];

/** A rewards use case's result: its codes come from this catalog, the platform's, or the ledger's (a redemption spends points). */
export type RewardsResult<T, C extends RewardsErrorCode | PointsErrorCode | ErrorCode = RewardsErrorCode | ErrorCode> = Result<T, C>;
