/**
 * "我也是" under a burst: 100 taps at once from 50 members (each taps twice) count 50; no document
 * is written by more than one voter (the post's count is the timer's snapshot, not an increment);
 * taking a vote back and the recount job agree with the vote documents.
 */
import type { Database } from '../../core/platform/database';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { all, sdkDb, staff } from './rewards-helpers';
import { feedback, fireFeedbackJob, joined, publishedPost } from './feedback-helpers';
import { watchWrites } from './write-watch';

jest.setTimeout(180_000);
let p: ProductEmulator;
let db: Database;
const MOD = 'o-fv-mod';

beforeAll(async () => {
  p = await startProductEmulator();
  db = sdkDb();
  await staff(db, MOD, 'moderator');
});
afterAll(async () => {
  await p.emu.close();
});

const voters = Array.from({ length: 50 }, (_, i) => `o-fv-${String(i).padStart(2, '0')}`);

test('100 concurrent taps from 50 members count 50, and no document is written by two voters', async () => {
  await joined(db, { 'o-fv-author': '作者', ...Object.fromEntries(voters.map((v, i) => [v, `会员${i}`])) });
  const postId = await publishedPost(p, 'o-fv-author', MOD);
  const watch = watchWrites(p);
  const answers = await Promise.all([...voters, ...voters].map((m) => feedback(p, m, { action: 'vote', postId, on: true })));
  const { writes } = watch.take();
  watch.stop();

  expect(answers.every((a) => a.ok && a.data.voted)).toBe(true);
  expect(all(p, 'feedback_votes', { postId, on: true })).toHaveLength(50);
  expect(Math.max(...answers.map((a) => a.data.votes))).toBe(50);
  // Per member: one vote document and one day document, both theirs alone; the post is not written.
  const perDoc = new Map<string, number>();
  for (const w of writes) perDoc.set(w, (perDoc.get(w) ?? 0) + 1);
  expect(perDoc.has(`feedback_posts/${postId}`)).toBe(false);
  const votes = [...perDoc.keys()].filter((k) => k.startsWith('feedback_votes/'));
  const days = [...perDoc.keys()].filter((k) => k.startsWith('feedback_daily/'));
  expect(votes).toHaveLength(50);
  expect(days).toHaveLength(50);
  expect(Math.max(...[...perDoc.values()])).toBe(1);
  // Each member's allowance took one vote, not two.
  expect(all(p, 'feedback_daily', { memberId: voters[0] })[0].votes).toBe(1);

  // The board's count is the job's snapshot: 0 until it runs, then exactly the vote documents.
  expect(all(p, 'feedback_posts', { _id: postId })[0].votes).toBe(0);
  const watchJob = watchWrites(p);
  const run = await fireFeedbackJob(p);
  const jobWrites = watchJob.take().writes.filter((w) => w === `feedback_posts/${postId}`);
  watchJob.stop();
  expect(run).toMatchObject({ ok: true, data: { postsRecounted: 1 } });
  expect(jobWrites).toHaveLength(1);
  expect(all(p, 'feedback_posts', { _id: postId })[0].votes).toBe(50);

  // Ten take it back at once, twice each: 40; the next run agrees.
  await Promise.all([...voters.slice(0, 10), ...voters.slice(0, 10)].map((m) => feedback(p, m, { action: 'vote', postId, on: false })));
  await fireFeedbackJob(p);
  expect(all(p, 'feedback_posts', { _id: postId })[0].votes).toBe(40);
  const list = await feedback(p, voters[20], { action: 'list', sort: 'votes' });
  expect(list.data.posts.find((x: { id: string }) => x.id === postId)).toMatchObject({ votes: 40, myVote: true });
  // A run with nothing new recounts only what it reads again from the last seconds (idempotently).
  const quiet = await fireFeedbackJob(p);
  expect(all(p, 'feedback_posts', { _id: postId })[0].votes).toBe(40);
  expect(quiet.data.postsRecounted).toBeLessThanOrEqual(1);
});

test('the daily allowance of 我也是 holds under a burst across posts', async () => {
  await joined(db, { 'o-fv-busy': '热心会员', 'o-fv-writer': '作者乙' });
  const cfg = await p.call('admin', 'o-fv-admin', { action: 'feedbackConfig' });
  expect(cfg.error?.code ?? 'ok').toBe('FORBIDDEN');
  await staff(db, 'o-fv-admin', 'admin');
  const saved = await p.call('admin', 'o-fv-admin', { action: 'feedbackConfig' });
  await p.call('admin', 'o-fv-admin', { action: 'updateFeedbackConfig', config: { ...saved.data.config, limits: { ...saved.data.config.limits, votes: 3 } } });
  const posts: string[] = [];
  for (let i = 0; i < 5; i++) posts.push(await publishedPost(p, 'o-fv-writer', MOD, { requestId: `fv-writer-${i}-abcdef` }));
  const answers = await Promise.all(posts.map((postId) => feedback(p, 'o-fv-busy', { action: 'vote', postId, on: true })));
  expect(answers.filter((a) => a.ok)).toHaveLength(3);
  expect(answers.filter((a) => !a.ok).map((a) => a.error.code)).toEqual(['FEEDBACK_DAILY_LIMIT', 'FEEDBACK_DAILY_LIMIT']);
  expect(all(p, 'feedback_votes', { memberId: 'o-fv-busy', on: true })).toHaveLength(3);
});
