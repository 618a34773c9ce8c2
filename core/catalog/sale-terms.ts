/**
 * The terms every sale in the shop is made on, which more than the orders area must agree on.
 * Pure: no I/O.
 */

/**
 * A paid order may ask for a refund this many days after payment: China's 七天无理由退货. It is
 * also how long a referral conversion is held before it is rewarded, at the least
 * (referral.config), so a refund within the window reverses a conversion instead of clawing back
 * points already paid. Later problems go to customer service.
 */
export const REFUND_WINDOW_DAYS = 7;
