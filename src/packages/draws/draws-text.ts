import type { DrawsErrorCode } from '@core/draws/draws.errors';
import type { CloudError } from '@/services/cloud-result';
import type { DrawPhase, DrawView, MyDrawEntry, MyDrawEntryState } from '@/services/contracts';
import { errorTextFor } from '@/utils/error-text';
import { formatLocalDateTime } from '@/utils/date';

// How the draws pages word what the server sends. Display only: phases, eligibility, results and
// refusals are the server's (these map its codes to labels, and its times to countdowns).

/** Refusals of the draws function when its message is not in Chinese. */
const DRAWS_ERROR_TEXT = {
  DRAW_ALREADY_ENTERED: '你已报名本次抽签',
  DRAW_NOT_OPEN: '抽签当前不在报名时间内',
  DRAW_NOT_ELIGIBLE: '暂不满足参与条件',
  DRAW_STOCK_SHORT: '商品库存不足',
  DRAW_WRONG_STATE: '抽签状态已变化，请刷新后重试',
  DRAW_NOT_DRAWN: '尚未开奖，开奖后可查看与验证结果',
  NOT_A_MEMBER: '加入会员即可参加抽签',
} satisfies Record<DrawsErrorCode | 'NOT_A_MEMBER', string>;

export const drawsErrorText = (error: CloudError | null | undefined): string => errorTextFor(error, DRAWS_ERROR_TEXT);

export const PHASE_LABEL: Record<DrawPhase, string> = {
  upcoming: '即将开始',
  open: '报名中',
  closed: '待开奖',
  drawing: '开奖中',
  drawn: '已开奖',
  cancelled: '已取消',
};

/** Where a list groups a draw: 报名中 first, then 即将开始, then the past ones. */
export type DrawGroup = 'open' | 'upcoming' | 'past';

export function groupOf(phase: DrawPhase): DrawGroup {
  if (phase === 'open') return 'open';
  if (phase === 'upcoming') return 'upcoming';
  return 'past';
}

export const GROUP_TITLE: Record<DrawGroup, string> = { open: '正在报名', upcoming: '即将开始', past: '往期抽签' };

/** What the countdown counts to in each phase, and its words; null when nothing is left to count. */
export function countdownTarget(draw: Pick<DrawView, 'phase' | 'opensAt' | 'closesAt' | 'drawAt'>): { to: string; label: string } | null {
  switch (draw.phase) {
    case 'upcoming':
      return { to: draw.opensAt, label: '距报名开始' };
    case 'open':
      return { to: draw.closesAt, label: '距报名截止' };
    case 'closed':
      return { to: draw.drawAt, label: '距开奖' };
    default:
      return null;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** '2 天 3 小时', '5 小时 07 分', '12 分 05 秒'; '' once the time has come. */
export function remainingText(ms: number): string {
  if (ms <= 0) return '';
  const seconds = Math.floor(ms / 1000);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return `${days} 天 ${hours} 小时`;
  if (hours > 0) return `${hours} 小时 ${pad(minutes)} 分`;
  return `${minutes} 分 ${pad(seconds % 60)} 秒`;
}

/** The eligibility rule in words: 未购会员 is every member. */
export function thresholdText(draw: Pick<DrawView, 'minTier' | 'minTierName' | 'minMemberDays'>): string {
  const tier = draw.minTier === 'member' ? '所有会员可参加' : `${draw.minTierName}及以上可参加`;
  return draw.minMemberDays > 0 ? `${tier}，需入会满 ${draw.minMemberDays} 天` : tier;
}

/** '2 个，另有候补 1 位' (the rule's name, 名额, is beside it). */
export const unitsText = (draw: Pick<DrawView, 'units' | 'waitlistLength'>): string =>
  draw.waitlistLength > 0 ? `${draw.units} 个，另有候补 ${draw.waitlistLength} 位` : `${draw.units} 个，不设候补`;

export const purchaseText = (hours: number): string => `中签后 ${hours} 小时内付款，逾期名额依次递补给候补`;

export const windowText = (draw: Pick<DrawView, 'opensAt' | 'closesAt'>): string =>
  `${formatLocalDateTime(draw.opensAt)} 至 ${formatLocalDateTime(draw.closesAt)}`;

/** Every state of an entry, in the member's words (keyed by the server's states: a new one is a type error here). */
const ENTRY_STATE_TEXT: Record<MyDrawEntryState, string> = {
  entered: '已报名，等待开奖',
  won: '已中签',
  paid: '已中签并付款',
  waitlist: '候补中',
  not_drawn: '未中签',
  forfeited: '未在时限内付款，资格已失效',
  cancelled: '抽签已取消',
};

/** '已中签，请在 2025-03-08 20:00 前付款', '候补第 2 位', ... */
export function entryStateText(entry: Pick<MyDrawEntry, 'state' | 'payBy' | 'waitlistPlace' | 'promoted'>): string {
  if (entry.state === 'won' && entry.payBy) return `${entry.promoted ? '候补转正' : '已中签'}，请在 ${formatLocalDateTime(entry.payBy)} 前付款`;
  if (entry.state === 'waitlist' && entry.waitlistPlace) return `候补第 ${entry.waitlistPlace} 位，中签者未付款时依次递补`;
  return ENTRY_STATE_TEXT[entry.state];
}

/** The tone of a state's badge. */
export function entryTone(state: MyDrawEntryState): 'ok' | 'warn' | 'muted' {
  if (state === 'won' || state === 'paid') return 'ok';
  if (state === 'entered' || state === 'waitlist') return 'warn';
  return 'muted';
}
