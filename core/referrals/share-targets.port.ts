/**
 * What a card may point at besides products (which referrals read from the catalog): targets
 * owned by areas above referrals. A port, so referrals imports none of them; the perks and draws
 * areas implement it (core/perks/perks.share-targets.ts, core/draws/draws.share-targets.ts) and the
 * referral function's entry passes it in.
 */
import type { Database } from '../platform/database';

export interface ShareTargets {
  /** Whether the perk exists and members may share it now. */
  perkIsOpen(db: Database, perkId: string): Promise<boolean>;
  /** Whether the draw exists and members can see it (not cancelled). */
  drawIsVisible(db: Database, drawId: string): Promise<boolean>;
}
