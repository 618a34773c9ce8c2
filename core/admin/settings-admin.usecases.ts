/**
 * The ladder's and the referral programme's settings in the admin area, both through the same
 * settingsAdmin (settings-admin.ts). Moderators and admins see them; admins change them: the
 * ladder refuses with LADDER_CONFIG_INVALID, the referral rules with VALIDATION_FAILED, each with a
 * detail per field.
 */
import { ladderConfigShape } from '../ladder/ladder.config';
import { ladderConfigView, updateLadderSettings } from '../ladder/ladder.usecases';
import { referralConfigShape } from '../referrals/referral.config';
import { referralConfigView, updateReferralSettings } from '../referrals/referral-settings.usecases';
import { settingsAdmin, settingsUpdateInput } from './settings-admin';
import { feedbackConfigShape } from '../feedback/feedback.config';
import { feedbackConfigView, updateFeedbackSettings } from '../feedback/feedback-settings.repo';

const ladder = settingsAdmin({
  settings: 'ladder',
  audit: 'ladder.config',
  viewPermission: 'admin.view',
  updatePermission: 'ladder.manage',
  view: ladderConfigView,
  update: updateLadderSettings,
});
export const updateLadderConfigInput = settingsUpdateInput(ladderConfigShape);
export const ladderConfig = ladder.view;
export const updateLadderConfig = ladder.update;

// As they see the referral programme's flags and leaderboard.
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

// The complaint center: moderators see the settings, admins change them.
const feedback = settingsAdmin({
  settings: 'feedback',
  audit: 'feedback.config',
  viewPermission: 'feedback.moderate',
  updatePermission: 'feedback.configure',
  view: feedbackConfigView,
  update: updateFeedbackSettings,
});
export const updateFeedbackConfigInput = settingsUpdateInput(feedbackConfigShape);
export const feedbackConfig = feedback.view;
export const updateFeedbackConfig = feedback.update;
