import { z } from 'zod';
import { fail, ok, type Result } from '../platform/result';
import { TIER_NAMES, type Tier } from './tiers';

export interface Member {
  _id: string;
  nickname: string;
  avatarUrl: string;
  tier: Tier;
  points: number;
  /** Set when they joined membership (agreed to the terms). */
  joinedAt: Date | null;
  phone: string | null;
  termsVersion: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type StaffRole = 'moderator' | 'admin';
export type Role = 'customer' | StaffRole;

export interface SessionProfile {
  memberId: string;
  nickname: string;
  avatarUrl: string;
  tier: Tier;
  tierName: string;
  points: number;
  role: Role;
  isMember: boolean;
  joinedAt: string | null;
}

export const CURRENT_TERMS_VERSION = '2026-11';
export const DEFAULT_AVATAR = '';

/** A person who opens the app for the first time: connected, not yet a member. */
export function newFollower(openid: string, at: Date): Member {
  return {
    _id: openid,
    nickname: defaultNickname(openid),
    avatarUrl: DEFAULT_AVATAR,
    tier: 'follower',
    points: 0,
    joinedAt: null,
    phone: null,
    termsVersion: null,
    createdAt: at,
    updatedAt: at,
  };
}

/** 微信用户 plus a short stable suffix, so a list of new people is not a column of identical names. */
export function defaultNickname(openid: string): string {
  let h = 0;
  for (const ch of openid) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `微信用户${(h % 10000).toString().padStart(4, '0')}`;
}

export const phoneSchema = z.string().regex(/^1[3-9]\d{9}$/, '请输入 11 位中国大陆手机号');

export const joinInputSchema = z.object({
  agreeTerms: z.literal(true, { error: '请先阅读并同意会员协议' }),
  phone: phoneSchema.optional(),
});
export type JoinInput = z.infer<typeof joinInputSchema>;

export type JoinChanges = Pick<Member, 'joinedAt' | 'phone' | 'termsVersion' | 'updatedAt'>;

/**
 * Joining records membership. The step itself (follower -> 未购会员, or higher when orders are
 * already there) is the ladder's to set, from the 'joined' fact, with its tier_changes record.
 * Joining again changes nothing.
 */
export function joinMembership(member: Member, input: JoinInput, at: Date): Result<JoinChanges | null> {
  if (member.joinedAt) return ok(null);
  return ok({
    joinedAt: at,
    phone: input.phone ?? member.phone,
    termsVersion: CURRENT_TERMS_VERSION,
    updatedAt: at,
  });
}

export const profileInputSchema = z
  .object({
    nickname: z
      .string()
      .trim()
      .min(1, '昵称不能为空')
      .max(20, '昵称最多 20 个字')
      .refine((s) => !/[\u0000-\u001f<>]/.test(s), '昵称包含不支持的字符')
      .optional(),
    avatarUrl: z
      .string()
      .max(512)
      .refine((s) => s === '' || /^(https:\/\/|cloud:\/\/)/.test(s), '头像需为 https:// 或 cloud:// 地址')
      .optional(),
  })
  .refine((v) => v.nickname !== undefined || v.avatarUrl !== undefined, '没有需要修改的内容');
export type ProfileInput = z.infer<typeof profileInputSchema>;

export function toSessionProfile(member: Member, role: Role): SessionProfile {
  return {
    memberId: member._id,
    nickname: member.nickname,
    avatarUrl: member.avatarUrl,
    tier: member.tier,
    tierName: TIER_NAMES[member.tier],
    points: member.points,
    role,
    isMember: member.joinedAt !== null,
    joinedAt: member.joinedAt ? new Date(member.joinedAt).toISOString() : null,
  };
}

export function requireMember(member: Member): Result<Member> {
  return member.joinedAt ? ok(member) : fail('NOT_A_MEMBER', '请先加入会员');
}
