/** Staff roles; everyone else is a customer. Roles live in `staff/<openid>`, never on the member record. */
export type StaffRole = 'moderator' | 'admin';
export type Role = 'customer' | StaffRole;

export interface StaffRecord {
  _id: string;
  role: StaffRole;
  grantedBy: string;
  grantedAt: Date;
}

export type Permission =
  | 'admin.view'
  | 'staff.manage'
  | 'audit.view'
  | 'ladder.manage'
  | 'rewards.manage'
  | 'points.adjust'
  | 'products.manage'
  | 'orders.view'
  | 'orders.refund'
  | 'referrals.view'
  | 'referrals.decide'
  | 'referrals.configure'
  | 'draws.manage'
  | 'feedback.moderate'
  | 'feedback.reward'
  | 'feedback.configure';

const GRANTS: Record<StaffRole, Permission[]> = {
  moderator: ['admin.view', 'orders.view', 'referrals.view', 'feedback.moderate', 'feedback.reward'],
  admin: [
    'admin.view',
    'staff.manage',
    'audit.view',
    'ladder.manage',
    'rewards.manage',
    'points.adjust',
    'products.manage',
    'orders.view',
    'orders.refund',
    'referrals.view',
    'referrals.decide',
    'referrals.configure',
    'draws.manage',
    'feedback.moderate',
    'feedback.reward',
    'feedback.configure',
  ],
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

/** A change an admin asks for in the staff area. */
export type StaffChange = { kind: 'grant'; openid: string; role: StaffRole } | { kind: 'revoke'; openid: string };

export interface StaffChangeProblem {
  code: 'FORBIDDEN' | 'CONFLICT' | 'NOT_FOUND';
  message: string;
}

/**
 * Whether `caller` may make `change`, judged on the roles as they are now (read in the same
 * transaction as the write). Nobody lowers their own role — through revokeRole or by granting
 * themselves 'moderator' — so the caller, an admin, is still one afterwards: no change ever leaves
 * the brand without an admin, and the last admin cannot lock everyone out.
 */
export function staffChangeProblem(caller: { openid: string; role: Role }, targetRole: Role, change: StaffChange): StaffChangeProblem | null {
  if (!can(caller.role, 'staff.manage')) return { code: 'FORBIDDEN', message: '没有权限执行此操作' };
  const self = change.openid === caller.openid;
  if (change.kind === 'revoke') {
    if (self) return { code: 'CONFLICT', message: '不能撤销自己的权限，请让另一位管理员操作' };
    if (targetRole === 'customer') return { code: 'NOT_FOUND', message: '该用户不是工作人员' };
    return null;
  }
  if (self && change.role !== caller.role) return { code: 'CONFLICT', message: '不能降低自己的权限，请让另一位管理员操作' };
  return null;
}
