/**
 * The complaint center as members see it: the public board (published posts by category and
 * status, newest or most "我也是"), a post's thread with the brand's replies, 我的反馈 in every
 * state, what the compose page needs, upload paths, and following a post. Posting is
 * feedback.posting.ts; "我也是" is feedback.votes.ts.
 *
 * A post waiting for review, rejected or hidden exists only for its author: to anyone else it is
 * NOT_FOUND, exactly like a post that never existed.
 */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { findMember } from '../members/member.repo';
import { addOptIns } from '../notify/notify.repo';
import { distinctKinds } from '../notify/notify.rules';
import { listOrders } from '../orders/orders.repo';
import { chinaDateTime } from '../platform/china-time';
import { now } from '../platform/clock';
import type { Database } from '../platform/database';
import { cursorAfter, decodeCursor, encodeCursor } from '../platform/paging';
import { fail, ok } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { inTransaction } from '../platform/transaction';
import type { FeedbackPorts, FileStore } from './content.port';
import type { FeedbackResult } from './feedback.errors';
import type { followInput, listInput, mineInput, postIdInput, uploadPathsInput } from './feedback.inputs';
import { CATEGORIES, CATEGORY_NAMES, type ComposeInfo, type PostDoc, type PostView, type ReplyView } from './feedback.model';
import { chinaDay } from '../platform/china-time';
import { overDailyLimit, publishesAtOnce, uploadFolderKey } from './feedback.rules';
import {
  authorPage,
  countVotes,
  findDaily,
  findFollow,
  findPost,
  findVote,
  followedAmong,
  followIdFor,
  publishedPage,
  putFollow,
  removeFollow,
  repliesOf,
  votedAmong,
} from './feedback.repo';
import { loadFeedbackConfig } from './feedback-settings.repo';
import { toPostView, toReplyView } from './feedback.views';

/** Posts per page of the board and of 我的反馈. */
export const PAGE_SIZE = 20;
/** The board's "most 我也是" order pages by position; deeper than this, newest-first is the way. */
const MAX_OFFSET = 500;

export interface PostPage {
  posts: PostView[];
  /** Pass back for the next page; null at the end. */
  cursor: string | null;
}

/** Views of posts for one member: their votes and follows among them in one read each, and the images' URLs in one call. */
export async function viewsFor(db: Database, files: FileStore, viewerId: string, posts: PostDoc[]): Promise<PostView[]> {
  const ids = posts.map((p) => p._id);
  const [voted, followed, urls] = await Promise.all([
    votedAmong(db, viewerId, ids),
    followedAmong(db, viewerId, ids),
    files.tempUrls(posts.flatMap((p) => p.images.filter((i) => i.check !== 'risky').map((i) => i.fileId))),
  ]);
  return posts.map((p) => toPostView(p, { viewerId, voted: voted.has(p._id), following: followed.has(p._id), urls }));
}

export async function listPosts(ctx: ActionContext, ports: FeedbackPorts, input: z.infer<typeof listInput>): Promise<FeedbackResult<PostPage>> {
  const filter = { category: input.category, status: input.status };
  let posts: PostDoc[];
  let next: string | null;
  if (input.sort === 'votes') {
    const offset = Math.min(MAX_OFFSET, Math.max(0, Number.parseInt(input.cursor ?? '0', 10) || 0));
    const rows = await publishedPage(ctx.db, filter, { sort: 'votes', offset }, PAGE_SIZE);
    posts = rows.slice(0, PAGE_SIZE);
    next = rows.length > PAGE_SIZE && offset + PAGE_SIZE < MAX_OFFSET ? String(offset + PAGE_SIZE) : null;
  } else {
    const rows = await publishedPage(ctx.db, filter, { sort: 'new', after: decodeCursor(input.cursor) }, PAGE_SIZE);
    posts = rows.slice(0, PAGE_SIZE);
    next = rows.length > PAGE_SIZE ? encodeCursor(cursorAfter(posts[posts.length - 1], 'publishedAt')) : null;
  }
  return ok({ posts: await viewsFor(ctx.db, ports.files, ctx.caller.openid, posts), cursor: next });
}

export async function myPosts(ctx: ActionContext, ports: FeedbackPorts, input: z.infer<typeof mineInput>): Promise<FeedbackResult<PostPage>> {
  const rows = await authorPage(ctx.db, ctx.caller.openid, PAGE_SIZE, decodeCursor(input.cursor));
  const posts = rows.slice(0, PAGE_SIZE);
  const next = rows.length > PAGE_SIZE ? encodeCursor(cursorAfter(posts[posts.length - 1], 'createdAt')) : null;
  return ok({ posts: await viewsFor(ctx.db, ports.files, ctx.caller.openid, posts), cursor: next });
}

/** A post others may see; the author sees theirs in every state. */
export function visibleTo(post: PostDoc | null, viewerId: string): post is PostDoc {
  return post !== null && (post.review === 'published' || post.authorId === viewerId);
}

export async function postDetail(
  ctx: ActionContext,
  ports: FeedbackPorts,
  input: z.infer<typeof postIdInput>,
): Promise<FeedbackResult<{ post: PostView; replies: ReplyView[] }>> {
  const viewer = ctx.caller.openid;
  const post = await findPost(ctx.db, input.postId);
  if (!visibleTo(post, viewer)) return fail('NOT_FOUND', '反馈不存在或暂不可见');
  const [replies, vote, follow, votes, urls] = await Promise.all([
    repliesOf(ctx.db, post._id),
    findVote(ctx.db, post._id, viewer),
    findFollow(ctx.db, post._id, viewer),
    countVotes(ctx.db, post._id),
    ports.files.tempUrls(post.images.filter((i) => i.check !== 'risky').map((i) => i.fileId)),
  ]);
  // The live count: the post's own is a snapshot the recount job refreshes.
  const view = toPostView({ ...post, votes }, { viewerId: viewer, voted: vote?.on === true, following: follow !== null, urls });
  return ok({ post: view, replies: replies.map(toReplyView) });
}

export async function composeInfo(ctx: ActionContext): Promise<FeedbackResult<ComposeInfo>> {
  const memberId = ctx.caller.openid;
  const [member, config, daily, orders] = await Promise.all([
    findMember(ctx.db, memberId),
    loadFeedbackConfig(ctx.db),
    findDaily(ctx.db, memberId, chinaDay(now())),
    listOrders(ctx.db, { memberId }, 'all', 10),
  ]);
  if (!member?.joinedAt) return fail('NOT_A_MEMBER', '加入会员后即可发帖');
  return ok({
    categories: CATEGORIES.map((key) => ({ key, name: CATEGORY_NAMES[key] })),
    limits: config.limits,
    usedToday: { posts: daily?.posts ?? 0, images: daily?.images ?? 0, votes: daily?.votes ?? 0 },
    reviewed: !publishesAtOnce(config, member.tier, 'pass'),
    orders: orders
      .filter((o) => o.status === 'paid' || o.status === 'refunded')
      .map((o) => {
        const first = o.lines[0];
        const more = o.lines.length > 1 ? ` 等 ${o.lines.length} 件` : '';
        return {
          id: o._id,
          label: `${chinaDateTime(o.createdAt, false)} · ${first?.name ?? '订单'}${more}`,
          productId: first?.productId ?? null,
          productName: first?.name ?? null,
        };
      }),
  });
}

const EXTENSIONS = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;

/**
 * Where the client uploads each image (Taro.cloud.uploadFile's cloudPath): a folder derived from the
 * member, so posting can tell their uploads from anyone else's, and a random name.
 */
export async function uploadPaths(ctx: ActionContext, input: z.infer<typeof uploadPathsInput>): Promise<FeedbackResult<{ paths: string[] }>> {
  const day = chinaDay(now());
  // File names carry the day as yyyymmdd (what posting's IMAGE_FILE_ID pattern accepts).
  const stamp = day.replace(/-/g, '');
  const [member, config, daily] = await Promise.all([
    findMember(ctx.db, ctx.caller.openid),
    loadFeedbackConfig(ctx.db),
    findDaily(ctx.db, ctx.caller.openid, day),
  ]);
  if (!member?.joinedAt) return fail('NOT_A_MEMBER', '加入会员后即可发帖');
  // Paths for images today's allowance could never post are not handed out (posting checks again).
  const over = overDailyLimit(config.limits, daily ?? { posts: 0, images: 0, votes: 0 }, { images: input.types.length });
  if (over) return fail('FEEDBACK_DAILY_LIMIT', over.message);
  const folder = `feedback/${uploadFolderKey(ctx.caller.openid)}`;
  return ok({ paths: input.types.map((type) => `${folder}/${stamp}-${randomBytes(6).toString('hex')}.${EXTENSIONS[type]}`) });
}

/** 关注 / 取消关注. Following asks for the "resolved" message on the same tap (accepted). */
export async function followPost(ctx: ActionContext, input: z.infer<typeof followInput>): Promise<FeedbackResult<{ following: boolean }>> {
  const memberId = ctx.caller.openid;
  const post = await findPost(ctx.db, input.postId);
  if (!visibleTo(post, memberId)) return fail('NOT_FOUND', '反馈不存在或暂不可见');
  if (!input.on) {
    await removeFollow(ctx.db, post._id, memberId);
    return ok({ following: false });
  }
  const member = await findMember(ctx.db, memberId);
  if (!member?.joinedAt) return fail('NOT_A_MEMBER', '加入会员后即可关注');
  await inTransaction(ctx.db, async (tx) => {
    if (!(await findFollow(tx, post._id, memberId))) await putFollow(tx, { _id: followIdFor(post._id, memberId), postId: post._id, memberId, at: now() });
  });
  if (input.accepted.length > 0) await addOptIns(ctx.db, memberId, distinctKinds(input.accepted), now());
  return ok({ following: true });
}
