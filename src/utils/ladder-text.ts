import type { MyLadderView } from '@/services/contracts';
import { formatMonthDay } from './date';

type Grace = NonNullable<MyLadderView['grace']>;

/**
 * During grace: what keeps the tier and until when, e.g.
 * "保级期：复购会员保留至 5月3日，再下 1 单保级". Before the nightly job has started the grace
 * (`until` null) there is no date yet: "复购会员条件已不满足：再下 1 单保级".
 */
export function graceSentence(tierName: string, grace: Grace): string {
  const until = formatMonthDay(grace.until);
  return until ? `保级期：${tierName}保留至 ${until}，${grace.keepText}` : `${tierName}条件已不满足：${grace.keepText}`;
}

/** "等级按最近 180 天的订单计算；条件不再满足时，保留当前等级 30 天". */
export function ladderRulesSentence(periodDays: number, graceDays: number): string {
  return `等级按最近 ${periodDays} 天的订单计算；条件不再满足时，保留当前等级 ${graceDays} 天`;
}
