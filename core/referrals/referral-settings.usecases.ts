/**
 * Reading and saving the referral programme's rules (the admin area wraps these in asStaff).
 * A save applies from the next call on: new visits and joins are judged by the new window, new
 * conversions get the new hold, and the timer pays the reward in force when it confirms.
 */
import { REFUND_WINDOW_DAYS } from '../catalog/sale-terms';
import type { Database } from '../platform/database';
import { ok, type Result } from '../platform/result';
import { settingsView, type SettingsView } from '../platform/settings.repo';
import { REFERRAL_LIMITS, type ReferralConfig } from './referral.config';
import { loadReferralSettings, referralSettings } from './referral-settings.repo';

export interface ReferralConfigView extends SettingsView<ReferralConfig> {
  /** The orders' refund window: the shortest hold allowed (the form says why). */
  refundWindowDays: number;
  /** What may be saved, so the form's hints never disagree with the server. */
  limits: typeof REFERRAL_LIMITS;
}

export async function referralConfigView(db: Database): Promise<ReferralConfigView> {
  return { ...settingsView(await loadReferralSettings(db)), refundWindowDays: REFUND_WINDOW_DAYS, limits: REFERRAL_LIMITS };
}

/** Validates (VALIDATION_FAILED with a detail per field) and saves over `expectedVersion` (CONFLICT otherwise). */
export async function updateReferralSettings(
  db: Database,
  input: unknown,
  by: string,
  expectedVersion?: number,
): Promise<Result<ReferralConfigView, 'VALIDATION_FAILED' | 'CONFLICT'>> {
  const saved = await referralSettings.update(db, input, by, expectedVersion);
  if (!saved.ok) return saved;
  return ok(await referralConfigView(db));
}
