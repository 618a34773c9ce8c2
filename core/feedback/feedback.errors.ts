import type { ErrorCode, Result } from '../platform/result';

/** What the complaint center answers besides the platform's codes (core/platform/platform.errors.ts). */
export const FEEDBACK_ERROR_CODES = [
  /** WeChat's content check found the text risky: refused, with the reason in words; nothing is stored. */
  'FEEDBACK_CONTENT_RISKY',
  /** The member reached today's limit of posts, images or "我也是". */
  'FEEDBACK_DAILY_LIMIT',
  /** An attached image is missing, too large, not JPEG/PNG/WebP, or not the member's own upload. */
  'FEEDBACK_IMAGE_INVALID',
  /** The linked order is not one of the member's own. */
  'FEEDBACK_ORDER_NOT_YOURS',
  /** The post cannot take this change in its current state (e.g. a status move the rules refuse, a reward twice with a different amount). */
  'FEEDBACK_WRONG_STATE',
  /** The content check itself could not be reached: nothing is stored, the member may try again. */
  'FEEDBACK_CHECK_UNAVAILABLE',
] as const;

export type FeedbackErrorCode = (typeof FEEDBACK_ERROR_CODES)[number];

export type FeedbackResult<T, C extends string = FeedbackErrorCode | ErrorCode> = Result<T, C>;
