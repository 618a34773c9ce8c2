import type { ErrorCode, Result } from '../platform/result';

/** What the referral programme answers besides the platform's codes (core/platform/platform.errors.ts). */
export const REFERRALS_ERROR_CODES = [
  /** A card's code that does not exist (or no longer does). */
  'SHARE_NOT_FOUND',
  /** WeChat could not make the poster's mini-program code. */
  'POSTER_UNAVAILABLE',
  /** Staff decided (or a refund closed) the review item already. */
  'FLAG_ALREADY_DECIDED',
] as const;

export type ReferralsErrorCode = (typeof REFERRALS_ERROR_CODES)[number];

export type ReferralsResult<T, C extends ReferralsErrorCode | ErrorCode = ReferralsErrorCode | ErrorCode> = Result<T, C>;
