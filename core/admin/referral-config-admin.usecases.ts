import { z } from 'zod';
import { ok, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { referralConfigShape } from '../referrals/referral.config';
import { referralConfigView, updateReferralSettings, type ReferralConfigView } from '../referrals/referral-settings.usecases';
import { asStaff } from './admin.usecases';

/** Moderators and admins see the referral programme's rules (as they see its flags and leaderboard). */
export function referralConfig(ctx: ActionContext): Promise<Result<ReferralConfigView, string>> {
  return asStaff(ctx, 'referrals.view', 'referrals.config.view', {}, async () => ok(await referralConfigView(ctx.db)));
}

/**
 * The entry checks the configuration's exact shape (keys and numbers; the client has it, so it is
 * no secret): nothing free-form reaches the audit log or the database. Its ranges are checked after
 * the role check, so an admin's refused edit is audited with its reason (VALIDATION_FAILED) and
 * gets a detail per field.
 */
export const updateReferralConfigInput = z
  .object({
    config: referralConfigShape,
    /** The version the editor started from; a newer saved version makes the save a CONFLICT. */
    expectedVersion: z.number().int().min(0).max(1_000_000_000).optional(),
  })
  .strict();

export function updateReferralConfig(ctx: ActionContext, input: z.infer<typeof updateReferralConfigInput>): Promise<Result<ReferralConfigView, string>> {
  // An allowed attempt's entry keeps the values (bounded by the shape); a denied one keeps a digest only.
  const target = { settings: 'referral', config: input.config, expectedVersion: input.expectedVersion ?? null };
  return asStaff(ctx, 'referrals.configure', 'referrals.config.update', target, () => updateReferralSettings(ctx.db, input.config, ctx.caller.openid, input.expectedVersion));
}
