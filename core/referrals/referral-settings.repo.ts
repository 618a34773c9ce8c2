/**
 * The referral programme's rules as staff saved them: `settings/referral`, next to the ladder's
 * `settings/ladder`, versioned the same way. Until someone saves, the defaults apply.
 */
import { getDoc, SETTINGS } from '../ladder/ladder.repo';
import type { Database, TransactionDb } from '../platform/database';
import { fail, ok, type Result } from '../platform/result';
import { DEFAULT_REFERRAL_CONFIG, parseReferralConfig, type ReferralConfig } from './referral.config';

export const REFERRAL_SETTINGS_ID = 'referral';

export interface ReferralSettings {
  config: ReferralConfig;
  /** 0 while the defaults apply; each save adds 1 (optimistic concurrency for staff edits). */
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
}

function toSettings(stored: Record<string, unknown> | null): ReferralSettings {
  if (!stored) return { config: DEFAULT_REFERRAL_CONFIG, version: 0, updatedAt: null, updatedBy: null };
  const { attributionWindowDays, holdDays, rewardPoints, minOrderPayFen, dailyRewardCap, burst, inactive } = stored;
  const parsed = parseReferralConfig({ attributionWindowDays, holdDays, rewardPoints, minOrderPayFen, dailyRewardCap, burst, inactive });
  // Saves are validated, so an invalid stored config was edited by hand in the console. Falling
  // back to defaults would silently change who gets paid how much; stop loudly instead.
  if (!parsed.ok) throw new Error(`settings/${REFERRAL_SETTINGS_ID} is invalid: ${parsed.error.message}`);
  return {
    config: parsed.data,
    version: Number(stored.version ?? 0),
    updatedAt: stored.updatedAt ? new Date(stored.updatedAt as string) : null,
    updatedBy: (stored.updatedBy as string | undefined) ?? null,
  };
}

/** One point read of `settings/referral`. */
export async function loadReferralSettings(db: Database): Promise<ReferralSettings> {
  return toSettings(await getDoc(db.collection(SETTINGS).doc(REFERRAL_SETTINGS_ID)));
}

/** The rules every referral entry point runs on (defaults until staff save their own). */
export async function loadReferralConfig(db: Database): Promise<ReferralConfig> {
  return (await loadReferralSettings(db)).config;
}

/**
 * Saves a validated configuration. With `expectedVersion`, a save based on an older version is
 * refused (two staff editing at once do not silently overwrite each other).
 */
export async function saveReferralConfig(
  tx: TransactionDb,
  config: ReferralConfig,
  by: string,
  at: Date,
  expectedVersion: number | undefined,
): Promise<Result<{ version: number }, 'CONFLICT'>> {
  const current = toSettings(await getDoc(tx.collection(SETTINGS).doc(REFERRAL_SETTINGS_ID)));
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    return fail('CONFLICT', `推荐规则已被他人修改（当前版本 ${current.version}），请刷新后重试`);
  }
  const version = current.version + 1;
  await tx.collection(SETTINGS).doc(REFERRAL_SETTINGS_ID).set({ data: { ...config, version, updatedAt: at, updatedBy: by } });
  return ok({ version });
}
