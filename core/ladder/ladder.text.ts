import { TIER_NAMES, type Tier } from '../members/tiers';
import type { LadderConfig, TierBenefits } from './ladder.config';

/**
 * The ladder's words, in one place: reasons recorded with each change, progress and "what keeps my
 * tier" lines, and the step descriptions of the explanation page. Pure; no rules decided here.
 */
export interface Shortfall {
  join: boolean;
  orders: number;
  friends: number;
}

const period = (c: LadderConfig) => `近 ${c.periodDays} 天`;

export function upgradeReason(tier: Tier, paidOrders: number, friends: number, c: LadderConfig): string {
  switch (tier) {
    case 'follower':
      return '首次打开小程序';
    case 'member':
      return paidOrders > 0 ? `加入会员（${period(c)}已有 ${paidOrders} 笔有效订单）` : '同意会员协议，加入会员';
    case 'buyer':
    case 'repeat_buyer':
      return `${period(c)}有 ${paidOrders} 笔有效订单，升级为${TIER_NAMES[tier]}`;
    case 'koc':
      return `${period(c)}有 ${paidOrders} 笔有效订单、${friends} 位好友通过你的分享购买，升级为品牌KOC`;
  }
}

export function holdReason(tier: Tier, paidOrders: number, friends: number, c: LadderConfig): string {
  switch (tier) {
    case 'follower':
      return '尚未加入会员';
    case 'member':
      return paidOrders > 0 ? `已加入会员，${period(c)}有 ${paidOrders} 笔有效订单` : `已加入会员，${period(c)}没有有效订单`;
    case 'buyer':
    case 'repeat_buyer':
      return `${period(c)}有 ${paidOrders} 笔有效订单`;
    case 'koc':
      return `${period(c)}有 ${paidOrders} 笔有效订单、${friends} 位好友通过你的分享购买`;
  }
}

/** Why a step is out of reach: its first unmet requirement, with what the member has and what it takes. */
export function shortfallReason(step: Tier, paidOrders: number, friends: number, c: LadderConfig, need: { orders: number; friends: number }): string {
  if (step === 'member' || step === 'follower') return '尚未加入会员';
  if (paidOrders < need.orders) {
    return paidOrders === 0 ? `${period(c)}没有有效订单` : `${period(c)}只有 ${paidOrders} 笔有效订单，${TIER_NAMES[step]}需 ${need.orders} 笔`;
  }
  return friends === 0 ? `${period(c)}没有好友通过你的分享购买` : `${period(c)}只有 ${friends} 位好友通过你的分享购买，品牌KOC需 ${need.friends} 位`;
}

export function downgradeReason(evaluationReason: string): string {
  return `保级期结束：${evaluationReason}`;
}

/** "再下 1 单升级为复购会员", "再邀请 1 位好友购买即可成为品牌KOC". */
export function progressText(next: Tier, miss: Shortfall): string {
  const name = TIER_NAMES[next];
  if (miss.join) return `加入会员即可成为${name}`;
  if (miss.orders > 0 && miss.friends > 0) return `再下 ${miss.orders} 单，并邀请 ${miss.friends} 位好友购买，即可成为${name}`;
  if (miss.orders > 0) return `再下 ${miss.orders} 单升级为${name}`;
  if (miss.friends > 0) return `再邀请 ${miss.friends} 位好友购买即可成为${name}`;
  return `已满足${name}条件，等级即将更新`;
}

export const TOP_TIER_TEXT = '你已是最高等级：品牌KOC';

/** "再下 1 单保级": what keeps the current step during grace. */
export function keepText(miss: Shortfall): string {
  if (miss.orders > 0 && miss.friends > 0) return `再下 ${miss.orders} 单并邀请 ${miss.friends} 位好友购买即可保级`;
  if (miss.orders > 0) return `再下 ${miss.orders} 单保级`;
  if (miss.friends > 0) return `再邀请 ${miss.friends} 位好友购买即可保级`;
  return '已满足保级条件';
}

export function requirementText(tier: Tier, c: LadderConfig): string {
  const t = c.thresholds;
  switch (tier) {
    case 'follower':
      return '打开小程序即可';
    case 'member':
      return '同意会员协议，加入会员';
    case 'buyer':
      return `${period(c)}有 ${t.buyerOrders} 笔已支付且未退款的订单`;
    case 'repeat_buyer':
      return `${period(c)}有 ${t.repeatBuyerOrders} 笔已支付且未退款的订单`;
    case 'koc':
      return `复购会员，且${period(c)}至少 ${t.kocFriends} 位好友通过你的分享购买`;
  }
}

/** 1000 -> "1", 1200 -> "1.2", 1250 -> "1.25": integer arithmetic, no float rounding surprises. */
export function multiplierText(permille: number): string {
  const whole = Math.floor(permille / 1000);
  const frac = String(permille % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

export function benefitLines(b: TierBenefits): string[] {
  const lines = [`${multiplierText(b.pointsMultiplierPermille)} 倍积分`, b.priceLevel === 'follower' ? '按商品原价购买' : `享${TIER_NAMES[b.priceLevel]}价`];
  if (b.drawsEligible) lines.push('可参与限量抽签');
  if (b.perksEligible) lines.push('可解锁好友助力福利');
  return lines;
}
