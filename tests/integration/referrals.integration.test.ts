/**
 * Shares, visits and referrals through the built functions on the emulator with the real SDK:
 * members make cards, anyone who opens one leaves a visit, and a newcomer who joins within the
 * window becomes the first eligible sharer's referral (member.join calls attributeJoin, with the
 * orders area's answer to "who ever paid").
 */
import type { Database } from '../../core/platform/database';
import { DAY_MS, DEFAULT_REFERRAL_CONFIG, type ReferralConfig } from '../../core/referrals/referral.config';
import { join as joinUseCase } from '../../core/journeys/join.usecases';
import { membersWhoPaid } from '../../core/orders/orders.repo';
import { attributeJoin as attribute } from '../../core/referrals/referrals.usecases';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { all, memberWithPoints, sdkDb, staff } from './rewards-helpers';
import { beans, putProduct } from './shop-helpers';
import { join, one, referral, referralOf, shareCode, visit } from './referrals-helpers';

/** attributeJoin as member.join calls it: orders answer who ever paid. */
const attributeJoin = (db: Database, memberId: string, joinedAt: Date, config?: ReferralConfig) =>
  attribute(db, memberId, joinedAt, { paidAmong: membersWhoPaid }, config);
let p: ProductEmulator;
let db: Database;
const ADMIN = 'o-ref-admin';
const MODERATOR = 'o-ref-mod';
let seq = 0;
const id = (tag: string) => `o-ref-${tag}-${seq++}`;

async function sharer(tag = 'sharer'): Promise<string> {
  const m = id(tag);
  await memberWithPoints(db, m, 'member', 0);
  return m;
}

beforeAll(async () => {
  p = await startProductEmulator();
  db = sdkDb();
  await staff(db, ADMIN, 'admin');
  await staff(db, MODERATOR, 'moderator');
  await putProduct(db, 'p-ref-beans', beans());
  await putProduct(db, 'p-ref-off', beans({ status: 'off_shelf' }));
  await db
    .collection('perks')
    .doc('k-1')
    .set({ data: { title: '好友助力券', status: 'active', requiredFriends: 1, engagement: 'join', sort: 1 } });
  await db
    .collection('perks')
    .doc('k-off')
    .set({ data: { title: '已结束', status: 'inactive', requiredFriends: 1, engagement: 'join', sort: 2 } });
  await db
    .collection('draws')
    .doc('d-1')
    .set({ data: { title: '限量抽签', status: 'scheduled' } });
});
afterAll(() => p.emu.close());

describe('shares', () => {
  test('a member gets a 12-character code and the path its card opens; the same card again reuses it', async () => {
    const a = await sharer();
    const first = await referral(p, a, { action: 'share', targetType: 'product', targetId: 'p-ref-beans', channel: 'chat' });
    expect(first).toEqual({
      ok: true,
      data: {
        code: expect.stringMatching(/^[0-9A-Za-z]{12}$/),
        path: `/pages/product/index?id=p-ref-beans&s=${first.data.code}`,
        page: 'pages/product/index',
        scene: first.data.code,
        reused: false,
      },
    });
    const again = await referral(p, a, { action: 'share', targetType: 'product', targetId: 'p-ref-beans', channel: 'chat' });
    expect(again.data).toMatchObject({ code: first.data.code, reused: true });
    const poster = await referral(p, a, { action: 'share', targetType: 'product', targetId: 'p-ref-beans', channel: 'poster' });
    expect(poster.data.code).not.toBe(first.data.code);
    expect(all(p, 'shares', { sharerId: a })).toHaveLength(2);
    expect(one(p, 'shares', first.data.code)).toMatchObject({ sharerId: a, targetType: 'product', targetId: 'p-ref-beans', channel: 'chat' });
  });

  test('10 taps at once on the same card make one share', async () => {
    const a = await sharer();
    const res = await Promise.all(Array.from({ length: 10 }, () => referral(p, a, { action: 'share', targetType: 'invite', channel: 'timeline' })));
    expect(res.every((r) => r.ok)).toBe(true);
    expect(new Set(res.map((r) => r.data.code)).size).toBe(1);
    expect(all(p, 'shares', { sharerId: a })).toHaveLength(1);
  });

  test('an invite card points at the sharer, whatever targetId says; draw and perk cards carry their ids', async () => {
    const a = await sharer();
    const invite = await referral(p, a, { action: 'share', targetType: 'invite', channel: 'chat' });
    expect(invite.data.path).toBe(`/packages/invite/index?s=${invite.data.code}`);
    expect(one(p, 'shares', invite.data.code).targetId).toBe(a);
    const draw = await referral(p, a, { action: 'share', targetType: 'draw', targetId: 'd-1', channel: 'chat' });
    expect(draw.data.path).toBe(`/packages/draws/detail?id=d-1&s=${draw.data.code}`);
    const perk = await referral(p, a, { action: 'share', targetType: 'perk', targetId: 'k-1', channel: 'poster' });
    expect(perk.data).toMatchObject({ path: `/packages/invite/index?perk=k-1&s=${perk.data.code}`, page: 'packages/invite/index' });
  });

  test('only members share; products must be on sale, perks active; inputs are strict', async () => {
    const follower = id('follower');
    await p.call('member', follower, { action: 'open' });
    expect(await referral(p, follower, { action: 'share', targetType: 'invite', channel: 'chat' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_A_MEMBER', message: '加入会员后才能分享' },
    });
    const a = await sharer();
    expect(await referral(p, a, { action: 'share', targetType: 'product', targetId: 'p-ref-off', channel: 'chat' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await referral(p, a, { action: 'share', targetType: 'product', targetId: 'p-none', channel: 'chat' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await referral(p, a, { action: 'share', targetType: 'perk', targetId: 'k-off', channel: 'chat' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '福利不存在或已结束' },
    });
    expect(await referral(p, a, { action: 'share', targetType: 'perk', targetId: 'k-none', channel: 'chat' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    for (const bad of [
      { targetType: 'product', channel: 'chat' },
      { targetType: 'coupon', targetId: 'x', channel: 'chat' },
      { targetType: 'invite', channel: 'sms' },
      { targetType: 'invite', channel: 'chat', sharerId: 'o-else' },
      { targetType: 'draw', targetId: '../etc', channel: 'chat' },
    ]) {
      expect(await referral(p, a, { action: 'share', ...bad })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(all(p, 'shares', { sharerId: a })).toHaveLength(0);
  });
});

describe('visits', () => {
  test('an opened card is recorded once per visitor, also for someone who has only opened the app cold', async () => {
    const a = await sharer();
    const code = await shareCode(p, a, { targetType: 'product', targetId: 'p-ref-beans', channel: 'poster' });
    // Never called member.open: a poster scan straight into the page.
    const cold = id('cold');
    await db
      .collection('members')
      .doc(a)
      .update({ data: { nickname: '王小明' } });
    const first = await visit(p, cold, code);
    expect(first).toEqual({
      ok: true,
      data: {
        recorded: true,
        share: { targetType: 'product', targetId: 'p-ref-beans', path: `/pages/product/index?id=p-ref-beans&s=${code}`, sharerName: '王*明' },
      },
    });
    expect((await visit(p, cold, code)).data.recorded).toBe(false);
    expect((await visit(p, cold, code)).data.recorded).toBe(false);
    expect(all(p, 'share_visits', { code })).toEqual([expect.objectContaining({ _id: `${code}:${cold}`, sharerId: a, visitorId: cold, visitorUnionid: null })]);
    // A second visitor is a second document; the share itself is never written.
    const before = one(p, 'shares', code);
    await visit(p, id('other'), code);
    expect(all(p, 'share_visits', { code })).toHaveLength(2);
    expect(one(p, 'shares', code)).toEqual(before);
  });

  test('the sharer opening their own card is ignored', async () => {
    const a = await sharer();
    const code = await shareCode(p, a);
    expect(await visit(p, a, code)).toMatchObject({ ok: true, data: { recorded: false } });
    expect(all(p, 'share_visits', { code })).toHaveLength(0);
  });

  test('an invite card’s visit names the sharer by a masked nickname, never by id', async () => {
    const a = await sharer();
    await db
      .collection('members')
      .doc(a)
      .update({ data: { nickname: '周周' } });
    const code = await shareCode(p, a);
    const res = await visit(p, id('v'), code);
    expect(res).toEqual({
      ok: true,
      data: { recorded: true, share: { targetType: 'invite', targetId: null, path: `/packages/invite/index?s=${code}`, sharerName: '周*' } },
    });
    expect(JSON.stringify(res)).not.toContain(a);
  });

  test('an unknown code is a typed error; a malformed one a validation error', async () => {
    expect(await visit(p, id('v'), 'ZZZZZZZZZZZZ')).toMatchObject({ ok: false, error: { code: 'SHARE_NOT_FOUND', message: '分享已失效或不存在' } });
    expect(await visit(p, id('v'), 'short')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await referral(p, id('v'), { action: 'visit' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  test('reopening after a minute moves the last touch, not the first', async () => {
    const a = await sharer();
    const code = await shareCode(p, a);
    const v = id('v');
    await visit(p, v, code);
    const first = one(p, 'share_visits', `${code}:${v}`);
    await visit(p, v, code);
    expect(one(p, 'share_visits', `${code}:${v}`).lastAt).toEqual(first.lastAt);
    p.emu.clock.advance(2 * 60_000);
    await visit(p, v, code);
    const later = one(p, 'share_visits', `${code}:${v}`);
    expect(later.at).toEqual(first.at);
    expect(later.lastAt.getTime()).toBeGreaterThan(first.lastAt.getTime());
  });
});

describe('referrals: first touch when a newcomer joins', () => {
  test('the first card opened wins; the join creates the referral; joining again changes nothing', async () => {
    const [a, b] = [await sharer('first'), await sharer('second')];
    const [codeA, codeB] = [await shareCode(p, a), await shareCode(p, b)];
    const n = id('new');
    await visit(p, n, codeA);
    p.emu.clock.advance(60_000);
    await visit(p, n, codeB);
    await join(p, n);
    expect(referralOf(p, n)).toMatchObject({ _id: n, referrerId: a, code: codeA, status: 'counted', flags: [] });
    await join(p, n);
    await join(p, n);
    expect(all(p, 'referrals', { _id: n })).toHaveLength(1);
  });

  test('window edges: joining exactly 7 days after the visit counts, a millisecond later does not', async () => {
    const a = await sharer();
    const code = await shareCode(p, a);
    const [inside, outside, before] = [id('in'), id('out'), id('before')];
    for (const v of [inside, outside, before]) await visit(p, v, code);
    const at = (v: string) => one(p, 'share_visits', `${code}:${v}`).at.getTime();
    for (const v of [inside, outside, before]) await memberWithPoints(db, v, 'member', 0);
    await attributeJoin(db, inside, new Date(at(inside) + 7 * DAY_MS));
    await attributeJoin(db, outside, new Date(at(outside) + 7 * DAY_MS + 1));
    // Joined before opening the card: the card cannot have brought them.
    await attributeJoin(db, before, new Date(at(before) - 1));
    expect(referralOf(p, inside)?.referrerId).toBe(a);
    expect(referralOf(p, outside)).toBeUndefined();
    expect(referralOf(p, before)).toBeUndefined();
  });

  test('through the clock: a newcomer who joins 8 days after opening a card is nobody’s referral', async () => {
    const a = await sharer();
    const code = await shareCode(p, a);
    const n = id('late');
    await visit(p, n, code);
    p.emu.clock.advance(8 * DAY_MS);
    await join(p, n);
    expect(referralOf(p, n)).toBeUndefined();
  });

  test('one referrer per person: a later first visit elsewhere never replaces it', async () => {
    const [a, b] = [await sharer(), await sharer()];
    const n = id('once');
    await visit(p, n, await shareCode(p, a));
    await join(p, n);
    await visit(p, n, await shareCode(p, b));
    await attributeJoin(db, n, new Date(p.emu.clock.now()));
    expect(referralOf(p, n).referrerId).toBe(a);
  });

  test('never a circular pair: B was referred by A, so A is never B’s referral', async () => {
    const a = await sharer('a');
    const b = id('b');
    await visit(p, b, await shareCode(p, a));
    await join(p, b);
    expect(referralOf(p, b).referrerId).toBe(a);
    // A opens B's card and (were A a newcomer) joins: refused; a third sharer's card still counts.
    const c = await sharer('c');
    await visit(p, a, await shareCode(p, b));
    await attributeJoin(db, a, new Date(p.emu.clock.now()));
    expect(referralOf(p, a)).toBeUndefined();
    await visit(p, a, await shareCode(p, c));
    await attributeJoin(db, a, new Date(p.emu.clock.now()));
    expect(referralOf(p, a).referrerId).toBe(c);
  });

  test('a referral problem never fails a join', async () => {
    const a = await sharer();
    const n = id('robust');
    await visit(p, n, await shareCode(p, a));
    await p.call('member', n, { action: 'open' });
    // The referral collections fail; everything else works.
    const broken = new Proxy(db, {
      get(target, key) {
        if (key !== 'collection') return (target as any)[key];
        return (name: string) => {
          if (name === 'referrals' || name === 'share_visits') throw new Error('referrals are down');
          return target.collection(name);
        };
      },
    });
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await joinUseCase({ caller: { openid: n, appid: 'wx-test' }, db: broken }, { agreeTerms: true });
    expect(res).toMatchObject({ ok: true, data: { profile: { isMember: true, tier: 'member' } } });
    expect(logged).toHaveBeenCalledWith(expect.stringContaining(`referral attribution for ${n} failed`), expect.any(Error));
    logged.mockRestore();
    expect(referralOf(p, n)).toBeUndefined();
    // Joining again (a retry) finishes the attribution.
    await join(p, n);
    expect(referralOf(p, n).referrerId).toBe(a);
  });
});

describe('abuse: flagged referrals go to the review list', () => {
  const strict: ReferralConfig = {
    ...DEFAULT_REFERRAL_CONFIG,
    burst: { windowMinutes: 60, maxReferrals: 2 },
    inactive: { minReferrals: 2, afterDays: 1, minActivePermille: 500 },
  };

  async function newcomerVia(code: string, config: ReferralConfig = DEFAULT_REFERRAL_CONFIG, unionid?: string): Promise<string> {
    const n = id('n');
    await visit(p, n, code, unionid);
    await memberWithPoints(db, n, 'member', 0);
    await attributeJoin(db, n, new Date(p.emu.clock.now()), config);
    return n;
  }

  test('a burst: beyond 2 referrals an hour (configured), the next is flagged', async () => {
    const code = await shareCode(p, await sharer('burst'));
    const ns = [await newcomerVia(code, strict), await newcomerVia(code, strict), await newcomerVia(code, strict)];
    expect(ns.map((n) => referralOf(p, n).status)).toEqual(['counted', 'counted', 'flagged']);
    expect(referralOf(p, ns[2]).flags).toEqual(['burst']);
    expect(one(p, 'referral_flags', `referral:${ns[2]}`)).toMatchObject({ kind: 'referral', status: 'open', reasons: ['burst'] });
  });

  test('many referrals with no activity: once 2 older referrals never paid, new ones are flagged', async () => {
    const code = await shareCode(p, await sharer('idle'));
    await newcomerVia(code, strict);
    await newcomerVia(code, strict);
    p.emu.clock.advance(DAY_MS + 1);
    const n = await newcomerVia(code, strict);
    expect(referralOf(p, n)).toMatchObject({ status: 'flagged', flags: ['inactive_referrals'] });
  });

  test('one UNIONID behind two accounts: the sharer’s own second account, and a UNIONID seen elsewhere', async () => {
    const a = await sharer('uid');
    const code = await shareCode(p, a, { targetType: 'invite', channel: 'chat' }, 'u-same-person');
    const selfAlt = await newcomerVia(code, DEFAULT_REFERRAL_CONFIG, 'u-same-person');
    expect(referralOf(p, selfAlt)).toMatchObject({ status: 'flagged', flags: ['same_unionid'] });
    const b = await sharer('uid2');
    const codeB = await shareCode(p, b);
    await visit(p, id('alt'), codeB, 'u-two-accounts');
    const second = await newcomerVia(codeB, DEFAULT_REFERRAL_CONFIG, 'u-two-accounts');
    expect(referralOf(p, second)).toMatchObject({ status: 'flagged', flags: ['shared_unionid'] });
  });

  test('staff: moderators see the list, admins decide; approve counts, reject voids; deciding twice is refused', async () => {
    const list = await p.call('admin', MODERATOR, { action: 'flaggedReferrals' });
    expect(list.ok).toBe(true);
    const referralFlags = list.data.flags.filter((f: any) => f.kind === 'referral');
    expect(referralFlags.length).toBeGreaterThanOrEqual(4);
    expect(referralFlags[0]).toMatchObject({ id: expect.stringMatching(/^referral:/), kindText: '好友加入', orderId: null, reasonTexts: [expect.any(String)] });
    const [first, second] = referralFlags;
    expect(await p.call('admin', MODERATOR, { action: 'decideFlag', id: first.id, decision: 'approve' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await p.call('admin', ADMIN, { action: 'decideFlag', id: first.id, decision: 'approve' })).toEqual({
      ok: true,
      data: { id: first.id, status: 'approved', subjectStatus: 'counted' },
    });
    expect(referralOf(p, first.memberId).status).toBe('counted');
    expect(await p.call('admin', ADMIN, { action: 'decideFlag', id: second.id, decision: 'reject' })).toMatchObject({
      ok: true,
      data: { subjectStatus: 'void' },
    });
    expect(referralOf(p, second.memberId).status).toBe('void');
    expect(await p.call('admin', ADMIN, { action: 'decideFlag', id: first.id, decision: 'reject' })).toMatchObject({
      ok: false,
      error: { code: 'FLAG_ALREADY_DECIDED' },
    });
    expect(await p.call('admin', ADMIN, { action: 'decideFlag', id: 'referral:o-nobody', decision: 'reject' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const after = (await p.call('admin', ADMIN, { action: 'flaggedReferrals' })).data.flags.map((f: any) => f.id);
    expect(after).not.toContain(first.id);
    expect(after).not.toContain(second.id);
    const audit = all(p, 'audit_log', { action: 'referrals.flag.approve' });
    expect(audit.map((e: any) => e.outcome).sort()).toEqual(['denied', 'ok']);
  });

  test('customers cannot reach the review list', async () => {
    expect(await p.call('admin', await sharer(), { action: 'flaggedReferrals' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('my influence (shares, visits, friends)', () => {
  test('counts and masked friends; void referrals are not shown', async () => {
    const a = await sharer('inf');
    const codes = [await shareCode(p, a), await shareCode(p, a, { targetType: 'product', targetId: 'p-ref-beans', channel: 'chat' })];
    const names = ['王小明', '李雷', '韩梅梅'];
    const friends: string[] = [];
    for (const name of names) {
      const f = id('friend');
      friends.push(f);
      await visit(p, f, codes[0]);
      await visit(p, f, codes[1]);
      await join(p, f);
      await p.call('member', f, { action: 'updateProfile', nickname: name });
    }
    await visit(p, id('browser'), codes[1]);
    await db
      .collection('referrals')
      .doc(friends[2])
      .update({ data: { status: 'void' } });
    const res = await referral(p, a, { action: 'influence' });
    expect(res.ok).toBe(true);
    expect(res.data).toMatchObject({
      shares: 2,
      visits: 7,
      friendsJoined: 2,
      pointsEarned: 0,
      purchases: { pending: { count: 0, payFen: 0 }, confirmed: { count: 0, payFen: 0 }, reversed: { count: 0, payFen: 0 } },
    });
    expect(res.data.friends.map((f: any) => [f.nickname, f.status])).toEqual([
      ['李*', 'counted'],
      ['王*明', 'counted'],
    ]);
    expect(res.data.koc).toMatchObject({
      tier: 'member',
      isKoc: false,
      friendsBought: 0,
      friendsNeeded: 1,
      paidOrders: 0,
      ordersNeeded: 2,
      periodDays: 180,
      text: '再下 2 单，并邀请 1 位好友购买，即可成为品牌KOC',
      pendingText: null,
    });
  });
});
