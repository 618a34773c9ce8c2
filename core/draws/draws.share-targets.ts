/** Draws as targets of a member's cards (the referral function passes this to referral.share and referral.poster). */
import type { ShareTargets } from '../referrals/share-targets.port';
import { findDraw } from './draws.repo';

export const drawShareTargets: Pick<ShareTargets, 'drawIsVisible'> = {
  async drawIsVisible(db, drawId) {
    const draw = await findDraw(db, drawId);
    return draw !== null && draw.status !== 'cancelled';
  },
};
