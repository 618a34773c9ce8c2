import { z } from 'zod';
import { ladderConfigView, updateLadderSettings, type LadderConfigView } from '../ladder/ladder.usecases';
import { ok, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { asStaff } from './admin.usecases';

/** Moderators and admins see the ladder's thresholds and benefits. */
export function ladderConfig(ctx: ActionContext): Promise<Result<LadderConfigView, string>> {
  return asStaff(ctx, 'admin.view', 'ladder.config.view', {}, async () => ok(await ladderConfigView(ctx.db)));
}

/**
 * The entry only checks the envelope; the configuration itself is validated after the role check,
 * so a refused edit is audited with its reason (LADDER_CONFIG_INVALID) and nobody without the
 * right learns the rules by probing.
 */
export const updateLadderConfigInput = z
  .object({
    config: z.record(z.string(), z.unknown(), { error: '请提交完整的等级配置' }),
    /** The version the editor started from; a newer saved version makes the save a CONFLICT. */
    expectedVersion: z.number().int().min(0).optional(),
  })
  .strict();

export function updateLadderConfig(ctx: ActionContext, input: z.infer<typeof updateLadderConfigInput>): Promise<Result<LadderConfigView, string>> {
  // The submitted values go into the audit entry: what was attempted, allowed or not.
  const target = { settings: 'ladder', config: input.config, expectedVersion: input.expectedVersion ?? null };
  return asStaff(ctx, 'ladder.manage', 'ladder.config.update', target, () => updateLadderSettings(ctx.db, input.config, ctx.caller.openid, input.expectedVersion));
}
