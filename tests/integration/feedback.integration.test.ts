/**
 * The complaint center through the built functions, the real SDK and the emulator: posting through
 * WeChat's text check (risky refused, nothing stored), review before anyone else sees a post, the
 * brand's setting that skips it from a ladder step, daily limits, malformed input, replies, status,
 * rewards through the ledger (once per post), merging, following, and the messages that go out.
 */
import type { Database } from '../../core/platform/database';
import { dailyIdFor } from '../../core/feedback/feedback.repo';
import { IMAGE_FILE_ID } from '../../core/feedback/feedback.inputs';
import { chinaDay } from '../../core/platform/china-time';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { all, sdkDb, staff } from './rewards-helpers';
import { buyAndPay, newRequestId } from './orders-helpers';
import { beans, putProduct } from './shop-helpers';
import { outbox } from './draws-helpers';
import {
  adminCall,
  clearForcedTextCheck,
  feedback,
  feedbackState,
  fireFeedbackJob,
  fireNotify,
  forceTextCheck,
  joined,
  post,
  postsOf,
  publishedPost,
} from './feedback-helpers';
import { PAY_ENV } from './orders-helpers';

jest.setTimeout(120_000);
let p: ProductEmulator;
let db: Database;
const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
const MOD = 'o-fb-mod';
const ADMIN = 'o-fb-admin';

beforeAll(async () => {
  p = await startProductEmulator(PAY_ENV);
  db = sdkDb();
  await staff(db, MOD, 'moderator');
  await staff(db, ADMIN, 'admin');
});
afterEach(() => clearForcedTextCheck(p));
afterAll(async () => {
  quiet.mockRestore();
  await p.emu.close();
});

const one = (collection: string, id: string) => all(p, collection, { _id: id })[0];

describe('posting and review', () => {
  test('a post waits for review: invisible to others and to every list until a moderator approves it', async () => {
    await joined(db, { 'o-fb-a1': '周周', 'o-fb-b1': '阿杰' });
    const res = await post(p, 'o-fb-a1', { accepted: ['feedback_update', 'feedback_reply'] });
    expect(res).toMatchObject({ ok: true, data: { reviewed: true, replayed: false } });
    const postId = res.data.postId;

    expect(await feedback(p, 'o-fb-b1', { action: 'detail', postId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await feedback(p, 'o-fb-b1', { action: 'vote', postId, on: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await feedback(p, 'o-fb-b1', { action: 'follow', postId, on: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    for (const sort of ['new', 'votes']) {
      const list = await feedback(p, 'o-fb-b1', { action: 'list', sort });
      expect(list.data.posts.map((x: { id: string }) => x.id)).not.toContain(postId);
    }
    const mine = await feedback(p, 'o-fb-a1', { action: 'mine' });
    expect(mine.data.posts[0]).toMatchObject({ id: postId, review: 'pending', reviewName: '审核中', mine: true, author: { name: '周*' } });

    const queue = await adminCall(p, MOD, { action: 'feedbackQueue' });
    const queued = queue.data.posts.find((x: { id: string }) => x.id === postId);
    expect(queued).toMatchObject({ author: { nickname: '周周', orders: 0, posts: 1 }, textCheck: { suggest: 'pass' } });
    expect(queued.waitingMinutes).toBeGreaterThanOrEqual(0);

    expect(await adminCall(p, MOD, { action: 'moderateFeedback', postId, decision: 'approve' })).toMatchObject({ ok: true, data: { review: 'published' } });
    const seen = await feedback(p, 'o-fb-b1', { action: 'detail', postId });
    expect(seen.data.post).toMatchObject({ review: 'published', mine: false, author: { name: '周*', tierName: '未购会员' }, reviewReason: null });
    expect(JSON.stringify(seen)).not.toContain('o-fb-a1');
    const list = await feedback(p, 'o-fb-b1', { action: 'list', sort: 'new' });
    expect(list.data.posts.map((x: { id: string }) => x.id)).toContain(postId);

    // The author accepted the messages on the tap that posted: the approval goes out.
    await fireNotify(p);
    const sent = await outbox(p, 'o-fb-a1');
    expect(sent.map((m) => m.templateId)).toContain('DEMO_TPL_FEEDBACK_UPDATE');
    expect(sent.find((m) => m.templateId === 'DEMO_TPL_FEEDBACK_UPDATE').data.phrase2.value).toBe('已公开');
  });

  test('risky text is refused with the reason and nothing is stored', async () => {
    await joined(db, { 'o-fb-r1': '小红' });
    const before = feedbackState(p);
    await forceTextCheck(p, 'risky', 20003);
    const res = await post(p, 'o-fb-r1', { accepted: ['feedback_update'] });
    expect(res).toMatchObject({ ok: false, error: { code: 'FEEDBACK_CONTENT_RISKY', message: '内容未通过安全检测（疑似辱骂），请修改后再提交' } });
    expect(feedbackState(p)).toBe(before);
    expect(postsOf(p, 'o-fb-r1')).toHaveLength(0);
  });

  test("text the check wants a person to see goes to the queue even when the brand lets the author's step skip review", async () => {
    await joined(db, { 'o-fb-k1': '老客户' }, 'koc');
    const saved = await adminCall(p, ADMIN, { action: 'feedbackConfig' });
    const config = { ...saved.data.config, autoPublishFromTier: 'buyer' };
    expect((await adminCall(p, ADMIN, { action: 'updateFeedbackConfig', config, expectedVersion: saved.data.version })).ok).toBe(true);
    try {
      const direct = await post(p, 'o-fb-k1');
      expect(direct).toMatchObject({ ok: true, data: { reviewed: false } });
      expect(one('feedback_posts', direct.data.postId)).toMatchObject({ review: 'published' });

      await forceTextCheck(p, 'review', 10001);
      const doubtful = await post(p, 'o-fb-k1');
      expect(doubtful).toMatchObject({ ok: true, data: { reviewed: true } });
      expect(one('feedback_posts', doubtful.data.postId)).toMatchObject({ review: 'pending', textCheck: { suggest: 'review', label: 10001 } });
      const queue = await adminCall(p, MOD, { action: 'feedbackQueue' });
      expect(queue.data.posts.find((x: { id: string }) => x.id === doubtful.data.postId).textCheck).toEqual({ suggest: 'review', labelName: '广告' });

      // A member below the step is still reviewed.
      await joined(db, { 'o-fb-k2': '新会员' }, 'member');
      expect(await post(p, 'o-fb-k2')).toMatchObject({ ok: true, data: { reviewed: true } });
    } finally {
      const now = await adminCall(p, ADMIN, { action: 'feedbackConfig' });
      await adminCall(p, ADMIN, {
        action: 'updateFeedbackConfig',
        config: { ...now.data.config, autoPublishFromTier: null },
        expectedVersion: now.data.version,
      });
    }
  });

  test('a retried post (same request id) is the same post; the allowance counts it once', async () => {
    await joined(db, { 'o-fb-t1': '重试者' });
    const requestId = newRequestId('retry');
    const [a, b] = await Promise.all([post(p, 'o-fb-t1', { requestId }), post(p, 'o-fb-t1', { requestId })]);
    expect(a.ok && b.ok).toBe(true);
    expect(a.data.postId).toBe(b.data.postId);
    expect(postsOf(p, 'o-fb-t1')).toHaveLength(1);
    expect(all(p, 'feedback_daily', { memberId: 'o-fb-t1' })[0].posts).toBe(1);
  });

  test('visitors who have not joined may read but not post', async () => {
    await db
      .collection('members')
      .doc('o-fb-visitor')
      .set({
        data: {
          nickname: '路人',
          avatarUrl: '',
          tier: 'follower',
          points: 0,
          joinedAt: null,
          phone: null,
          termsVersion: null,
          createdAt: new Date(),
          updatedAt: new Date(),
        },
      });
    expect(await post(p, 'o-fb-visitor')).toMatchObject({ ok: false, error: { code: 'NOT_A_MEMBER' } });
    expect((await feedback(p, 'o-fb-visitor', { action: 'list' })).ok).toBe(true);
  });
});

describe('limits and malformed input', () => {
  test('the sixth post of the day is refused in words; three sent at once for the last place make one post', async () => {
    await joined(db, { 'o-fb-l1': '话痨' });
    for (let i = 0; i < 4; i++) expect((await post(p, 'o-fb-l1')).ok).toBe(true);
    const race = await Promise.all([post(p, 'o-fb-l1'), post(p, 'o-fb-l1'), post(p, 'o-fb-l1')]);
    expect(race.filter((r) => r.ok)).toHaveLength(1);
    for (const r of race.filter((x) => !x.ok))
      expect(r.error).toMatchObject({ code: 'FEEDBACK_DAILY_LIMIT', message: '今天的发帖次数已用完（每天 5 条），明天再来吧' });
    expect(postsOf(p, 'o-fb-l1')).toHaveLength(5);
    // Images: 9 a day; upload paths beyond what is left are not handed out.
    const { paths } = (await feedback(p, 'o-fb-l1', { action: 'uploadPaths', types: ['image/png', 'image/jpeg', 'image/webp'] })).data;
    expect(paths).toHaveLength(3);
    // Each is a path posting accepts once uploaded (IMAGE_FILE_ID).
    for (const path of paths) expect(`cloud://env.bucket/${path}`).toMatch(IMAGE_FILE_ID);
    const day = chinaDay(new Date(p.emu.clock.now()));
    await db
      .collection('feedback_daily')
      .doc(dailyIdFor('o-fb-l1', day))
      .update({ data: { images: 8 } });
    expect(await feedback(p, 'o-fb-l1', { action: 'uploadPaths', types: ['image/png', 'image/png'] })).toMatchObject({
      ok: false,
      error: { code: 'FEEDBACK_DAILY_LIMIT', message: '今天还可上传图片 1 张（每天 9 张）' },
    });
    expect(all(p, 'feedback_daily', { memberId: 'o-fb-l1' })[0].posts).toBe(5);
  });

  test('malformed posts get a typed error and write nothing', async () => {
    await joined(db, { 'o-fb-m1': '测试员', 'o-fb-m2': '别人' });
    await putProduct(db, 'p-fb-beans', beans({ name: '耶加雪菲咖啡豆', stock: 50 }));
    const othersOrder = await buyAndPay(p, 'o-fb-m2', [{ productId: 'p-fb-beans', qty: 1 }]);
    const before = feedbackState(p);
    const image = (n: number) => `cloud://flywheel-local.bucket/feedback/0123456789abcdef/20261203-${String(n).padStart(12, '0')}.png`;
    const cases: Array<[Record<string, unknown>, string, RegExp | string]> = [
      [{ text: '好'.repeat(501) }, 'VALIDATION_FAILED', '内容最多 500 个字'],
      [{ text: '太差' }, 'VALIDATION_FAILED', '内容至少 5 个字'],
      [{ images: [1, 2, 3, 4].map(image) }, 'VALIDATION_FAILED', '最多上传 3 张图片'],
      [{ category: 'gossip' }, 'VALIDATION_FAILED', '请选择分类'],
      [{ orderId: othersOrder }, 'FEEDBACK_ORDER_NOT_YOURS', '只能关联你自己的订单'],
      [{ text: '<script>alert(1)</script>快递太慢' }, 'VALIDATION_FAILED', '纯文字'],
      [{ text: { $ne: null } }, 'VALIDATION_FAILED', /./],
      [{ category: { $gt: '' } }, 'VALIDATION_FAILED', /./],
      [{ productId: 'no-such-product' }, 'NOT_FOUND', '关联的商品不存在'],
      [{ images: [image(1)] }, 'FEEDBACK_IMAGE_INVALID', '不是你上传的'],
    ];
    for (const [over, code, message] of cases) {
      const res = await post(p, 'o-fb-m1', over);
      expect({ over, res: res.ok ? 'ok' : res.error.code }).toEqual({ over, res: code });
      expect(res.error.message).toMatch(message);
    }
    expect(feedbackState(p)).toBe(before);
  });
});

describe('staff', () => {
  test('every moderation action is refused to a member; a moderator rewards no more than the default and changes no settings', async () => {
    await joined(db, { 'o-fb-s1': '作者', 'o-fb-s2': '普通会员' });
    const postId = await publishedPost(p, 'o-fb-s1', MOD);
    const before = JSON.stringify(all(p, 'feedback_posts', { _id: postId }));
    const actions: Record<string, unknown>[] = [
      { action: 'feedbackQueue' },
      { action: 'feedbackPost', postId },
      { action: 'moderateFeedback', postId, decision: 'hide', reason: '测试隐藏' },
      { action: 'replyFeedback', postId, text: '冒充官方回复' },
      { action: 'setFeedbackStatus', postId, status: 'resolved' },
      { action: 'mergeFeedback', postId, intoPostId: postId },
      { action: 'rewardFeedback', postId, points: 100 },
      { action: 'feedbackBoard' },
      { action: 'feedbackStats' },
    ];
    for (const a of actions) expect({ a, code: (await adminCall(p, 'o-fb-s2', a)).error?.code }).toEqual({ a, code: 'FORBIDDEN' });
    expect(await adminCall(p, MOD, { action: 'rewardFeedback', postId, points: 201 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '版主单次奖励不超过 200 积分，更多请由管理员发放' },
    });
    expect((await adminCall(p, MOD, { action: 'feedbackPost', postId })).data.rewardCap).toBe(200);
    expect((await adminCall(p, ADMIN, { action: 'feedbackPost', postId })).data.rewardCap).toBe(100_000);
    const cfg = await adminCall(p, MOD, { action: 'feedbackConfig' });
    expect(cfg.ok).toBe(true);
    expect((await adminCall(p, MOD, { action: 'updateFeedbackConfig', config: cfg.data.config })).error.code).toBe('FORBIDDEN');
    expect(JSON.stringify(all(p, 'feedback_posts', { _id: postId }))).toBe(before);
  });

  test('reject with a reason: the author sees it; others never see the post', async () => {
    await joined(db, { 'o-fb-j1': '被驳回', 'o-fb-j2': '旁观者' });
    const res = await post(p, 'o-fb-j1', { accepted: ['feedback_update'] });
    const postId = res.data.postId;
    expect(await adminCall(p, MOD, { action: 'moderateFeedback', postId, decision: 'reject', reason: '含有广告或联系方式' })).toMatchObject({
      ok: true,
      data: { review: 'rejected' },
    });
    const mine = await feedback(p, 'o-fb-j1', { action: 'detail', postId });
    expect(mine.data.post).toMatchObject({ review: 'rejected', reviewName: '未通过', reviewReason: '含有广告或联系方式' });
    expect((await feedback(p, 'o-fb-j2', { action: 'detail', postId })).error.code).toBe('NOT_FOUND');
    // Set aside, it is found again in the rejected list (latest first) for a second look.
    const rejectedList = await adminCall(p, MOD, { action: 'feedbackQueue', review: 'rejected' });
    expect(rejectedList.data.posts[0]).toMatchObject({ id: postId, review: 'rejected', reviewReason: '含有广告或联系方式' });
    expect((await adminCall(p, MOD, { action: 'feedbackQueue' })).data.posts.map((x: { id: string }) => x.id)).not.toContain(postId);
    // Rejecting twice is not a second change.
    expect((await adminCall(p, MOD, { action: 'moderateFeedback', postId, decision: 'reject', reason: '再次驳回' })).error.code).toBe('FEEDBACK_WRONG_STATE');
    await fireNotify(p);
    const sent = (await outbox(p, 'o-fb-j1')).find((m) => m.templateId === 'DEMO_TPL_FEEDBACK_UPDATE');
    expect(sent.data.phrase2.value).toBe('未通过');
    expect(sent.data.thing3.value).toBe('含有广告或联系方式');
  });

  test('reply, status through resolved, reward once; followers hear it is resolved', async () => {
    await joined(db, { 'o-fb-w1': '提建议的人', 'o-fb-w2': '关注者', 'o-fb-w3': '另一位' });
    const postId = await publishedPost(p, 'o-fb-w1', MOD, {
      category: 'suggestion',
      text: '希望增加小规格的试饮装，方便先尝后买',
      accepted: ['feedback_update', 'feedback_reply'],
    });
    expect(await feedback(p, 'o-fb-w2', { action: 'follow', postId, on: true, accepted: ['feedback_resolved'] })).toMatchObject({
      ok: true,
      data: { following: true },
    });
    expect((await feedback(p, 'o-fb-w3', { action: 'detail', postId })).data.post.following).toBe(false);

    const reply = await adminCall(p, MOD, { action: 'replyFeedback', postId, text: '感谢建议！试饮装已在排期中。' });
    expect(reply.ok).toBe(true);
    const thread = await feedback(p, 'o-fb-w3', { action: 'detail', postId });
    expect(thread.data.replies).toEqual([expect.objectContaining({ text: '感谢建议！试饮装已在排期中。', official: true })]);
    expect(JSON.stringify(thread)).not.toContain(MOD);

    expect((await adminCall(p, MOD, { action: 'setFeedbackStatus', postId, status: 'duplicate' })).error.code).toBe('VALIDATION_FAILED');
    expect((await adminCall(p, ADMIN, { action: 'rewardFeedback', postId, points: 300 })).error.code).toBe('FEEDBACK_WRONG_STATE');
    expect((await adminCall(p, MOD, { action: 'setFeedbackStatus', postId, status: 'planned' })).data.status).toBe('planned');

    // Rewarded once, however often it is asked; a different amount afterwards is refused.
    const rewards = await Promise.all([1, 2, 3].map(() => adminCall(p, ADMIN, { action: 'rewardFeedback', postId, points: 300, note: '试饮装' })));
    expect(rewards.every((r) => r.ok && r.data.points === 300)).toBe(true);
    expect((await adminCall(p, ADMIN, { action: 'rewardFeedback', postId, points: 500 })).error.code).toBe('FEEDBACK_WRONG_STATE');
    expect(all(p, 'points_entries', { memberId: 'o-fb-w1' }).filter((e) => e._id === `feedback:${postId}:reward`)).toHaveLength(1);
    expect(one('members', 'o-fb-w1').points).toBe(300);
    expect((await feedback(p, 'o-fb-w3', { action: 'detail', postId })).data.post.reward).toEqual({ points: 300 });

    expect((await adminCall(p, MOD, { action: 'setFeedbackStatus', postId, status: 'open' })).error).toMatchObject({
      code: 'FEEDBACK_WRONG_STATE',
      message: '「已计划」不能改为「待处理」',
    });
    expect((await adminCall(p, MOD, { action: 'setFeedbackStatus', postId, status: 'resolved' })).data.status).toBe('resolved');
    await fireFeedbackJob(p);
    await fireNotify(p);
    const toFollower = await outbox(p, 'o-fb-w2');
    expect(toFollower.map((m) => m.templateId)).toEqual(['DEMO_TPL_FEEDBACK_RESOLVED']);
    const toAuthor = (await outbox(p, 'o-fb-w1')).map((m) => m.templateId);
    expect(toAuthor).toEqual(expect.arrayContaining(['DEMO_TPL_FEEDBACK_UPDATE', 'DEMO_TPL_FEEDBACK_REPLY']));
    expect(toAuthor).not.toContain('DEMO_TPL_FEEDBACK_RESOLVED');
    expect(await outbox(p, 'o-fb-w3')).toEqual([]);
  });

  test('board and stats count what is open', async () => {
    const board = await adminCall(p, MOD, { action: 'feedbackBoard' });
    expect(board.data.columns.map((c: { name: string }) => c.name)).toEqual(['待处理', '已收到', '已计划', '处理中', '已解决', '暂不采纳']);
    const open = board.data.columns.find((c: { status: string }) => c.status === 'open');
    expect(open.count).toBe(all(p, 'feedback_posts', { review: 'published', status: 'open' }).length);
    const stats = await adminCall(p, MOD, { action: 'feedbackStats' });
    const published = all(p, 'feedback_posts', { review: 'published' }).filter((x) => ['open', 'acknowledged', 'planned', 'in_progress'].includes(x.status));
    expect(stats.data.openByCategory.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(published.length);
    expect(stats.data.openByAge.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(published.length);
    expect(stats.data.waitingReview).toBe(all(p, 'feedback_posts', { review: 'pending' }).length);
  });
});

describe('我也是 and merging', () => {
  test('once per member, taken back by a second tap; never on one’s own post', async () => {
    await joined(db, { 'o-fb-v1': '作者甲', 'o-fb-v2': '投票者' });
    const postId = await publishedPost(p, 'o-fb-v1', MOD);
    expect(await feedback(p, 'o-fb-v2', { action: 'vote', postId, on: true })).toMatchObject({ ok: true, data: { voted: true, votes: 1 } });
    expect(await feedback(p, 'o-fb-v2', { action: 'vote', postId, on: true })).toMatchObject({ ok: true, data: { voted: true, votes: 1 } });
    expect((await feedback(p, 'o-fb-v2', { action: 'detail', postId })).data.post).toMatchObject({ myVote: true, votes: 1 });
    expect(await feedback(p, 'o-fb-v2', { action: 'vote', postId, on: false })).toMatchObject({ ok: true, data: { voted: false, votes: 0 } });
    expect((await feedback(p, 'o-fb-v1', { action: 'vote', postId, on: true })).error.code).toBe('FEEDBACK_WRONG_STATE');
  });

  test('merging a duplicate: its voters and author count once on the target, its followers follow it', async () => {
    const people = { 'o-fb-ga': '甲', 'o-fb-gb': '乙', 'o-fb-g1': '一', 'o-fb-g2': '二', 'o-fb-g3': '三', 'o-fb-g4': '四' };
    await joined(db, people);
    const dup = await publishedPost(p, 'o-fb-ga', MOD, { text: '包装太容易破损了，咖啡豆洒了一地' });
    const target = await publishedPost(p, 'o-fb-gb', MOD, { text: '快递包装不结实，豆子漏出来了' });
    for (const m of ['o-fb-g1', 'o-fb-g2']) await feedback(p, m, { action: 'vote', postId: dup, on: true });
    for (const m of ['o-fb-g2', 'o-fb-g3']) await feedback(p, m, { action: 'vote', postId: target, on: true });
    await feedback(p, 'o-fb-g4', { action: 'follow', postId: dup, on: true });
    // The target's author votes on the duplicate: merged, they are still not a voter of their own post.
    await feedback(p, 'o-fb-gb', { action: 'vote', postId: dup, on: true });

    const merged = await adminCall(p, MOD, { action: 'mergeFeedback', postId: dup, intoPostId: target });
    expect(merged).toMatchObject({ ok: true, data: { status: 'duplicate', intoPostId: target, votes: 4, complete: true } });
    const voters = all(p, 'feedback_votes', { postId: target, on: true }).map((v) => v.memberId);
    expect(voters.sort()).toEqual(['o-fb-g1', 'o-fb-g2', 'o-fb-g3', 'o-fb-ga'].sort());
    // Merging again changes nothing.
    expect((await adminCall(p, MOD, { action: 'mergeFeedback', postId: dup, intoPostId: target })).data.votes).toBe(4);
    expect((await feedback(p, 'o-fb-g4', { action: 'detail', postId: target })).data.post.following).toBe(true);
    const shown = (await feedback(p, 'o-fb-g4', { action: 'detail', postId: dup })).data.post;
    expect(shown).toMatchObject({ status: 'duplicate', statusName: '已合并', mergedInto: target });
    expect((await feedback(p, 'o-fb-g4', { action: 'vote', postId: dup, on: true })).error.code).toBe('FEEDBACK_WRONG_STATE');
    const list = await feedback(p, 'o-fb-g4', { action: 'list', sort: 'new' });
    expect(list.data.posts.map((x: { id: string }) => x.id)).not.toContain(dup);
    expect((await adminCall(p, MOD, { action: 'mergeFeedback', postId: target, intoPostId: dup })).error.code).toBe('FEEDBACK_WRONG_STATE');
  });
});
