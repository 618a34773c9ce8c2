import { z } from 'zod';
import { ok, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { referralConfigView, updateReferralSettings, type ReferralConfigView } from '../referrals/referral-settings.usecases';
import { asStaff } from './admin.usecases';

/** Moderators and admins see the referral programme's rules (as they see its flags and leaderboard). */
export function referralConfig(ctx: ActionContext): Promise<Result<ReferralConfigView, string>> {
  return asStaff(ctx, 'referrals.view', 'referrals.config.view', {}, async () => ok(await referralConfigView(ctx.db)));
}

/**
 * The entry only checks the envelope; the configuration itself is validated after the role check,
 * so a refused edit is audited with its reason (VALIDATION_FAILED) and nobody without the right
 * learns the rules by probing.
 */
export const updateReferralConfigInput = z
  .object({
    config: z.record(z.string(), z.unknown(), { error: '请提交完整的推荐规则' }),
    /** The version the editor started from; a newer saved version makes the save a CONFLICT. */
    expectedVersion: z.number().int().min(0).optional(),
  })
  .strict();

export function updateReferralConfig(ctx: ActionContext, input: z.infer<typeof updateReferralConfigInput>): Promise<Result<ReferralConfigView, string>> {
  // The submitted values go into the audit entry: what was attempted, allowed or not.
  const target = { settings: 'referral', config: input.config, expectedVersion: input.expectedVersion ?? null };
  return asStaff(ctx, 'referrals.configure', 'referrals.config.update', target, () => updateReferralSettings(ctx.db, input.config, ctx.caller.openid, input.expectedVersion));
}
