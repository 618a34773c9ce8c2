import { z } from 'zod';
import { ladderConfigShape } from '../ladder/ladder.config';
import { ladderConfigView, updateLadderSettings, type LadderConfigView } from '../ladder/ladder.usecases';
import { ok, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { asStaff } from './admin.usecases';

/** Moderators and admins see the ladder's thresholds and benefits. */
export function ladderConfig(ctx: ActionContext): Promise<Result<LadderConfigView, string>> {
  return asStaff(ctx, 'admin.view', 'ladder.config.view', {}, async () => ok(await ladderConfigView(ctx.db)));
}

/**
 * The entry checks the configuration's exact shape (keys and types; the client has it, so it is
 * no secret): nothing free-form reaches the audit log or the database. Its ranges and ladder rules
 * are checked after the role check, so an admin's refused edit is audited with its reason
 * (LADDER_CONFIG_INVALID) and gets a detail per field.
 */
export const updateLadderConfigInput = z
  .object({
    config: ladderConfigShape,
    /** The version the editor started from; a newer saved version makes the save a CONFLICT. */
    expectedVersion: z.number().int().min(0).max(1_000_000_000).optional(),
  })
  .strict();

export function updateLadderConfig(ctx: ActionContext, input: z.infer<typeof updateLadderConfigInput>): Promise<Result<LadderConfigView, string>> {
  // An allowed attempt's entry keeps the values (bounded by the shape); a denied one keeps a digest only.
  const target = { settings: 'ladder', config: input.config, expectedVersion: input.expectedVersion ?? null };
  return asStaff(ctx, 'ladder.manage', 'ladder.config.update', target, () => updateLadderSettings(ctx.db, input.config, ctx.caller.openid, input.expectedVersion));
}
