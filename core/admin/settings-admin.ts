/**
 * Staff editing versioned settings (core/platform/settings.repo.ts), the same way for each: a view
 * for those who may see them, an update for those who may change them, both through asStaff.
 *
 * The entry checks the configuration's exact shape (keys and types; the client's form has it, so it
 * is no secret): nothing free-form reaches the audit log or the database. Ranges and rules are
 * checked after the role check, so an admin's refused edit is audited with its reason and gets a
 * detail per field. An allowed attempt's audit entry keeps the values (bounded by the shape); a
 * denied one keeps a digest only.
 */
import { z } from 'zod';
import type { Database } from '../platform/database';
import { ok, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { asStaff } from '../staff/staff.guard';
import type { Permission } from '../staff/staff.rules';

/** An update's input: the configuration (its exact shape) and the version the editor started from (a newer saved one makes it a CONFLICT). */
export function settingsUpdateInput<S extends z.ZodTypeAny>(shape: S) {
  return z
    .object({
      config: shape,
      expectedVersion: z.number().int().min(0).max(1_000_000_000).optional(),
    })
    .strict();
}

export interface SettingsAdminSpec<V, E extends string> {
  /** The settings document's name in audit targets ('ladder', 'referral'). */
  settings: string;
  /** Audit action names: `<audit>.view` and `<audit>.update`. */
  audit: string;
  viewPermission: Permission;
  updatePermission: Permission;
  view(db: Database): Promise<V>;
  update(db: Database, config: unknown, by: string, expectedVersion?: number): Promise<Result<V, E>>;
}

export function settingsAdmin<V, E extends string>(spec: SettingsAdminSpec<V, E>) {
  return {
    view(ctx: ActionContext): Promise<Result<V, 'FORBIDDEN'>> {
      return asStaff(ctx, spec.viewPermission, `${spec.audit}.view`, {}, async () => ok(await spec.view(ctx.db)));
    },
    update(ctx: ActionContext, input: { config: unknown; expectedVersion?: number }): Promise<Result<V, E | 'FORBIDDEN'>> {
      const target = { settings: spec.settings, config: input.config, expectedVersion: input.expectedVersion ?? null };
      return asStaff(ctx, spec.updatePermission, `${spec.audit}.update`, target, () =>
        spec.update(ctx.db, input.config, ctx.caller.openid, input.expectedVersion),
      );
    },
  };
}
