import { z } from 'zod';
import { fail, ok, type Result } from '../platform/result';
import type { Role } from '../staff/staff.rules';
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
  /** Set by the ladder (the only writer of `tier`) while the facts no longer hold the tier. */
  tierGraceUntil?: Date | null;
  /** The points ledger's copy of the member's debt (points reversed after they were spent). */
  pointsDebt?: number;
}

export type { Role, StaffRole } from '../staff/staff.rules';

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
/** How a member is shown to other members: 王小明 -> 王*明, 王明 -> 王*, 王 -> 王*; emoji and other astral characters count as one. */
export function maskNickname(nickname: string): string {
  const chars = Array.from(nickname.trim());
  if (chars.length === 0) return '**';
  if (chars.length <= 2) return `${chars[0]}*`;
  return `${chars[0]}*${chars[chars.length - 1]}`;
}

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

// ---- nicknames and avatars a member may choose

/**
 * Characters a nickname may not hold: controls (Cc), format characters (Cf: direction overrides
 * such as U+202E that reverse what follows, zero-width spaces and joiners), line and paragraph
 * separators (Zl, Zp), and the blank "filler" letters people use for names that look empty.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800]/u;

export function nicknameCharacterProblem(nickname: string): string | null {
  if (INVISIBLE.test(nickname)) return '昵称不能包含不可见字符或文字方向控制符';
  if (/[<>]/.test(nickname)) return '昵称不能包含 < 或 >';
  return null;
}

/**
 * What two names are compared as: NFKC (full-width and compatibility forms fold: Ａｄｍｉｎ is admin),
 * lower case, without spaces, punctuation or symbols (老 陈, 老·陈 and ★老陈★ are 老陈).
 */
export function comparableName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}\p{Cc}\p{Cf}]/gu, '');
}

/** Words only the brand's own people may wear. Latin ones match as whole words (badminton is fine). */
export const RESERVED_NICKNAME_WORDS = ['官方', '客服', '管理员', '工作人员', 'staff', 'admin', 'official'] as const;

function containsWord(name: string, word: string): boolean {
  if (!/^[a-z]+$/.test(word)) return name.includes(word);
  return new RegExp(`(^|[^a-z])${word}($|[^a-z])`).test(name);
}

export interface NicknameReservations {
  /** The brand's names (configuration); a member's nickname may not contain one. */
  brandNames: string[];
  /** Nicknames of staff other than the caller; a member's nickname may not be one of them. */
  staffNicknames: string[];
  /** Staff may wear the brand and the reserved words; nobody may take another staff member's name. */
  callerIsStaff: boolean;
}

/** Why a nickname impersonates the brand or its staff, in Chinese; null when it may be used. */
export function reservedNicknameProblem(nickname: string, r: NicknameReservations): string | null {
  const name = comparableName(nickname);
  if (!r.callerIsStaff) {
    for (const brand of r.brandNames) {
      const b = comparableName(brand);
      if (b && name.includes(b)) return `昵称不能使用品牌名称“${brand.trim()}”`;
    }
    const word = RESERVED_NICKNAME_WORDS.find((w) => containsWord(name, w));
    if (word) return `昵称不能包含“${word}”等保留字样`;
  }
  if (r.staffNicknames.some((s) => comparableName(s) !== '' && comparableName(s) === name)) return '该昵称与工作人员重名，请换一个';
  return null;
}

/** Brand names from configuration: a comma-separated list (e.g. "山川咖啡,Shanchuan Coffee"). */
export function brandNamesFrom(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Where an avatar may live: WeChat's own avatar hosts (what a WeChat profile picture URL is), or a
 * file the member uploaded to the brand's cloud storage (头像昵称填写: chooseAvatar gives a temporary
 * file, the client uploads it, the profile keeps its cloud fileID). '' puts the default back.
 */
export const WECHAT_AVATAR_HOSTS = ['thirdwx.qlogo.cn', 'wx.qlogo.cn'] as const;
export const AVATAR_REFUSED = '头像需为微信头像或在小程序内上传的图片';

export function avatarUrlKind(url: string): 'default' | 'wechat' | 'cloud' | null {
  if (url === '') return 'default';
  if (url.length > 512 || INVISIBLE.test(url) || /\s/.test(url)) return null;
  if (url.startsWith('cloud://')) return /^cloud:\/\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\/[^?#%]+$/.test(url) && !url.includes('..') ? 'cloud' : null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const exact = parsed.protocol === 'https:' && !parsed.username && !parsed.password && !parsed.port && url.startsWith(`https://${parsed.hostname}/`);
  return exact && (WECHAT_AVATAR_HOSTS as readonly string[]).includes(parsed.hostname) ? 'wechat' : null;
}

/** Null when the avatar may be used in this environment: a cloud fileID must be of this environment (`cloud://<envId>.`). */
export function avatarUrlProblem(url: string, envId: string): string | null {
  const kind = avatarUrlKind(url);
  if (kind === null) return AVATAR_REFUSED;
  if (kind === 'cloud' && (!envId || !url.startsWith(`cloud://${envId}.`))) return AVATAR_REFUSED;
  return null;
}

export const profileInputSchema = z
  .object({
    nickname: z
      .string()
      // Before trimming, which would quietly drop a leading BOM or line separator instead of refusing it.
      .superRefine((s, issues) => {
        const problem = nicknameCharacterProblem(s);
        if (problem) issues.addIssue({ code: 'custom', message: problem });
      })
      .trim()
      .min(1, '昵称不能为空')
      .max(20, '昵称最多 20 个字')
      .optional(),
    avatarUrl: z
      .string()
      .max(512, '头像地址过长')
      .refine((s) => avatarUrlKind(s) !== null, AVATAR_REFUSED)
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
