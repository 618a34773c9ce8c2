import { z } from 'zod';
import { ok, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { pointsHistory, pointsSummary, type PointsSummary } from './points.usecases';
import type { PointsLine } from './points.views';

export const historyInput = z
  .object({
    limit: z.number().int().min(1).max(50).default(20),
    before: z
      .string()
      .min(1)
      .max(200)
      .regex(/^\d{4}-\d{2}-\d{2}T[^~]+(~.+)?$/, '分页参数无效')
      .optional(),
  })
  .strict();

/** The caller's own points only: the member id is the caller's OPENID, never an input. */
export async function mySummary(ctx: ActionContext): Promise<Result<PointsSummary>> {
  return ok(await pointsSummary(ctx.db, ctx.caller.openid));
}

export function myHistory(ctx: ActionContext, input: z.infer<typeof historyInput>): Promise<Result<{ entries: PointsLine[]; nextBefore: string | null }>> {
  return pointsHistory(ctx.db, ctx.caller.openid, input.limit, input.before);
}
