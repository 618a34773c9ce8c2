/**
 * Shares, referrals and conversions: every number the rules use, with its default, in one place.
 * Use cases take the config as an optional last argument (tests pass smaller numbers); production
 * runs on these defaults until staff editing is needed.
 */
import { REFUND_WINDOW_DAYS } from '../orders/order.rules';

export interface ReferralConfig {
  /** A visit attributes a join or a purchase made at most this many days later (inclusive). */
  attributionWindowDays: number;
  /** A conversion stays pending this long after payment (the refund window), then is confirmed and rewarded. */
  holdDays: number;
  /** Points the sharer earns for one confirmed conversion. */
  rewardPoints: number;
  /** Orders paying less than this (fen) are not conversions: a fully discounted order proves nothing. */
  minOrderPayFen: number;
  /** Rewarded conversions per sharer per day (Asia/Shanghai); beyond it a conversion goes to review. */
  dailyRewardCap: number;
  /** More than `maxReferrals` referrals of one sharer within `windowMinutes`: the next ones go to review. */
  burst: { windowMinutes: number; maxReferrals: number };
  /**
   * "Many referrals with no activity": once a sharer has at least `minReferrals` referrals older
   * than `afterDays`, and fewer than `minActivePermille`‰ of them ever paid an order, their new
   * referrals go to review.
   */
  inactive: { minReferrals: number; afterDays: number; minActivePermille: number };
}

export const DEFAULT_REFERRAL_CONFIG: ReferralConfig = {
  attributionWindowDays: 7,
  // The orders' refund window: a refund inside it reverses the conversion before any reward is paid.
  holdDays: REFUND_WINDOW_DAYS,
  rewardPoints: 100,
  minOrderPayFen: 1,
  dailyRewardCap: 20,
  burst: { windowMinutes: 60, maxReferrals: 10 },
  inactive: { minReferrals: 5, afterDays: 7, minActivePermille: 200 },
};

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

export function windowMs(config: ReferralConfig): number {
  return config.attributionWindowDays * DAY_MS;
}

export function holdMs(config: ReferralConfig): number {
  return config.holdDays * DAY_MS;
}

/** Share codes: 12 base62 characters (~71 bits), well inside a mini-program code's 32-character `scene`. */
export const SHARE_CODE_LENGTH = 12;
