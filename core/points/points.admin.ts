import { z } from 'zod';
import type { ActionContext } from '../platform/router';
import { asStaff } from '../staff/staff.guard';
import type { PointsResult } from './points.errors';
import type { LedgerErrorCode, LedgerOutcome } from './points.ledger';
import { changePoints, expiryFromNow } from './points.usecases';

export const adjustPointsInput = z
  .object({
    openid: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/, '会员编号格式有误'),
    amount: z
      .number()
      .int('积分调整必须为整数')
      .refine((n) => n !== 0, '调整数量不能为 0')
      .refine((n) => Math.abs(n) <= 1_000_000, '单次调整不超过 1,000,000 积分'),
    reason: z.string().trim().min(2, '请写明调整原因').max(60),
    /** Generated once per form submission, so a double tap adjusts once. */
    requestId: z
      .string()
      .min(8)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/, '请求编号格式有误'),
  })
  .strict();

/**
 * Staff adjustment: a credit (a lot that expires like any earning) or a debit (never below zero).
 * Admin only, audited, idempotent by the form's requestId; the reason is what the member sees.
 */
export function adjustPoints(
  ctx: ActionContext,
  input: z.infer<typeof adjustPointsInput>,
): Promise<PointsResult<LedgerOutcome, LedgerErrorCode | 'FORBIDDEN'>> {
  return asStaff(ctx, 'points.adjust', 'points.adjust', { openid: input.openid, amount: input.amount, reason: input.reason }, () =>
    changePoints(ctx.db, {
      kind: 'adjust',
      memberId: input.openid,
      sourceKey: `adjust:${input.requestId}`,
      amount: input.amount,
      reason: `客服调整：${input.reason}`,
      actor: ctx.caller.openid,
      expiresAt: expiryFromNow(),
    }),
  );
}
