/**
 * The complaint center through the built functions and the real SDK on an in-memory emulator:
 *  - database round trips and writes per call: posting (text; with three images), approving, a page
 *    of the board (newest; most 我也是), a thread, 我也是 (on, again, off), a reply, the recount job;
 *  - a burst of "我也是" on one post (BENCH_VOTERS members, default 2,000, each tapping twice at once):
 *    writes to any one document — each voter writes only their own vote and day documents, the post
 *    itself is not written at all; the recount job then writes it once — and taps per second through
 *    the real SDK on this machine (reported, not asserted).
 * Exits 1 when a vote writes more than its own two documents, any document is written by two voters,
 * the post is written during the burst, or the count after the job is not the number of voters.
 */
import { printRows, startBench, type Measured } from '../bench-harness';
import { uploadFolderKey } from '../../core/feedback/feedback.rules';

const VOTERS = Number(process.env.BENCH_VOTERS ?? 2_000);
const BATCH = 100;
const DAY = 86_400_000;

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

export async function feedbackBench(): Promise<boolean> {
  const { emu, db, call, measure, writesByDoc } = await startBench();
  const cloud = require('wx-server-sdk');
  const joinedAt = new Date(emu.clock.now() - 400 * DAY);
  const member = (id: string) => ({
    nickname: `会员${id.slice(-4)}`,
    avatarUrl: '',
    tier: 'buyer',
    points: 0,
    joinedAt,
    phone: null,
    termsVersion: '2026-11',
    createdAt: joinedAt,
    updatedAt: joinedAt,
  });
  const staff = async (id: string, role: string) => {
    await db
      .collection('members')
      .doc(id)
      .set({ data: member(id) });
    await db
      .collection('staff')
      .doc(id)
      .set({ data: { role, grantedBy: 'bench', grantedAt: new Date() } });
  };
  await staff('bench-admin', 'admin');
  await staff('bench-mod', 'moderator');
  const voters = Array.from({ length: VOTERS }, (_v, i) => `bench-v-${String(i).padStart(6, '0')}`);
  const authors = Array.from({ length: 30 }, (_v, i) => `bench-a-${String(i).padStart(3, '0')}`);
  for (const list of [voters, authors])
    for (let i = 0; i < list.length; i += 500)
      await Promise.all(
        list.slice(i, i + 500).map((id) =>
          db
            .collection('members')
            .doc(id)
            .set({ data: member(id) }),
        ),
      );

  let seq = 0;
  const post = (author: string, images: string[] = []) =>
    call('feedback', author, {
      action: 'create',
      category: 'product',
      text: '挂耳包的挂钩有时候挂不稳，冲到一半会掉进杯子里',
      images,
      requestId: `bench-post-${seq++}-000`,
    });
  const approve = (postId: string) => call('admin', 'bench-mod', { action: 'moderateFeedback', postId, decision: 'approve' });
  const upload = async (author: string, n: number) => {
    const { fileID } = await cloud.uploadFile({
      cloudPath: `feedback/${uploadFolderKey(author)}/20261203-${String(n).padStart(12, '0')}.png`,
      fileContent: PNG,
    });
    return fileID as string;
  };

  // A board of 60 published posts, two per author (the daily allowance is five).
  for (const author of authors) for (let k = 0; k < 2; k++) await approve((await post(author)).postId);

  const rows: Array<[string, Measured<unknown>]> = [];
  const posted = await measure(() => post(authors[0]));
  rows.push(['post (text; WeChat text check)', posted]);
  const files = [await upload(authors[1], 1), await upload(authors[1], 2), await upload(authors[1], 3)];
  const withImages = await measure(() => post(authors[1], files));
  rows.push(['post with 3 images (each inspected, checked asynchronously)', withImages]);
  const postId = (posted.result as { postId: string }).postId;
  rows.push(['approve (moderator; audited, message queued)', await measure(() => approve(postId))]);
  rows.push(['board page, newest (20 posts)', await measure(() => call('feedback', voters[0], { action: 'list', sort: 'new' }))]);
  rows.push(['board page, most 我也是 (20 posts)', await measure(() => call('feedback', voters[0], { action: 'list', sort: 'votes' }))]);
  rows.push(['thread (post, replies, my vote, follow, live count)', await measure(() => call('feedback', voters[0], { action: 'detail', postId }))]);
  const vote = await measure(() => call('feedback', voters[0], { action: 'vote', postId, on: true }));
  rows.push(['我也是', vote]);
  rows.push(['我也是 again (no change)', await measure(() => call('feedback', voters[0], { action: 'vote', postId, on: true }))]);
  rows.push(['take it back', await measure(() => call('feedback', voters[0], { action: 'vote', postId, on: false }))]);
  rows.push(['reply (moderator)', await measure(() => call('admin', 'bench-mod', { action: 'replyFeedback', postId, text: '收到，马上改进' }))]);
  rows.push(['moderation queue page (10)', await measure(() => call('admin', 'bench-mod', { action: 'feedbackQueue' }))]);
  printRows('Complaint center: database round trips and writes per call', rows, 62);

  writesByDoc.clear();
  const started = Date.now();
  let taps = 0;
  const burst = await measure(async () => {
    for (let i = 0; i < voters.length; i += BATCH) {
      const calls = voters
        .slice(i, i + BATCH)
        .flatMap((id) => [id, id].map((m) => emu.invoke('feedback', { action: 'vote', postId, on: true }, { OPENID: m })));
      const answers = await Promise.all(calls);
      taps += answers.length;
      for (const a of answers) if (!(a.result as { ok?: boolean }).ok) throw new Error(`vote refused: ${JSON.stringify(a.result)}`);
    }
  });
  const seconds = (Date.now() - started) / 1000;
  const docs = [...writesByDoc.entries()];
  const postWrites = writesByDoc.get(`feedback_posts/${postId}`) ?? 0;
  const mostWrites = Math.max(...docs.map(([, n]) => n));
  const foreign = docs.filter(([doc]) => !doc.startsWith('feedback_votes/') && !doc.startsWith('feedback_daily/'));
  console.log(`\n${VOTERS.toLocaleString()} members tap 我也是 on one post, twice each at once (${taps.toLocaleString()} taps)`);
  console.log(
    `  round trips ${burst.requests.toLocaleString()} (${(burst.requests / taps).toFixed(2)} per tap), rows written ${burst.writes.toLocaleString()} (${(burst.writes / VOTERS).toFixed(2)} per voter)`,
  );
  console.log(
    `  documents written ${docs.length.toLocaleString()}, at most ${mostWrites} write(s) to one; the post written ${postWrites} time(s); other documents: ${foreign.length}`,
  );
  console.log(`  throughput through the real SDK on this machine: ${Math.round(taps / seconds).toLocaleString()} taps/s`);

  writesByDoc.clear();
  const job = await measure(() =>
    emu.invoke(
      'jobs',
      { Type: 'Timer', TriggerName: 'feedback', Time: new Date(emu.clock.now()).toISOString(), Message: '' },
      { OPENID: '', SOURCE: 'wx_trigger' },
    ),
  );
  const jobPostWrites = writesByDoc.get(`feedback_posts/${postId}`) ?? 0;
  printRows('\nThe recount job after the burst (one timer run)', [['feedback timer', job]], 62);
  const count = ((await db.collection('feedback_posts').doc(postId).get()) as { data: { votes: number } }).data.votes;
  console.log(`  the post's count: ${count.toLocaleString()} (voters: ${VOTERS.toLocaleString()}), written ${jobPostWrites} time(s) by the job`);
  await emu.close();

  const ok = vote.writes <= 2 && mostWrites === 1 && postWrites === 0 && foreign.length === 0 && count === VOTERS && jobPostWrites === 1;
  console.log(
    `\n${ok ? 'PASS' : 'FAIL'}: a vote writes its own two documents, no document written twice in the burst, the post untouched until the job writes it once with the exact count`,
  );
  return ok;
}

if (require.main === module) {
  feedbackBench().then(
    (ok) => process.exit(ok ? 0 : 1),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
