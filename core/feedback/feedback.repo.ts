/**
 * Posts, votes, follows, replies and the daily counts. Votes and follows are one document per
 * (post, member) with a derived id: a member has at most one of each, and no document is written by
 * every voter of a post (a post's `votes` is recounted from them: feedback.votes.ts).
 */
import { createHash } from 'node:crypto';
import { aggregateOf, readOrNull, type Database, type TransactionDb } from '../platform/database';
import { DAILY, FOLLOWS, POSTS, REPLIES, VOTES, type DailyDoc, type FollowDoc, type PostDoc, type ReplyDoc, type VoteDoc } from './feedback.model';

/** WeChat's get() maximum. */
export const PAGE_MAX = 100;

const digest = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length);

/** A post's id from its author and the compose form's request id: a retried post is the same post. */
export const postIdFor = (memberId: string, requestId: string) => `fb_${digest(`post:${memberId}:${requestId}`, 12)}`;
export const voteIdFor = (postId: string, memberId: string) => `${postId}_v${digest(`vote:${memberId}`, 20)}`;
export const followIdFor = (postId: string, memberId: string) => `${postId}_f${digest(`follow:${memberId}`, 20)}`;
export const dailyIdFor = (memberId: string, day: string) => `${day}_${digest(`daily:${memberId}`, 20)}`;

const put = async <T extends { _id: string }>(tx: TransactionDb, collection: string, doc: T) => {
  const { _id, ...data } = doc;
  await tx.collection(collection).doc(_id).set({ data });
};

export function findPost(db: TransactionDb, postId: string): Promise<PostDoc | null> {
  return readOrNull<PostDoc>(db.collection(POSTS).doc(postId));
}

export const putPost = (tx: TransactionDb, post: PostDoc) => put(tx, POSTS, post);

export async function updatePost(db: TransactionDb, postId: string, changes: Partial<Omit<PostDoc, '_id'>>): Promise<void> {
  await db.collection(POSTS).doc(postId).update({ data: changes });
}

export async function postsByIds(db: Database, ids: readonly string[]): Promise<PostDoc[]> {
  if (ids.length === 0) return [];
  const { data } = await db
    .collection(POSTS)
    .where({ _id: db.command.in([...ids]) })
    .limit(PAGE_MAX)
    .get();
  return data as PostDoc[];
}

/** The post whose image carries this media-check trace id. */
export async function postWithTrace(db: Database, traceId: string): Promise<PostDoc | null> {
  const { data } = await db.collection(POSTS).where({ 'images.traceId': traceId }).limit(1).get();
  return (data[0] as PostDoc | undefined) ?? null;
}

export function findDaily(tx: TransactionDb, memberId: string, day: string): Promise<DailyDoc | null> {
  return readOrNull<DailyDoc>(tx.collection(DAILY).doc(dailyIdFor(memberId, day)));
}

export const putDaily = (tx: TransactionDb, daily: DailyDoc) => put(tx, DAILY, daily);

export function findVote(tx: TransactionDb, postId: string, memberId: string): Promise<VoteDoc | null> {
  return readOrNull<VoteDoc>(tx.collection(VOTES).doc(voteIdFor(postId, memberId)));
}

export const putVote = (tx: TransactionDb, vote: VoteDoc) => put(tx, VOTES, vote);

/** Active votes on a post: the number every screen shows (live where it matters, snapshotted on the post for lists). */
export async function countVotes(db: Database, postId: string): Promise<number> {
  return (await db.collection(VOTES).where({ postId, on: true }).count()).total;
}

/** Of these posts, the ones the member says "我也是" to. */
export async function votedAmong(db: Database, memberId: string, postIds: readonly string[]): Promise<Set<string>> {
  if (postIds.length === 0) return new Set();
  const { data } = await db
    .collection(VOTES)
    .where({ _id: db.command.in(postIds.map((p) => voteIdFor(p, memberId))), on: true })
    .field({ postId: true })
    .limit(PAGE_MAX)
    .get();
  return new Set((data as Pick<VoteDoc, 'postId'>[]).map((v) => v.postId));
}

/** Votes changed after `after` (time, then id), oldest first: what the recount job reads. */
export async function votesChangedAfter(
  db: Database,
  after: { at: Date; id: string } | null,
  limit: number,
): Promise<Pick<VoteDoc, '_id' | 'postId' | 'at'>[]> {
  const _ = db.command;
  const where = after ? _.or([{ at: _.gt(after.at) }, { at: after.at, _id: _.gt(after.id) }]) : {};
  const { data } = await db.collection(VOTES).where(where).orderBy('at', 'asc').orderBy('_id', 'asc').field({ postId: true, at: true }).limit(limit).get();
  return data as Pick<VoteDoc, '_id' | 'postId' | 'at'>[];
}

/** One page of a post's active voters, by vote id. */
export async function votersOf(db: Database, postId: string, afterId: string | null, limit: number): Promise<Pick<VoteDoc, '_id' | 'memberId'>[]> {
  const _ = db.command;
  const { data } = await db
    .collection(VOTES)
    .where({ postId, on: true, ...(afterId ? { _id: _.gt(afterId) } : {}) })
    .orderBy('_id', 'asc')
    .field({ memberId: true })
    .limit(limit)
    .get();
  return data as Pick<VoteDoc, '_id' | 'memberId'>[];
}

export function findFollow(tx: TransactionDb, postId: string, memberId: string): Promise<FollowDoc | null> {
  return readOrNull<FollowDoc>(tx.collection(FOLLOWS).doc(followIdFor(postId, memberId)));
}

export const putFollow = (tx: TransactionDb, follow: FollowDoc) => put(tx, FOLLOWS, follow);

export async function removeFollow(db: Database, postId: string, memberId: string): Promise<void> {
  await db.collection(FOLLOWS).doc(followIdFor(postId, memberId)).remove();
}

export async function followedAmong(db: Database, memberId: string, postIds: readonly string[]): Promise<Set<string>> {
  if (postIds.length === 0) return new Set();
  const { data } = await db
    .collection(FOLLOWS)
    .where({ _id: db.command.in(postIds.map((p) => followIdFor(p, memberId))) })
    .field({ postId: true })
    .limit(PAGE_MAX)
    .get();
  return new Set((data as Pick<FollowDoc, 'postId'>[]).map((f) => f.postId));
}

export async function countFollowers(db: Database, postId: string): Promise<number> {
  return (await db.collection(FOLLOWS).where({ postId }).count()).total;
}

export async function followersOf(db: Database, postId: string, afterId: string | null, limit: number): Promise<Pick<FollowDoc, '_id' | 'memberId'>[]> {
  const _ = db.command;
  const { data } = await db
    .collection(FOLLOWS)
    .where({ postId, ...(afterId ? { _id: _.gt(afterId) } : {}) })
    .orderBy('_id', 'asc')
    .field({ memberId: true })
    .limit(limit)
    .get();
  return data as Pick<FollowDoc, '_id' | 'memberId'>[];
}

export const putReply = (tx: TransactionDb, reply: ReplyDoc) => put(tx, REPLIES, reply);

export async function repliesOf(db: Database, postId: string): Promise<ReplyDoc[]> {
  const { data } = await db.collection(REPLIES).where({ postId }).orderBy('at', 'asc').limit(PAGE_MAX).get();
  return data as ReplyDoc[];
}

/** Posts per author (every state), in one aggregation. */
export async function postCounts(db: Database, authorIds: string[]): Promise<Map<string, number>> {
  if (authorIds.length === 0) return new Map();
  const { list } = await aggregateOf(db.collection(POSTS))
    .match({ authorId: db.command.in([...new Set(authorIds)]) })
    .group({ _id: '$authorId', n: { $sum: 1 } })
    .end();
  return new Map(list.map((r: { _id: string; n: number }) => [r._id, r.n]));
}

/** Media-check verdicts that arrived (possibly before the post recorded its trace ids). */
export const CONTENT_CHECKS = 'feedback_media_checks';

export interface MediaVerdictDoc {
  _id: string;
  suggest: 'pass' | 'review' | 'risky';
  label: number | null;
  at: Date;
}

export const putMediaVerdict = (tx: TransactionDb, verdict: MediaVerdictDoc) => put(tx, CONTENT_CHECKS, verdict);

export async function mediaVerdicts(db: Database, traceIds: readonly string[]): Promise<MediaVerdictDoc[]> {
  if (traceIds.length === 0) return [];
  const { data } = await db
    .collection(CONTENT_CHECKS)
    .where({ _id: db.command.in([...traceIds]) })
    .limit(PAGE_MAX)
    .get();
  return data as MediaVerdictDoc[];
}

// ---------------------------------------------------------------------------------------------
// Pages and counts.

type Cursor = { at: Date; id: string };

/** Rows of `where` after the cursor in (field desc|asc, _id the same way); one more than `limit` tells whether there is a next page. */
async function keyset(
  db: Database,
  where: Record<string, unknown>,
  field: keyof PostDoc & string,
  direction: 'asc' | 'desc',
  limit: number,
  after?: Cursor,
): Promise<PostDoc[]> {
  const _ = db.command;
  const beyond = direction === 'asc' ? 'gt' : 'lt';
  const scoped = after ? _.and([where, _.or([{ [field]: _[beyond](after.at) }, { [field]: after.at, _id: _[beyond](after.id) }])]) : where;
  const { data } = await db
    .collection(POSTS)
    .where(scoped)
    .orderBy(field, direction)
    .orderBy('_id', direction)
    .limit(limit + 1)
    .get();
  return data as PostDoc[];
}

/** The public board: published, not merged away, by category and status; newest first (keyset) or most votes (by position). */
export function publishedPage(
  db: Database,
  filter: { category?: string; status?: string },
  order: { sort: 'new'; after?: Cursor } | { sort: 'votes'; offset: number },
  limit: number,
): Promise<PostDoc[]> {
  const where = { review: 'published', status: filter.status ?? db.command.neq('duplicate'), ...(filter.category ? { category: filter.category } : {}) };
  if (order.sort === 'new') return keyset(db, where, 'publishedAt', 'desc', limit, order.after);
  return db
    .collection(POSTS)
    .where(where)
    .orderBy('votes', 'desc')
    .orderBy('publishedAt', 'desc')
    .orderBy('_id', 'desc')
    .skip(order.offset)
    .limit(limit + 1)
    .get()
    .then(({ data }) => data as PostDoc[]);
}

export const authorPage = (db: Database, authorId: string, limit: number, after?: Cursor) => keyset(db, { authorId }, 'createdAt', 'desc', limit, after);

/** The moderation queue, oldest first. */
export const pendingPage = (db: Database, limit: number, after?: Cursor) => keyset(db, { review: 'pending' }, 'createdAt', 'asc', limit, after);

/** Hidden or rejected posts, the latest decided first. */
export const setAsidePage = (db: Database, review: 'hidden' | 'rejected', limit: number, after?: Cursor) =>
  keyset(db, { review }, 'updatedAt', 'desc', limit, after);

export async function countPosts(db: Database, where: Record<string, unknown>): Promise<number> {
  return (await db.collection(POSTS).where(where).count()).total;
}

/** One column of the planning board: the posts with most votes first. */
export async function topPosts(db: Database, where: Record<string, unknown>, limit: number): Promise<PostDoc[]> {
  const { data } = await db.collection(POSTS).where(where).orderBy('votes', 'desc').orderBy('publishedAt', 'desc').limit(limit).get();
  return data as PostDoc[];
}

/** Posts whose followers still wait for their "resolved" message. */
export async function postsWithFollowersToNotify(db: Database, limit: number): Promise<string[]> {
  const { data } = await db
    .collection(POSTS)
    .where({ followersNotice: db.command.neq(null) })
    .field({ _id: true })
    .limit(limit)
    .get();
  return (data as Pick<PostDoc, '_id'>[]).map((p) => p._id);
}
