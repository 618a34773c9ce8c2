/**
 * Staff and the complaint center (moderators and admins; every call audited by asStaff): the
 * moderation queue (oldest first), a post with everything needed to judge it, approve / reject /
 * hide / restore, public replies, status moves, merging duplicates, rewarding adopted ideas
 * (admins), the planning board by status, and the open items by category and age.
 */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { memberNames } from '../members/member.repo';
import { TIER_NAMES } from '../members/tiers';
import { paidOrderCounts } from '../orders/orders.repo';
import { changePoints, expiryFromNow } from '../points/points.usecases';
import { now } from '../platform/clock';
import type { Database } from '../platform/database';
import { cursorAfter, decodeCursor, encodeCursor } from '../platform/paging';
import { fail, ok } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { inTransaction } from '../platform/transaction';
import { asStaff } from '../staff/staff.guard';
import type { FeedbackPorts } from './content.port';
import type { FeedbackErrorCode, FeedbackResult } from './feedback.errors';
import type { ErrorCode } from '../platform/result';
import type { LedgerErrorCode } from '../points/points.ledger';
import type { boardInput, mergeInput, moderateInput, postIdInput, queueInput, replyInput, rewardInput, setStatusInput } from './feedback.inputs';
import { CATEGORIES, CATEGORY_NAMES, STATUS_NAMES, type Category, type PostDoc, type ReplyView, type StaffPostView, type Status } from './feedback.model';
import { noticeReply, noticeReviewed, noticeStatus } from './feedback.notices';
import { allowedStatusMoves, canMoveStatus, canReward, mergeProblem, reviewAfter, rewardCap } from './feedback.rules';
import { countFollowers, countPosts, findPost, pendingPage, postCounts, putPost, putReply, repliesOf, setAsidePage, topPosts } from './feedback.repo';
import { loadFeedbackConfig } from './feedback-settings.repo';
import { mergeVotesAndFollowers } from './feedback.merge';
import { toReplyView, toStaffPostView } from './feedback.views';

const QUEUE_PAGE = 10;
const BOARD_COLUMN = 20;

/** Staff views of posts: the authors' names, paid orders and posts in one read each, the images' URLs in one call. */
async function staffViews(db: Database, ports: FeedbackPorts, posts: PostDoc[], withFollowers: boolean): Promise<StaffPostView[]> {
  const authors = [...new Set(posts.map((p) => p.authorId))];
  const [names, orders, postsBy, urls, followers] = await Promise.all([
    memberNames(db, authors),
    paidOrderCounts(db, authors),
    postCounts(db, authors),
    ports.files.tempUrls(posts.flatMap((p) => p.images.map((i) => i.fileId))),
    withFollowers ? Promise.all(posts.map((p) => countFollowers(db, p._id))) : Promise.resolve(posts.map(() => 0)),
  ]);
  const at = now();
  return posts.map((p, i) => {
    const member = names.get(p.authorId);
    const view = toStaffPostView(p, {
      author: { nickname: member?.nickname ?? '已注销会员', orders: orders.get(p.authorId) ?? 0, posts: postsBy.get(p.authorId) ?? 0 },
      followers: followers[i],
      urls,
      at,
    });
    // The author's step now, not when they posted: what staff weigh.
    return member ? { ...view, author: { ...view.author, tier: member.tier, tierName: TIER_NAMES[member.tier] } } : view;
  });
}

export function moderationQueue(
  ctx: ActionContext,
  ports: FeedbackPorts,
  input: z.infer<typeof queueInput>,
): Promise<FeedbackResult<{ posts: StaffPostView[]; cursor: string | null; waiting: number }>> {
  return asStaff(ctx, 'feedback.moderate', 'feedback.queue', { review: input.review }, async () => {
    const after = decodeCursor(input.cursor);
    const pending = input.review === 'pending';
    const [data, total] = await Promise.all([
      pending ? pendingPage(ctx.db, QUEUE_PAGE, after) : setAsidePage(ctx.db, input.review as 'hidden' | 'rejected', QUEUE_PAGE, after),
      countPosts(ctx.db, { review: input.review }),
    ]);
    const posts = data.slice(0, QUEUE_PAGE);
    const cursor = data.length > QUEUE_PAGE ? encodeCursor(cursorAfter(posts[posts.length - 1], pending ? 'createdAt' : 'updatedAt')) : null;
    return ok({ posts: await staffViews(ctx.db, ports, posts, false), cursor, waiting: total });
  });
}

export interface StaffPostDetail {
  post: StaffPostView;
  replies: ReplyView[];
  /** The statuses it may move to now (with their names). */
  statusMoves: { status: Status; name: string }[];
  rejectTemplates: string[];
  defaultRewardPoints: number;
  canReward: boolean;
  /** The most this caller may give in one reward (moderators: the default reward; admins: 100,000). */
  rewardCap: number;
}

export function staffPost(ctx: ActionContext, ports: FeedbackPorts, input: z.infer<typeof postIdInput>): Promise<FeedbackResult<StaffPostDetail>> {
  return asStaff(ctx, 'feedback.moderate', 'feedback.view', { postId: input.postId }, async (role) => {
    const post = await findPost(ctx.db, input.postId);
    if (!post) return fail('NOT_FOUND', '反馈不存在');
    const [[view], replies, config] = await Promise.all([staffViews(ctx.db, ports, [post], true), repliesOf(ctx.db, post._id), loadFeedbackConfig(ctx.db)]);
    return ok({
      post: view,
      replies: replies.map(toReplyView),
      statusMoves: post.review === 'published' ? allowedStatusMoves(post.status).map((status) => ({ status, name: STATUS_NAMES[status] })) : [],
      rejectTemplates: config.rejectTemplates,
      defaultRewardPoints: config.defaultRewardPoints,
      canReward: canReward(post.status, post.review) && post.reward === null,
      rewardCap: rewardCap(role, config.defaultRewardPoints),
    });
  });
}

/** A post as it is after a staff change: review and status in words, for the page to show at once. */
export interface Changed {
  postId: string;
  review: PostDoc['review'];
  status: Status;
}

const changed = (p: PostDoc): Changed => ({ postId: p._id, review: p.review, status: p.status });

export function moderatePost(ctx: ActionContext, input: z.infer<typeof moderateInput>): Promise<FeedbackResult<Changed>> {
  const reason = 'reason' in input ? input.reason : null;
  return asStaff(ctx, 'feedback.moderate', `feedback.${input.decision}`, { postId: input.postId, reason }, async () => {
    const result = await inTransaction(ctx.db, async (tx) => {
      const post = await findPost(tx, input.postId);
      if (!post) return fail('NOT_FOUND', '反馈不存在');
      const to = reviewAfter(post.review, input.decision);
      if (!to) return fail('FEEDBACK_WRONG_STATE', `该反馈当前为「${REVIEW_WORDS[post.review]}」，不能${DECISION_WORDS[input.decision]}`);
      const at = now();
      const next: PostDoc = {
        ...post,
        review: to,
        reviewReason: to === 'published' ? null : reason,
        publishedAt: to === 'published' ? (post.publishedAt ?? at) : post.publishedAt,
        updatedAt: at,
        rev: post.rev + 1,
      };
      await putPost(tx, next);
      return ok(next);
    });
    if (!result.ok) return result;
    // Restoring a hidden post tells the author nothing new (it was theirs to see all along).
    if (input.decision !== 'restore') await noticeReviewed(ctx.db, result.data, result.data.review as 'published' | 'rejected' | 'hidden', reason);
    return ok(changed(result.data));
  });
}

const REVIEW_WORDS = { pending: '审核中', published: '已公开', rejected: '未通过', hidden: '已隐藏' } as const;
const DECISION_WORDS = { approve: '通过', reject: '驳回', hide: '隐藏', restore: '恢复' } as const;

export function replyToPost(ctx: ActionContext, input: z.infer<typeof replyInput>): Promise<FeedbackResult<{ reply: ReplyView }>> {
  return asStaff(ctx, 'feedback.moderate', 'feedback.reply', { postId: input.postId }, async () => {
    const replyId = `fbr_${randomBytes(8).toString('hex')}`;
    const result = await inTransaction(ctx.db, async (tx) => {
      const post = await findPost(tx, input.postId);
      if (!post) return fail('NOT_FOUND', '反馈不存在');
      if (post.review !== 'published') return fail('FEEDBACK_WRONG_STATE', '请先通过审核，公开后再回复');
      const at = now();
      await putReply(tx, { _id: replyId, postId: post._id, staffId: ctx.caller.openid, text: input.text, at });
      await putPost(tx, { ...post, replyCount: post.replyCount + 1, updatedAt: at });
      return ok({ post, at });
    });
    if (!result.ok) return result;
    await noticeReply(ctx.db, result.data.post, replyId, input.text, result.data.at);
    return ok({ reply: { id: replyId, text: input.text, at: result.data.at.toISOString(), official: true as const } });
  });
}

export function setPostStatus(ctx: ActionContext, input: z.infer<typeof setStatusInput>): Promise<FeedbackResult<Changed>> {
  return asStaff(ctx, 'feedback.moderate', 'feedback.status', { postId: input.postId, status: input.status }, async () => {
    const result = await inTransaction(ctx.db, async (tx) => {
      const post = await findPost(tx, input.postId);
      if (!post) return fail('NOT_FOUND', '反馈不存在');
      if (post.review !== 'published') return fail('FEEDBACK_WRONG_STATE', '请先通过审核，公开后再更新进度');
      if (post.status === input.status) return ok({ post, moved: false });
      if (!canMoveStatus(post.status, input.status)) {
        return fail('FEEDBACK_WRONG_STATE', `「${STATUS_NAMES[post.status]}」不能改为「${STATUS_NAMES[input.status]}」`);
      }
      const next: PostDoc = {
        ...post,
        status: input.status,
        updatedAt: now(),
        rev: post.rev + 1,
        followersNotice: input.status === 'resolved' ? { rev: post.rev + 1, after: null } : (post.followersNotice ?? null),
      };
      await putPost(tx, next);
      return ok({ post: next, moved: true });
    });
    if (!result.ok) return result;
    if (result.data.moved) await noticeStatus(ctx.db, result.data.post, input.status);
    return ok(changed(result.data.post));
  });
}

export function mergePost(
  ctx: ActionContext,
  input: z.infer<typeof mergeInput>,
): Promise<FeedbackResult<Changed & { intoPostId: string; votes: number; complete: boolean }>> {
  return asStaff(ctx, 'feedback.moderate', 'feedback.merge', { postId: input.postId, intoPostId: input.intoPostId }, async () => {
    const marked = await inTransaction(ctx.db, async (tx) => {
      const [from, into] = await Promise.all([findPost(tx, input.postId), findPost(tx, input.intoPostId)]);
      if (!from || !into) return fail('NOT_FOUND', '反馈不存在');
      const problem = mergeProblem(from, into);
      if (problem) return fail('FEEDBACK_WRONG_STATE', problem);
      if (from.mergedInto === into._id) return ok({ from, into, fresh: false });
      const next: PostDoc = { ...from, status: 'duplicate', mergedInto: into._id, updatedAt: now(), rev: from.rev + 1 };
      await putPost(tx, next);
      return ok({ from: next, into, fresh: true });
    });
    if (!marked.ok) return marked;
    const { from, into, fresh } = marked.data;
    // Idempotent and resumable: a merge cut short is finished by asking again.
    const moved = await mergeVotesAndFollowers(ctx.db, from, into, { budgetMs: 15_000 });
    if (fresh) await noticeStatus(ctx.db, from, 'duplicate');
    return ok({ ...changed(from), intoPostId: into._id, votes: moved.votes, complete: moved.complete });
  });
}

export function rewardPost(
  ctx: ActionContext,
  input: z.infer<typeof rewardInput>,
): Promise<FeedbackResult<{ postId: string; points: number; replayed: boolean }, FeedbackErrorCode | ErrorCode | LedgerErrorCode>> {
  return asStaff(
    ctx,
    'feedback.reward',
    'feedback.reward',
    { postId: input.postId, points: input.points },
    async (role): Promise<FeedbackResult<{ postId: string; points: number; replayed: boolean }, FeedbackErrorCode | ErrorCode | LedgerErrorCode>> => {
      const [post, config] = await Promise.all([findPost(ctx.db, input.postId), loadFeedbackConfig(ctx.db)]);
      if (!post) return fail('NOT_FOUND', '反馈不存在');
      const cap = rewardCap(role, config.defaultRewardPoints);
      if (input.points > cap) return fail('FORBIDDEN', `版主单次奖励不超过 ${cap} 积分，更多请由管理员发放`);
      if (post.reward) {
        if (post.reward.points === input.points) return ok({ postId: post._id, points: post.reward.points, replayed: true });
        return fail('FEEDBACK_WRONG_STATE', `该反馈已奖励 ${post.reward.points} 积分，每条反馈只奖励一次`);
      }
      if (!canReward(post.status, post.review)) return fail('FEEDBACK_WRONG_STATE', '只有已公开且已计划、处理中或已解决的反馈可以奖励');
      const credited = await changePoints(ctx.db, {
        kind: 'earn',
        memberId: post.authorId,
        // One reward per post, whatever is retried or sent twice: the ledger keeps this key unique.
        sourceKey: `feedback:${post._id}:reward`,
        amount: input.points,
        reason: input.note ? `建议被采纳：${input.note}` : '建议被采纳奖励',
        expiresAt: expiryFromNow(),
      });
      if (!credited.ok) return credited;
      const points = credited.data.entry.delta ?? input.points;
      if (credited.data.replayed && points !== input.points) return fail('FEEDBACK_WRONG_STATE', `该反馈已奖励 ${points} 积分，每条反馈只奖励一次`);
      await inTransaction(ctx.db, async (tx) => {
        const current = await findPost(tx, post._id);
        if (current && !current.reward) await putPost(tx, { ...current, reward: { points, at: now(), by: ctx.caller.openid }, updatedAt: now() });
      });
      return ok({ postId: post._id, points, replayed: credited.data.replayed });
    },
  );
}

export interface BoardColumn {
  status: Status;
  name: string;
  count: number;
  posts: StaffPostView[];
}

const BOARD_STATUSES: Status[] = ['open', 'acknowledged', 'planned', 'in_progress', 'resolved', 'declined'];

export function planningBoard(
  ctx: ActionContext,
  ports: FeedbackPorts,
  input: z.infer<typeof boardInput>,
): Promise<FeedbackResult<{ columns: BoardColumn[] }>> {
  return asStaff(ctx, 'feedback.moderate', 'feedback.board', { category: input.category ?? null }, async () => {
    const scope = (status: Status) => ({ review: 'published', status, ...(input.category ? { category: input.category } : {}) });
    const columns = await Promise.all(
      BOARD_STATUSES.map(async (status) => {
        const [posts, count] = await Promise.all([topPosts(ctx.db, scope(status), BOARD_COLUMN), countPosts(ctx.db, scope(status))]);
        return { status, name: STATUS_NAMES[status], count, posts };
      }),
    );
    const views = await staffViews(
      ctx.db,
      ports,
      columns.flatMap((c) => c.posts),
      false,
    );
    const byId = new Map(views.map((v) => [v.id, v]));
    return ok({ columns: columns.map((c) => ({ ...c, posts: c.posts.map((p) => byId.get(p._id)!) })) });
  });
}

/** Open means the brand still owes an answer: published and not yet resolved, declined or merged. */
const OPEN: Status[] = ['open', 'acknowledged', 'planned', 'in_progress'];
export const AGE_BUCKETS = [
  { key: 'day', name: '1 天内', maxDays: 1 },
  { key: 'week', name: '1–7 天', maxDays: 7 },
  { key: 'month', name: '7–30 天', maxDays: 30 },
  { key: 'older', name: '30 天以上', maxDays: Infinity },
] as const;

export interface FeedbackStats {
  waitingReview: number;
  openByCategory: { category: Category; name: string; count: number }[];
  openByAge: { key: string; name: string; count: number }[];
}

export function feedbackStats(ctx: ActionContext): Promise<FeedbackResult<FeedbackStats>> {
  return asStaff(ctx, 'feedback.moderate', 'feedback.stats', {}, async () => {
    const _ = ctx.db.command;
    const open = { review: 'published', status: _.in(OPEN) };
    const at = now().getTime();
    const day = 24 * 60 * 60 * 1000;
    // Bucket i: published after (now - its maxDays) and at or before (now - the previous bucket's maxDays).
    const ageRange = (i: number): Record<string, unknown>[] => {
      const bounds: Record<string, unknown>[] = [];
      if (i > 0) bounds.push({ publishedAt: _.lte(new Date(at - AGE_BUCKETS[i - 1].maxDays * day)) });
      if (Number.isFinite(AGE_BUCKETS[i].maxDays)) bounds.push({ publishedAt: _.gt(new Date(at - AGE_BUCKETS[i].maxDays * day)) });
      return bounds;
    };
    const [waiting, byCategory, byAge] = await Promise.all([
      countPosts(ctx.db, { review: 'pending' }),
      Promise.all(CATEGORIES.map((category) => countPosts(ctx.db, { ...open, category }))),
      Promise.all(AGE_BUCKETS.map((_b, i) => countPosts(ctx.db, _.and([open, ...ageRange(i)])))),
    ]);
    return ok({
      waitingReview: waiting,
      openByCategory: CATEGORIES.map((category, i) => ({ category, name: CATEGORY_NAMES[category], count: byCategory[i] })),
      openByAge: AGE_BUCKETS.map((b, i) => ({ key: b.key, name: b.name, count: byAge[i] })),
    });
  });
}
