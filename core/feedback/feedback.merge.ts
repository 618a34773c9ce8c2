/**
 * Merging a duplicate into another post: its voters (and its author, who had the same problem)
 * say "我也是" on the target — each counted once, never the target's own author — and its followers
 * follow the target. Every write has a derived id, so the merge is idempotent: one cut short by its
 * time budget is finished by merging again.
 */
import { timeBudget } from '../platform/batches';
import { now } from '../platform/clock';
import type { Database } from '../platform/database';
import { inTransaction } from '../platform/transaction';
import type { PostDoc } from './feedback.model';
import { findFollow, findVote, followersOf, followIdFor, putFollow, putVote, voteIdFor, votersOf } from './feedback.repo';
import { recountPost } from './feedback.votes';
import { carriesVote } from './feedback.rules';

const PAGE = 100;

export async function mergeVotesAndFollowers(
  db: Database,
  from: PostDoc,
  into: PostDoc,
  opts: { budgetMs: number },
): Promise<{ votes: number; complete: boolean }> {
  const budget = timeBudget(opts.budgetMs);
  const carry = async (memberId: string) => {
    if (memberId === into.authorId) return;
    await inTransaction(db, async (tx) => {
      if (!carriesVote(memberId, into.authorId, await findVote(tx, into._id, memberId))) return;
      await putVote(tx, { _id: voteIdFor(into._id, memberId), postId: into._id, memberId, on: true, at: now(), mergedFrom: from._id });
    });
  };
  await carry(from.authorId);
  for (let after: string | null = null; ;) {
    if (budget.spent()) return { votes: await recountPost(db, into._id), complete: false };
    const voters = await votersOf(db, from._id, after, PAGE);
    if (voters.length === 0) break;
    for (const v of voters) await carry(v.memberId);
    after = voters[voters.length - 1]._id;
  }
  for (let after: string | null = null; ;) {
    if (budget.spent()) return { votes: await recountPost(db, into._id), complete: false };
    const followers = await followersOf(db, from._id, after, PAGE);
    if (followers.length === 0) break;
    for (const f of followers) {
      await inTransaction(db, async (tx) => {
        if (!(await findFollow(tx, into._id, f.memberId)))
          await putFollow(tx, { _id: followIdFor(into._id, f.memberId), postId: into._id, memberId: f.memberId, at: now() });
      });
    }
    after = followers[followers.length - 1]._id;
  }
  return { votes: await recountPost(db, into._id), complete: true };
}
