import { referralConfigShape } from '../referrals/referral.config';
import { referralConfigView, updateReferralSettings } from '../referrals/referral-settings.usecases';
import { settingsAdmin, settingsUpdateInput } from './settings-admin';

/**
 * Moderators and admins see the referral programme's rules (as they see its flags and
 * leaderboard); admins change them (VALIDATION_FAILED with a detail per field).
 */
const referral = settingsAdmin({
  settings: 'referral',
  audit: 'referrals.config',
  viewPermission: 'referrals.view',
  updatePermission: 'referrals.configure',
  view: referralConfigView,
  update: updateReferralSettings,
});

export const updateReferralConfigInput = settingsUpdateInput(referralConfigShape);
export const referralConfig = referral.view;
export const updateReferralConfig = referral.update;
