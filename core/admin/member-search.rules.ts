/**
 * Finding a member by what staff know about them (a nickname, the end of a phone number, an order
 * number) instead of an OPENID: how a query is read, and how the answers are merged and shown.
 */
import { z } from 'zod';
import { TIER_NAMES, type Tier } from '../members/tiers';

/** Most members one search answers: a picker, not a list to page through (type more to narrow). */
export const MEMBER_SEARCH_LIMIT = 20;

export const findMembersInput = z
  .object({
    query: z.string({ error: '请输入昵称、手机尾号或订单号' }).trim().min(1, '请输入昵称、手机尾号或订单号').max(32, '搜索内容最多 32 个字'),
  })
  .strict();
export type FindMembersInput = z.infer<typeof findMembersInput>;

/** An order's id as checkout writes it (core/orders/orders.admin.ts ORDER_ID); typed in any case. */
const ORDER_NUMBER = /^[Oo][0-9a-fA-F]{24}$/;
/** Four digits or more: the end of a phone number (a mainland number has 11). */
const PHONE_DIGITS = /^\d{4,11}$/;

export interface SearchPlan {
  /** Look the order up and take its buyer. */
  orderId: string | null;
  /** Members whose phone ends in these digits. */
  phoneEnding: string | null;
  /**
   * Members whose nickname contains the query in any case, as a pattern matching only the query's
   * own text: always, since a nickname may be digits too.
   */
  nicknamePattern: string;
}

export function searchPlan(query: string): SearchPlan {
  const q = query.trim();
  return {
    orderId: ORDER_NUMBER.test(q) ? `O${q.slice(1).toLowerCase()}` : null,
    phoneEnding: PHONE_DIGITS.test(q) ? q : null,
    nicknamePattern: literalPattern(q),
  };
}

/** The text as a regular expression that matches only itself: staff type "a.b" or "(周)", not patterns. */
export function literalPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface MemberFound {
  _id: string;
  nickname: string;
  tier: Tier;
  phone: string | null;
  joinedAt: Date | null;
}

/**
 * What the picker shows: a name, a tier and a phone tail, never the phone. `memberKey` is the
 * member's OPENID, the id every staff action on a member already takes (adjustPoints, grantRole,
 * revokeRole, ordersList's search); the client sends it back and never puts it on screen.
 */
export interface MemberMatch {
  memberKey: string;
  nickname: string;
  tier: Tier;
  tierName: string;
  phoneTail: string | null;
  joinedAt: string | null;
  /** Paid orders, refunded ones included. */
  orders: number;
}

export function phoneTail(phone: string | null | undefined): string | null {
  return phone && phone.length >= 4 ? phone.slice(-4) : null;
}

/** The most certain matches first (the order's buyer, then phone, then nickname), each member once. */
export function mergeMatches(groups: MemberFound[][], limit: number): { members: MemberFound[]; more: boolean } {
  const seen = new Set<string>();
  const merged: MemberFound[] = [];
  for (const m of groups.flat()) {
    if (seen.has(m._id)) continue;
    seen.add(m._id);
    merged.push(m);
  }
  return { members: merged.slice(0, limit), more: merged.length > limit };
}

export function toMemberMatch(m: MemberFound, orders: number): MemberMatch {
  return {
    memberKey: m._id,
    nickname: m.nickname,
    tier: m.tier,
    tierName: TIER_NAMES[m.tier] ?? m.tier,
    phoneTail: phoneTail(m.phone),
    joinedAt: m.joinedAt ? new Date(m.joinedAt).toISOString() : null,
    orders,
  };
}
