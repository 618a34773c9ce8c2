import fc from 'fast-check';
import { TIERS } from '../members/tiers';
import { DEFAULT_FEEDBACK_CONFIG, parseFeedbackConfig, type FeedbackConfig } from './feedback.config';
import { REVIEWS, STATUSES, type Review, type Status } from './feedback.model';
import {
  allowedStatusMoves,
  canMoveStatus,
  canReward,
  carriesVote,
  labelName,
  looksLikeMarkup,
  mergeProblem,
  overDailyLimit,
  publishesAtOnce,
  reviewAfter,
  rewardCap,
  riskyTextMessage,
  textLength,
  uploadFolderKey,
} from './feedback.rules';
import { imageTypeOf } from './feedback.posting';

describe('status moves', () => {
  test.each<[Status, Status, boolean]>([
    ['open', 'acknowledged', true],
    ['open', 'resolved', true],
    ['acknowledged', 'planned', true],
    ['planned', 'in_progress', true],
    ['in_progress', 'resolved', true],
    ['resolved', 'in_progress', true],
    ['declined', 'open', true],
    ['resolved', 'open', false],
    ['in_progress', 'open', false],
    ['open', 'duplicate', false],
    ['duplicate', 'open', false],
    ['duplicate', 'resolved', false],
    ['declined', 'resolved', false],
  ])('%s -> %s allowed: %s', (from, to, allowed) => {
    expect(canMoveStatus(from, to)).toBe(allowed);
  });

  test('no status moves to itself, nothing but a merge makes a duplicate, and a duplicate never moves', () => {
    for (const from of STATUSES) {
      expect(canMoveStatus(from, from)).toBe(false);
      expect(allowedStatusMoves(from)).not.toContain('duplicate');
    }
    expect(allowedStatusMoves('duplicate')).toEqual([]);
  });

  test('every status except duplicate can reach resolved or declined in at most two moves', () => {
    for (const from of STATUSES.filter((s) => s !== 'duplicate')) {
      const reach = new Set([from, ...allowedStatusMoves(from), ...allowedStatusMoves(from).flatMap((s) => allowedStatusMoves(s))]);
      expect(reach.has('resolved') || from === 'declined').toBe(true);
    }
  });
});

describe('review decisions', () => {
  test.each<[Review, 'approve' | 'reject' | 'hide' | 'restore', Review | null]>([
    ['pending', 'approve', 'published'],
    ['pending', 'reject', 'rejected'],
    ['pending', 'hide', 'hidden'],
    ['pending', 'restore', null],
    ['published', 'approve', null],
    ['published', 'reject', null],
    ['published', 'hide', 'hidden'],
    ['hidden', 'restore', 'published'],
    ['hidden', 'approve', null],
    ['rejected', 'approve', 'published'],
    ['rejected', 'hide', null],
  ])('%s + %s -> %s', (from, decision, to) => {
    expect(reviewAfter(from, decision)).toBe(to);
  });

  test('only a person makes a post public: no decision leads back to pending', () => {
    for (const from of REVIEWS) for (const d of ['approve', 'reject', 'hide', 'restore'] as const) expect(reviewAfter(from, d)).not.toBe('pending');
  });
});

describe('publishesAtOnce', () => {
  const config = (from: FeedbackConfig['autoPublishFromTier']): FeedbackConfig => ({ ...DEFAULT_FEEDBACK_CONFIG, autoPublishFromTier: from });
  test('review for everyone by default', () => {
    for (const tier of TIERS) expect(publishesAtOnce(DEFAULT_FEEDBACK_CONFIG, tier, 'pass')).toBe(false);
  });
  test('from a step up, when the text check passed outright', () => {
    expect(publishesAtOnce(config('buyer'), 'member', 'pass')).toBe(false);
    expect(publishesAtOnce(config('buyer'), 'buyer', 'pass')).toBe(true);
    expect(publishesAtOnce(config('buyer'), 'koc', 'pass')).toBe(true);
    expect(publishesAtOnce(config('buyer'), 'koc', 'review')).toBe(false);
  });
});

describe('daily limits', () => {
  const limits = { posts: 5, images: 9, votes: 100 };
  const used = (posts: number, images: number, votes: number) => ({ posts, images, votes });

  test('within the allowance nothing is over; the last one fits', () => {
    expect(overDailyLimit(limits, used(4, 6, 99), { posts: 1, images: 3 })).toBeNull();
    expect(overDailyLimit(limits, used(4, 6, 99), { votes: 1 })).toBeNull();
  });

  test('over: names what and how many are left, in words', () => {
    expect(overDailyLimit(limits, used(5, 0, 0), { posts: 1 })).toEqual({ allowance: 'posts', message: '今天的发帖次数已用完（每天 5 条），明天再来吧' });
    expect(overDailyLimit(limits, used(1, 8, 0), { posts: 1, images: 2 })).toEqual({ allowance: 'images', message: '今天还可上传图片 1 张（每天 9 张）' });
    expect(overDailyLimit(limits, used(0, 0, 100), { votes: 1 })?.allowance).toBe('votes');
  });

  test('property: a request is refused exactly when some allowance would pass its limit', () => {
    const counts = fc.record({ posts: fc.nat(10), images: fc.nat(20), votes: fc.nat(120) });
    fc.assert(
      fc.property(counts, fc.record({ posts: fc.nat(2), images: fc.nat(3), votes: fc.nat(2) }), (u, want) => {
        const over = overDailyLimit(limits, u, want);
        const exceeds = (['posts', 'images', 'votes'] as const).some((k) => want[k] > 0 && u[k] + want[k] > limits[k]);
        expect(over !== null).toBe(exceeds);
      }),
    );
  });
});

describe('merging', () => {
  const post = (id: string, over: Partial<{ review: Review; status: Status; mergedInto: string | null }> = {}) => ({
    _id: id,
    review: 'published' as Review,
    status: 'open' as Status,
    mergedInto: null,
    ...over,
  });

  test('refusals in words', () => {
    expect(mergeProblem(post('a'), post('a'))).toBe('不能合并到自身');
    expect(mergeProblem(post('a'), post('b', { status: 'duplicate', mergedInto: 'c' }))).toMatch('目标帖子已被合并');
    expect(mergeProblem(post('a'), post('b', { review: 'pending' }))).toBe('只能合并到已公开的帖子');
    expect(mergeProblem(post('a', { status: 'duplicate', mergedInto: 'c' }), post('b'))).toBe('该帖子已合并到其他帖子');
    expect(mergeProblem(post('a', { review: 'pending' }), post('b'))).toBe('请先审核该帖子');
    expect(mergeProblem(post('a'), post('b'))).toBeNull();
    // Merging again into the same target finishes a merge that was cut short.
    expect(mergeProblem(post('a', { status: 'duplicate', mergedInto: 'b' }), post('b'))).toBeNull();
  });

  test("property: after a merge, the target's voters are everyone who voted on either post (and the duplicate's author), each once, never the target's author", () => {
    const member = fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8');
    fc.assert(
      fc.property(
        fc.uniqueArray(member),
        fc.uniqueArray(member),
        member,
        member,
        fc.array(member),
        (targetVoters, dupVoters, targetAuthor, dupAuthor, order) => {
          // One vote document per (post, member), as the repository keys them: a Map by member.
          const target = new Map(targetVoters.filter((m) => m !== targetAuthor).map((m) => [m, { on: true }]));
          // Carried in any order, some more than once (a merge cut short and repeated).
          for (const m of [dupAuthor, ...dupVoters, ...order.filter((m) => dupVoters.includes(m))]) {
            if (carriesVote(m, targetAuthor, target.get(m) ?? null)) target.set(m, { on: true });
          }
          const expected = new Set([...targetVoters, ...dupVoters, dupAuthor]);
          expected.delete(targetAuthor);
          expect(new Set(target.keys())).toEqual(expected);
        },
      ),
    );
  });
});

describe('rewards', () => {
  test('the most one reward gives: admins 100,000, moderators the default, customers nothing', () => {
    expect(rewardCap('admin', 200)).toBe(100_000);
    expect(rewardCap('moderator', 200)).toBe(200);
    expect(rewardCap('customer', 200)).toBe(0);
  });

  test('only published posts the brand took up', () => {
    expect(canReward('planned', 'published')).toBe(true);
    expect(canReward('in_progress', 'published')).toBe(true);
    expect(canReward('resolved', 'published')).toBe(true);
    expect(canReward('open', 'published')).toBe(false);
    expect(canReward('declined', 'published')).toBe(false);
    expect(canReward('duplicate', 'published')).toBe(false);
    expect(canReward('resolved', 'hidden')).toBe(false);
  });
});

describe('text', () => {
  test('length counts characters, not UTF-16 units', () => {
    expect(textLength('好'.repeat(500))).toBe(500);
    expect(textLength('😀'.repeat(5))).toBe(5);
  });

  test.each([
    ['<script>alert(1)</script>', true],
    ['<img src=x onerror=alert(1)>', true],
    ['点这里 javascript:alert(1)', true],
    ['</div>', true],
    ['价格 < 100 元 > 50 元', false],
    ['1<2 且 3>2', false],
    ['发货太慢了，等了一周', false],
  ])('markup %s -> %s', (text, markup) => {
    expect(looksLikeMarkup(text)).toBe(markup);
  });

  test('upload folders differ per member and reveal nothing of the OPENID', () => {
    const a = uploadFolderKey('o-alice');
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(uploadFolderKey('o-bob')).not.toBe(a);
    expect(a).not.toContain('alice');
  });
});

describe('content check words', () => {
  test('labels in words; normal has none', () => {
    expect(labelName(10001)).toBe('广告');
    expect(labelName(100)).toBeNull();
    expect(labelName(null)).toBeNull();
    expect(labelName(99999)).toBe('其他风险');
    expect(riskyTextMessage(20003)).toBe('内容未通过安全检测（疑似辱骂），请修改后再提交');
  });

  test('image formats by their bytes', () => {
    expect(imageTypeOf(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(imageTypeOf(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe('image/png');
    expect(imageTypeOf(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(imageTypeOf(new TextEncoder().encode('GIF89a'))).toBeNull();
    expect(imageTypeOf(new TextEncoder().encode('<svg xmlns='))).toBeNull();
    expect(imageTypeOf(new Uint8Array())).toBeNull();
  });
});

describe('settings', () => {
  test('the defaults are valid; bad values are refused per field in words', () => {
    expect(parseFeedbackConfig(DEFAULT_FEEDBACK_CONFIG).ok).toBe(true);
    const bad = parseFeedbackConfig({ ...DEFAULT_FEEDBACK_CONFIG, limits: { posts: 0, images: 9, votes: 100 }, rejectTemplates: [] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.message).toContain('每日发帖数至少为 1');
      expect(bad.error.message).toContain('至少保留一条驳回理由');
    }
    expect(parseFeedbackConfig({ ...DEFAULT_FEEDBACK_CONFIG, autoPublishFromTier: 'vip' }).ok).toBe(false);
  });
});
