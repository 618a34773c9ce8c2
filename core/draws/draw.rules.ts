/**
 * The rules of a draw besides its fairness (draw-fairness.rules.ts): its phase by time, who may
 * enter, and what a member's entry means to them. Pure; the caller gives "now".
 */
import type { Shortfall } from '../ladder/ladder.text';
import { TIER_NAMES, tierRank, type Tier } from '../members/tiers';
import type { DrawDoc, DrawPhase, EntryDoc, MyEntryState } from './draws.model';
import { chinaDateTime } from '../platform/china-time';

/**
 * An entry is checked against the window when it is written, but its write can land a little
 * later (a slow call): the draw reads entries only once the longest call could have ended.
 */
export const ENTRY_SETTLE_MS = 60_000;

const DAY_MS = 24 * 60 * 60 * 1000;

export function phaseOf(draw: Pick<DrawDoc, 'status' | 'opensAt' | 'closesAt'>, at: Date): DrawPhase {
  switch (draw.status) {
    case 'cancelled':
      return 'cancelled';
    case 'drawing':
      return 'drawing';
    case 'drawn':
    case 'finished':
      return 'drawn';
    case 'scheduled': {
      const t = at.getTime();
      if (t < new Date(draw.opensAt).getTime()) return 'upcoming';
      if (t < new Date(draw.closesAt).getTime()) return 'open';
      return 'closed';
    }
  }
}

/** When the drawing job may start: the draw time, and never before every entry has landed. */
export function drawableAt(draw: Pick<DrawDoc, 'closesAt' | 'drawAt'>): Date {
  return new Date(Math.max(new Date(draw.drawAt).getTime(), new Date(draw.closesAt).getTime() + ENTRY_SETTLE_MS));
}

export interface Entrant {
  tier: Tier;
  joinedAt: Date | null;
}

/** `need` says what stands in the way, for the page's way on (join, order more, wait for the window or the days). */
export type EntryRefusal = {
  code: 'NOT_A_MEMBER' | 'DRAW_NOT_OPEN' | 'DRAW_NOT_ELIGIBLE';
  message: string;
  need: 'window' | 'join' | 'tier' | 'membership_days';
};

/** Why entering is refused now, in the member's words; null when they may enter. `shortfall` is what they miss for the draw's step. */
export function entryRefusal(
  draw: Pick<DrawDoc, 'status' | 'opensAt' | 'closesAt' | 'minTier' | 'minMemberDays'>,
  who: Entrant | null,
  shortfall: Shortfall | null,
  at: Date,
): EntryRefusal | null {
  const phase = phaseOf(draw, at);
  if (phase === 'upcoming') return { code: 'DRAW_NOT_OPEN', message: '抽签尚未开始，请在开始后再来', need: 'window' };
  if (phase === 'cancelled') return { code: 'DRAW_NOT_OPEN', message: '本次抽签已取消', need: 'window' };
  if (phase !== 'open') return { code: 'DRAW_NOT_OPEN', message: '抽签报名已截止', need: 'window' };
  if (!who || !who.joinedAt) return { code: 'NOT_A_MEMBER', message: '加入会员即可参加抽签', need: 'join' };
  if (tierRank(who.tier) < tierRank(draw.minTier)) return { code: 'DRAW_NOT_ELIGIBLE', message: tierShortText(draw.minTier, shortfall), need: 'tier' };
  const days = membershipDays(who.joinedAt, at);
  if (days < draw.minMemberDays) {
    return { code: 'DRAW_NOT_ELIGIBLE', message: `入会满 ${draw.minMemberDays} 天即可参加（还差 ${draw.minMemberDays - days} 天）`, need: 'membership_days' };
  }
  return null;
}

/** Whole days since joining. */
export function membershipDays(joinedAt: Date, at: Date): number {
  return Math.max(0, Math.floor((at.getTime() - new Date(joinedAt).getTime()) / DAY_MS));
}

/** "再下 1 单成为已购会员即可参加". */
export function tierShortText(minTier: Tier, miss: Shortfall | null): string {
  const name = TIER_NAMES[minTier];
  if (!miss) return `${name}及以上可参加`;
  if (miss.join) return `加入会员即可参加`;
  if (miss.orders > 0 && miss.friends > 0) return `再下 ${miss.orders} 单并邀请 ${miss.friends} 位好友购买，成为${name}即可参加`;
  if (miss.orders > 0) return `再下 ${miss.orders} 单成为${name}即可参加`;
  if (miss.friends > 0) return `再邀请 ${miss.friends} 位好友购买，成为${name}即可参加`;
  return `${name}及以上可参加，等级更新后即可报名`;
}

/** The order of a draw's times, as staff set them: a problem per field, or none. */
export function scheduleProblems(s: { opensAt: Date; closesAt: Date; drawAt: Date }, at: Date): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (s.closesAt.getTime() <= s.opensAt.getTime()) problems.push({ path: 'closesAt', message: '报名截止须晚于报名开始' });
  if (s.closesAt.getTime() <= at.getTime()) problems.push({ path: 'closesAt', message: '报名截止须晚于现在' });
  if (s.drawAt.getTime() < s.closesAt.getTime()) problems.push({ path: 'drawAt', message: '开奖时间不能早于报名截止' });
  return problems;
}

/** What the member's entry means to them now. */
export function entryState(draw: Pick<DrawDoc, 'status'>, entry: Pick<EntryDoc, 'outcome'>, orderPaid: boolean): MyEntryState {
  if (draw.status === 'cancelled') return 'cancelled';
  if (draw.status === 'scheduled' || draw.status === 'drawing') return 'entered';
  switch (entry.outcome) {
    case 'won':
      return orderPaid ? 'paid' : 'won';
    case 'waitlist':
      // A finished draw promotes nobody any more: whoever still waits was not drawn.
      return draw.status === 'finished' ? 'not_drawn' : 'waitlist';
    case 'forfeited':
      return 'forfeited';
    default:
      return 'not_drawn';
  }
}

export const ENTRY_STATE_TEXT: Record<MyEntryState, string> = {
  entered: '已报名，等待开奖',
  won: '已中签，请在时限内付款',
  paid: '已中签并付款',
  waitlist: '候补中',
  not_drawn: '未中签',
  forfeited: '未在时限内付款，资格已失效',
  cancelled: '抽签已取消',
};

/** "12月24日 20:00" in China time (UTC+8 all year), for messages and texts. */
export const chinaTime = (d: Date | string): string => chinaDateTime(d, false);

export interface ResultWords {
  result: string;
  hint: string;
}

/** What the result message says to one entrant. */
export function resultWords(
  draw: Pick<DrawDoc, 'status' | 'units' | 'cancelReason'>,
  entry: Pick<EntryDoc, 'outcome' | 'rank'>,
  payBy: Date | null,
): ResultWords {
  if (draw.status === 'cancelled') return { result: '已取消', hint: draw.cancelReason ? `抽签已取消：${draw.cancelReason}` : '抽签已取消，感谢关注' };
  switch (entry.outcome) {
    case 'won':
      return { result: '中签', hint: payBy ? `请在${chinaTime(payBy)}前付款` : '请尽快付款' };
    case 'waitlist':
      return { result: `候补第${(entry.rank ?? 0) - draw.units}位`, hint: '中签者未付款时将依次递补' };
    default:
      return { result: '未中签', hint: '感谢参与，下次好运' };
  }
}
