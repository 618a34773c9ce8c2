/** Perks as targets of a member's cards (the referral function passes this to referral.share and referral.poster). */
import type { ShareTargets } from '../referrals/share-targets.port';
import { findPerk } from './perks.repo';

export const perkShareTargets: Pick<ShareTargets, 'perkIsOpen'> = {
  async perkIsOpen(db, perkId) {
    return (await findPerk(db, perkId))?.status === 'active';
  },
};
