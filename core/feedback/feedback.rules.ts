/**
 * The complaint center's rules, pure: what a post's text may be, how an author is shown, which
 * moves of review and status are allowed, the daily allowance, who skips the human review, and
 * how a merge counts voters. No I/O, no SDK.
 */
import { createHash } from 'node:crypto';
import { tierRank, type Tier } from '../members/tiers';
import type { FeedbackConfig } from './feedback.config';
import type { Review, Status } from './feedback.model';

/** Characters as a person counts them (an emoji is one), not UTF-16 units. */
export function textLength(text: string): number {
  return Array.from(text).length;
}

/**
 * Text that looks like HTML or script is refused rather than stored: every screen shows posts as
 * plain text, so markup would only ever be an attempt at something else.
 */
export function looksLikeMarkup(text: string): boolean {
  return /<\s*\/?\s*[a-z!?][^>]*>/i.test(text) || /javascript\s*:/i.test(text);
}

/** The folder a member's uploads go to: derived from the OPENID without revealing it. */
export function uploadFolderKey(memberId: string): string {
  return createHash('sha256').update(`feedback-upload:${memberId}`).digest('hex').slice(0, 16);
}

// ---------------------------------------------------------------------------------------------
// Review: who may see a post.

export type ReviewDecision = 'approve' | 'reject' | 'hide' | 'restore';

const REVIEW_MOVES: Record<ReviewDecision, { from: readonly Review[]; to: Review }> = {
  approve: { from: ['pending', 'rejected'], to: 'published' },
  reject: { from: ['pending'], to: 'rejected' },
  hide: { from: ['pending', 'published'], to: 'hidden' },
  restore: { from: ['hidden'], to: 'published' },
};

/** Where a decision takes a post, or null when it does not apply to the post's review state. */
export function reviewAfter(current: Review, decision: ReviewDecision): Review | null {
  const move = REVIEW_MOVES[decision];
  return move.from.includes(current) ? move.to : null;
}

/**
 * Whether a new post is shown at once: only when the text check passed outright and the brand lets
 * the author's step skip review. Images are checked after the fact and hide the post if flagged.
 */
export function publishesAtOnce(config: FeedbackConfig, authorTier: Tier, textSuggest: 'pass' | 'review'): boolean {
  if (textSuggest !== 'pass' || config.autoPublishFromTier === null) return false;
  return tierRank(authorTier) >= tierRank(config.autoPublishFromTier);
}

// ---------------------------------------------------------------------------------------------
// Status: what the brand does about a post.

const STATUS_MOVES: Record<Status, readonly Status[]> = {
  open: ['acknowledged', 'planned', 'in_progress', 'resolved', 'declined'],
  acknowledged: ['open', 'planned', 'in_progress', 'resolved', 'declined'],
  planned: ['acknowledged', 'in_progress', 'resolved', 'declined'],
  in_progress: ['planned', 'resolved', 'declined'],
  // Reopened when the fix did not hold, or reconsidered.
  resolved: ['in_progress'],
  declined: ['open', 'planned'],
  // A merge is final: its votes and followers live on the other post now.
  duplicate: [],
};

export function canMoveStatus(from: Status, to: Status): boolean {
  return STATUS_MOVES[from].includes(to);
}

export function allowedStatusMoves(from: Status): readonly Status[] {
  return STATUS_MOVES[from];
}

/** Statuses that mean the brand took the idea up: only these can be rewarded. */
export const ADOPTED_STATUSES: readonly Status[] = ['planned', 'in_progress', 'resolved'];

export function canReward(status: Status, review: Review): boolean {
  return review === 'published' && ADOPTED_STATUSES.includes(status);
}

/** The most points one reward may give: admins up to the input's bound, moderators up to the brand's default reward. */
export const ADMIN_REWARD_MAX = 100_000;
export function rewardCap(role: 'customer' | 'moderator' | 'admin', defaultRewardPoints: number): number {
  if (role === 'admin') return ADMIN_REWARD_MAX;
  return role === 'moderator' ? defaultRewardPoints : 0;
}

/** A post can be merged into another when both are published, differ, and neither is a duplicate already. */
export function mergeProblem(
  from: { _id: string; review: Review; status: Status; mergedInto: string | null },
  into: { _id: string; review: Review; status: Status; mergedInto: string | null },
): string | null {
  if (from._id === into._id) return '不能合并到自身';
  if (into.status === 'duplicate' || into.mergedInto) return '目标帖子已被合并，请合并到它所合并的帖子';
  if (into.review !== 'published') return '只能合并到已公开的帖子';
  if (from.status === 'duplicate' && from.mergedInto !== into._id) return '该帖子已合并到其他帖子';
  if (from.review !== 'published' && from.review !== 'hidden') return '请先审核该帖子';
  return null;
}

/**
 * Whether a merge writes a "我也是" on the target for this member (a voter of the duplicate, or its
 * author, who had the same problem): not for the target's own author, and not again for someone
 * who says it already. Votes have one id per (post, member), so whatever the order, each person is
 * counted once on the target.
 */
export function carriesVote(memberId: string, targetAuthorId: string, existingOnTarget: { on: boolean } | null): boolean {
  return memberId !== targetAuthorId && existingOnTarget?.on !== true;
}

// ---------------------------------------------------------------------------------------------
// Daily allowance.

export type Allowance = 'posts' | 'images' | 'votes';

const ALLOWANCE_NAMES: Record<Allowance, string> = { posts: '发帖', images: '上传图片', votes: '「我也是」' };
const ALLOWANCE_UNITS: Record<Allowance, string> = { posts: '条', images: '张', votes: '次' };

/** The allowance a request would exceed (and the message that says so), or null. */
export function overDailyLimit(
  limits: FeedbackConfig['limits'],
  used: Record<Allowance, number>,
  wants: Partial<Record<Allowance, number>>,
): { allowance: Allowance; message: string } | null {
  for (const allowance of ['posts', 'images', 'votes'] as const) {
    const want = wants[allowance] ?? 0;
    if (want > 0 && used[allowance] + want > limits[allowance]) {
      const left = Math.max(0, limits[allowance] - used[allowance]);
      const unit = ALLOWANCE_UNITS[allowance];
      const message =
        left === 0
          ? `今天的${ALLOWANCE_NAMES[allowance]}次数已用完（每天 ${limits[allowance]} ${unit}），明天再来吧`
          : `今天还可${ALLOWANCE_NAMES[allowance]} ${left} ${unit}（每天 ${limits[allowance]} ${unit}）`;
      return { allowance, message };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Content check labels, in words.

const LABEL_NAMES: Record<number, string> = {
  100: '正常',
  10001: '广告',
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '版权',
  21000: '其他风险',
};

export function labelName(label: number | null): string | null {
  if (label === null || label === 100) return null;
  return LABEL_NAMES[label] ?? '其他风险';
}

/** What a member is told when the text check refuses a post. */
export function riskyTextMessage(label: number | null): string {
  const name = labelName(label);
  return name ? `内容未通过安全检测（疑似${name}），请修改后再提交` : '内容未通过安全检测，请修改后再提交';
}
