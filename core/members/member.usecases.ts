import { appendAudit } from '../audit/audit.repo';
import { now } from '../platform/clock';
import { fail, ok, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { bootstrapAdminOpenids } from '../staff/staff.rules';
import { bootstrapAdminOnce, findStaffRole, listStaff } from '../staff/staff.repo';
import { findMember, insertMemberIfAbsent, listDemoPersonas, nicknamesOf, updateMember } from './member.repo';
import {
  avatarUrlProblem,
  brandNamesFrom,
  newFollower,
  reservedNicknameProblem,
  toSessionProfile,
  type Member,
  type ProfileInput,
  type Role,
  type SessionProfile,
} from './member.rules';

export const BOOTSTRAP_ADMINS_ENV = 'FLYWHEEL_BOOTSTRAP_ADMINS';
export const DEMO_PERSONAS_ENV = 'FLYWHEEL_DEMO_PERSONAS';
/** The brand's name(s), comma-separated, reserved from members' nicknames (e.g. 山川咖啡). */
export const BRAND_NAME_ENV = 'FLYWHEEL_BRAND_NAME';
/** The WeChat Pay receipt prefix (core/orders/orders.payment.ts): the brand as the payer sees it. */
const PAY_BODY_PREFIX_ENV = 'FLYWHEEL_PAY_BODY_PREFIX';

/** Opening the app: the first open creates the follower record; every open returns the session profile. */
export async function openApp(ctx: ActionContext): Promise<Result<{ profile: SessionProfile }>> {
  const { member, role } = await openSession(ctx);
  return ok({ profile: toSessionProfile(member, role) });
}

/** The caller's member record and role; shared by every "open" entry point. */
export async function openSession(ctx: ActionContext): Promise<{ member: Member; role: Role }> {
  return { member: await callerRecord(ctx), role: await resolveRole(ctx) };
}

/** The caller's member record, created (a follower) on their first open. */
export async function callerRecord(ctx: ActionContext): Promise<Member> {
  const { openid } = ctx.caller;
  return (await findMember(ctx.db, openid)) ?? (await insertMemberIfAbsent(ctx.db, newFollower(openid, now())));
}

export async function updateProfile(ctx: ActionContext, input: ProfileInput): Promise<Result<{ profile: SessionProfile }>> {
  const { openid } = ctx.caller;
  const [member, role] = await Promise.all([findMember(ctx.db, openid), findStaffRole(ctx.db, openid)]);
  if (!member) return fail('NOT_FOUND', '请先打开小程序完成登录');
  const problem = await profileProblem(ctx, member, role, input);
  if (problem) return fail('VALIDATION_FAILED', `输入有误：${problem.path} ${problem.message}`, [problem]);
  const changes: Partial<Member> = { updatedAt: now() };
  if (input.nickname !== undefined) changes.nickname = input.nickname;
  if (input.avatarUrl !== undefined) changes.avatarUrl = input.avatarUrl;
  await updateMember(ctx.db, openid, changes);
  return ok({ profile: toSessionProfile({ ...member, ...changes }, role) });
}

/** The brand's names a member's nickname may not wear; the receipt prefix is the brand too when no name is set. */
export function configuredBrandNames(env: NodeJS.ProcessEnv = process.env): string[] {
  const names = brandNamesFrom(env[BRAND_NAME_ENV]);
  return names.length ? names : brandNamesFrom(env[PAY_BODY_PREFIX_ENV]);
}

/** The environment a cloud fileID must belong to (what wx-server-sdk resolves DYNAMIC_CURRENT_ENV from). */
function currentEnvId(): string {
  return process.env.TCB_ENV || process.env.SCF_NAMESPACE || '';
}

/**
 * What the schema cannot know: an avatar fileID of another environment, and a nickname that
 * impersonates the brand or a staff member (a new nickname only: one already held is left alone).
 */
async function profileProblem(ctx: ActionContext, member: Member, role: Role, input: ProfileInput): Promise<{ path: string; message: string } | null> {
  if (input.avatarUrl !== undefined) {
    const avatar = avatarUrlProblem(input.avatarUrl, currentEnvId());
    if (avatar) return { path: 'avatarUrl', message: avatar };
  }
  if (input.nickname === undefined || input.nickname === member.nickname) return null;
  const staff = (await listStaff(ctx.db)).map((s) => s._id).filter((id) => id !== ctx.caller.openid);
  const names = await nicknamesOf(ctx.db, staff);
  const reserved = reservedNicknameProblem(input.nickname, {
    brandNames: configuredBrandNames(),
    staffNicknames: [...names.values()],
    callerIsStaff: role !== 'customer',
  });
  return reserved ? { path: 'nickname', message: reserved } : null;
}

export interface Persona {
  key: string;
  openid: string;
  label: string;
  description: string;
}

/** Demo personas exist only where the demo seed ran (the local emulator); production says no. */
export async function listPersonas(ctx: ActionContext): Promise<Result<{ personas: Persona[] }>> {
  if (process.env[DEMO_PERSONAS_ENV] !== '1') return fail('NOT_FOUND', '体验身份仅在本地演示环境提供');
  const personas = await listDemoPersonas(ctx.db);
  return ok({ personas: personas.map((p) => ({ key: p._id, openid: p.openid, label: p.label, description: p.description })) });
}

async function resolveRole(ctx: ActionContext): Promise<Role> {
  const { openid } = ctx.caller;
  const role = await findStaffRole(ctx.db, openid);
  if (role !== 'customer' || !bootstrapAdminOpenids(process.env[BOOTSTRAP_ADMINS_ENV]).includes(openid)) return role;
  if (!(await bootstrapAdminOnce(ctx.db, openid))) return role;
  try {
    await appendAudit(ctx.db, {
      actor: openid,
      role: 'admin',
      action: 'staff.bootstrap',
      target: { openid },
      outcome: 'ok',
      detail: `first admin from ${BOOTSTRAP_ADMINS_ENV}`,
      at: now(),
    });
  } catch (e) {
    // The role is granted already; failing the member's open over the log line would help nobody.
    console.error(`AUDIT WRITE FAILED: staff.bootstrap by ${openid}`, e);
  }
  return 'admin';
}
