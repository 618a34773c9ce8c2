/**
 * The referral programme's rules as staff saved them: `settings/referral`, next to the ladder's
 * `settings/ladder`, versioned the same way (core/platform/settings.repo.ts). Until someone saves,
 * the defaults apply.
 */
import { versionedSettings, type VersionedSettings } from '../platform/settings.repo';
import { DEFAULT_REFERRAL_CONFIG, parseReferralConfig, type ReferralConfig } from './referral.config';

export const REFERRAL_SETTINGS_ID = 'referral';

export const referralSettings = versionedSettings({
  id: REFERRAL_SETTINGS_ID,
  defaults: DEFAULT_REFERRAL_CONFIG,
  parse: parseReferralConfig,
  conflictMessage: (version) => `推荐规则已被他人修改（当前版本 ${version}），请刷新后重试`,
});

export type ReferralSettings = VersionedSettings<ReferralConfig>;
export const loadReferralSettings = referralSettings.load;
/** The rules every referral entry point runs on (defaults until staff save their own). */
export const loadReferralConfig = referralSettings.loadConfig;
