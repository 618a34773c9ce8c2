/**
 * "我也是": one document per (post, member) with a derived id, written only by that member (and
 * by a merge). Saying it twice — a double tap, a retry, two phones — is one vote; taking it back
 * turns it off. The request carries the wanted state (on/off), never "toggle", so 100 taps at once
 * from 50 members count 50 whatever their order.
 *
 * No document is shared by a post's voters: the post's `votes` is a snapshot that the recount job
 * (every minute) refreshes from count() for posts whose votes changed, one write per post per run —
 * far inside WeChat's per-document write rate whatever the burst. The voter is answered with the
 * live count.
 */
import type { z } from 'zod';
import { findMember } from '../members/member.repo';
import { loadCheckpoint, saveCheckpoint } from '../platform/checkpoints.repo';
import { now } from '../platform/clock';
import type { Database } from '../platform/database';
import { fail, ok } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { inTransaction } from '../platform/transaction';
import type { TimeBudget } from '../platform/batches';
import type { FeedbackResult } from './feedback.errors';
import type { voteInput } from './feedback.inputs';
import { chinaDay } from '../platform/china-time';
import { overDailyLimit } from './feedback.rules';
import { countVotes, dailyIdFor, findDaily, findPost, findVote, putDaily, putVote, updatePost, voteIdFor, votesChangedAfter } from './feedback.repo';
import { loadFeedbackConfig } from './feedback-settings.repo';
import { visibleTo } from './feedback.usecases';

export interface VoteAnswer {
  voted: boolean;
  /** The live count after this vote. */
  votes: number;
}

export async function votePost(ctx: ActionContext, input: z.infer<typeof voteInput>): Promise<FeedbackResult<VoteAnswer>> {
  const memberId = ctx.caller.openid;
  const post = await findPost(ctx.db, input.postId);
  if (!visibleTo(post, memberId) || post.review !== 'published') return fail('NOT_FOUND', '反馈不存在或暂不可见');
  if (post.status === 'duplicate') return fail('FEEDBACK_WRONG_STATE', '这条反馈已合并，请在合并后的反馈下点「我也是」');
  if (post.authorId === memberId) return fail('FEEDBACK_WRONG_STATE', '不能给自己的反馈点「我也是」');
  const member = await findMember(ctx.db, memberId);
  if (!member?.joinedAt) return fail('NOT_A_MEMBER', '加入会员后即可点「我也是」');
  const config = input.on ? await loadFeedbackConfig(ctx.db) : null;

  const outcome = await inTransaction(ctx.db, async (tx) => {
    const at = now();
    const vote = await findVote(tx, post._id, memberId);
    if ((vote?.on ?? false) === input.on) return 'unchanged' as const;
    if (input.on && config) {
      const day = chinaDay(at);
      const daily = (await findDaily(tx, memberId, day)) ?? { _id: dailyIdFor(memberId, day), memberId, day, posts: 0, images: 0, votes: 0 };
      const over = overDailyLimit(config.limits, daily, { votes: 1 });
      if (over) return over.message;
      await putDaily(tx, { ...daily, votes: daily.votes + 1 });
    }
    await putVote(tx, { _id: voteIdFor(post._id, memberId), postId: post._id, memberId, on: input.on, at, mergedFrom: vote?.mergedFrom ?? null });
    return 'changed' as const;
  });
  if (outcome !== 'changed' && outcome !== 'unchanged') return fail('FEEDBACK_DAILY_LIMIT', outcome);
  return ok({ voted: input.on, votes: await countVotes(ctx.db, post._id) });
}

// ---------------------------------------------------------------------------------------------
// The recount job.

export const VOTES_JOB_ID = 'feedback-votes';
const PAGE = 200;
const LAG_MS = 10_000;

interface VotesCheckpoint {
  at: Date;
  id: string;
}

export interface RecountRun {
  votesRead: number;
  postsRecounted: number;
  unfinished: boolean;
}

/** Posts recounted together: one count and one write each per run, however many of their votes changed. */
const FLUSH_POSTS = 200;

/**
 * Recounts the posts whose votes changed since the last run (from its checkpoint): the changed
 * votes are read page by page, their posts collected, and each post recounted once; the checkpoint
 * moves only after its posts are recounted, so a run cut short repeats work rather than losing it.
 */
export async function recountChangedVotes(db: Database, budget: TimeBudget): Promise<RecountRun> {
  const run: RecountRun = { votesRead: 0, postsRecounted: 0, unfinished: false };
  const saved = await loadCheckpoint<VotesCheckpoint>(db, VOTES_JOB_ID);
  // A vote's time is taken inside its transaction, so one committed a moment late can carry a time
  // before the checkpoint: each run reads the last LAG_MS again (recounting is idempotent).
  let after = saved ? { at: new Date(new Date(saved.at).getTime() - LAG_MS), id: '' } : null;
  let read: VotesCheckpoint | null = null;
  const posts = new Set<string>();
  const flush = async () => {
    for (const postId of posts) await recountPost(db, postId);
    run.postsRecounted += posts.size;
    posts.clear();
    if (read) await saveCheckpoint(db, VOTES_JOB_ID, read);
  };
  for (;;) {
    if (budget.spent()) {
      run.unfinished = true;
      break;
    }
    const votes = await votesChangedAfter(db, after, PAGE);
    if (votes.length === 0) break;
    run.votesRead += votes.length;
    for (const v of votes) posts.add(v.postId);
    const last = votes[votes.length - 1];
    after = read = { at: new Date(last.at), id: last._id };
    if (posts.size >= FLUSH_POSTS) await flush();
  }
  await flush();
  return run;
}

/** Sets a post's snapshot from its votes (idempotent: the count, not an increment). */
export async function recountPost(db: Database, postId: string): Promise<number> {
  const votes = await countVotes(db, postId);
  await updatePost(db, postId, { votes });
  return votes;
}
