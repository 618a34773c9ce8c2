import type { Role, StaffRole } from '../members/member.rules';

export interface StaffRecord {
  _id: string;
  role: StaffRole;
  grantedBy: string;
  grantedAt: Date;
}

export type Permission = 'admin.view' | 'staff.manage' | 'audit.view' | 'ladder.manage' | 'rewards.manage' | 'points.adjust' | 'products.manage' | 'orders.view' | 'orders.refund' | 'referrals.view' | 'referrals.decide' | 'referrals.configure';

const GRANTS: Record<StaffRole, Permission[]> = {
  moderator: ['admin.view', 'orders.view', 'referrals.view'],
  admin: ['admin.view', 'staff.manage', 'audit.view', 'ladder.manage', 'rewards.manage', 'points.adjust', 'products.manage', 'orders.view', 'orders.refund', 'referrals.view', 'referrals.decide', 'referrals.configure'],
};

export function can(role: Role, permission: Permission): boolean {
  return role !== 'customer' && GRANTS[role].includes(permission);
}

/**
 * The first admin comes from configuration (an environment variable of the function, set in the
 * cloud console), so a new deployment is never without someone able to grant roles.
 */
export function bootstrapAdminOpenids(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
