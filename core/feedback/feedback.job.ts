/**
 * The complaint center's timer (every minute): posts whose votes changed get their "我也是" count
 * recounted (one write per post per run: feedback.votes.ts), and resolved posts' followers are
 * queued their "resolved" message, page by page from where the last run stopped. Both are
 * idempotent (counts, not increments; one message key per follower and change).
 */
import { timeBudget } from '../platform/batches';
import type { Database } from '../platform/database';
import { ok, type Result } from '../platform/result';
import { noticeResolvedToFollower } from './feedback.notices';
import { findPost, followersOf, postsWithFollowersToNotify, updatePost } from './feedback.repo';
import { recountChangedVotes } from './feedback.votes';

export const FEEDBACK_JOB_ID = 'feedback';
const FOLLOWER_PAGE = 100;
const POSTS_PER_RUN = 20;

export interface FeedbackRun {
  votesRead: number;
  postsRecounted: number;
  followersNotified: number;
  unfinished: boolean;
}

export async function runFeedbackJob(db: Database, opts: { budgetMs?: number } = {}): Promise<Result<FeedbackRun>> {
  const budget = timeBudget(opts.budgetMs);
  const recount = await recountChangedVotes(db, budget);
  const run: FeedbackRun = { ...recount, followersNotified: 0 };
  for (const _id of await postsWithFollowersToNotify(db, POSTS_PER_RUN)) {
    const post = await findPost(db, _id);
    if (!post?.followersNotice) continue;
    let after = post.followersNotice.after;
    for (;;) {
      if (budget.spent()) {
        run.unfinished = true;
        return ok(run);
      }
      const followers = await followersOf(db, post._id, after, FOLLOWER_PAGE);
      for (const f of followers) {
        // The author hears of the status change through their own message.
        if (f.memberId === post.authorId) continue;
        await noticeResolvedToFollower(db, post, f.memberId, post.followersNotice.rev);
        run.followersNotified++;
      }
      if (followers.length < FOLLOWER_PAGE) break;
      after = followers[followers.length - 1]._id;
      await updatePost(db, post._id, { followersNotice: { rev: post.followersNotice.rev, after } });
    }
    await updatePost(db, post._id, { followersNotice: null });
  }
  return ok(run);
}
