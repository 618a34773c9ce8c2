/** How long earned points live. Configurable per brand; 12 months is the common rule in China's loyalty programmes. */
export const DEFAULT_POINTS_LIFETIME_MONTHS = 12;
/** "Expiring soon" on the member's screens. */
export const EXPIRING_SOON_DAYS = 30;
