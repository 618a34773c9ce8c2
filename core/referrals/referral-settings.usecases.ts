/**
 * Reading and saving the referral programme's rules (the admin area wraps these in asStaff).
 * A save applies from the next call on: new visits and joins are judged by the new window, new
 * conversions get the new hold, and the timer pays the reward in force when it confirms.
 */
import { REFUND_WINDOW_DAYS } from '../orders/order.rules';
import { now } from '../platform/clock';
import type { Database } from '../platform/database';
import { ok, type Result } from '../platform/result';
import { inTransaction } from '../platform/transaction';
import { parseReferralConfig, REFERRAL_LIMITS, type ReferralConfig } from './referral.config';
import { loadReferralSettings, saveReferralConfig } from './referral-settings.repo';

export interface ReferralConfigView {
  config: ReferralConfig;
  version: number;
  /** True while no one has saved a configuration (the defaults apply). */
  isDefault: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
  /** The orders' refund window: the shortest hold allowed (the form says why). */
  refundWindowDays: number;
  /** What may be saved, so the form's hints never disagree with the server. */
  limits: typeof REFERRAL_LIMITS;
}

export async function referralConfigView(db: Database): Promise<ReferralConfigView> {
  const s = await loadReferralSettings(db);
  return {
    config: s.config,
    version: s.version,
    isDefault: s.version === 0,
    updatedAt: s.updatedAt ? s.updatedAt.toISOString() : null,
    updatedBy: s.updatedBy,
    refundWindowDays: REFUND_WINDOW_DAYS,
    limits: REFERRAL_LIMITS,
  };
}

/** Validates (VALIDATION_FAILED with a detail per field) and saves over `expectedVersion` (CONFLICT otherwise). */
export async function updateReferralSettings(
  db: Database,
  input: unknown,
  by: string,
  expectedVersion?: number,
): Promise<Result<ReferralConfigView, 'VALIDATION_FAILED' | 'CONFLICT'>> {
  const parsed = parseReferralConfig(input);
  if (!parsed.ok) return parsed;
  const saved = await inTransaction(db, (tx) => saveReferralConfig(tx, parsed.data, by, now(), expectedVersion));
  if (!saved.ok) return saved;
  return ok(await referralConfigView(db));
}
