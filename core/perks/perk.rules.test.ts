import fc from 'fast-check';
import type { EngagedFriend, PerkDoc } from './perks.model';
import { countedFriends, helperViews, perkBlock, perkCouponId, perkProgress, perkRule, unlockId } from './perk.rules';

const START = new Date('2026-11-01T00:00:00Z');
const AT = new Date('2026-11-27T08:00:00Z');
const perk: Pick<PerkDoc, 'startsAt' | 'endsAt' | 'engagement' | 'requiredFriends' | 'status' | 'minTier'> = {
  startsAt: START,
  endsAt: null,
  engagement: 'join',
  requiredFriends: 2,
  status: 'active',
  minTier: 'member',
};
const friend = (memberId: string, daysAfterStart: number, bought = false, nickname = '王小明'): EngagedFriend => ({
  memberId,
  nickname,
  joinedAt: new Date(START.getTime() + daysAfterStart * 86400_000),
  bought,
});

describe('who counts', () => {
  test('distinct friends who joined within the perk’s window, earliest first; never the member themselves', () => {
    const friends = [friend('f2', 3), friend('f1', 1), friend('f1', 2), friend('me', 1), friend('early', -1), friend('f3', 5)];
    expect(countedFriends(perk, friends, 'me').map((f) => f.memberId)).toEqual(['f1', 'f2', 'f3']);
    const ended = { ...perk, endsAt: new Date(START.getTime() + 4 * 86400_000) };
    expect(countedFriends(ended, friends, 'me').map((f) => f.memberId)).toEqual(['f1', 'f2']);
  });

  test('join_and_buy counts only friends who bought', () => {
    const friends = [friend('f1', 1, false), friend('f2', 2, true)];
    expect(countedFriends({ ...perk, engagement: 'join_and_buy' }, friends, 'me').map((f) => f.memberId)).toEqual(['f2']);
  });

  test('progress: complete exactly at N, with what is left before', () => {
    expect(perkProgress(perk, [friend('f1', 1)], 'me')).toMatchObject({ count: 1, remaining: 1, complete: false });
    expect(perkProgress(perk, [friend('f1', 1), friend('f2', 2), friend('f3', 3)], 'me')).toMatchObject({ count: 2, remaining: 0, complete: true });
  });

  test('adding a friend never lowers progress; duplicates and the member never raise it', () => {
    const arb = fc.array(fc.record({ id: fc.constantFrom('me', 'a', 'b', 'c', 'd'), day: fc.integer({ min: -3, max: 30 }), bought: fc.boolean() }), {
      maxLength: 12,
    });
    fc.assert(
      fc.property(arb, fc.constantFrom('join' as const, 'join_and_buy' as const), (rows, engagement) => {
        const p = { ...perk, engagement, requiredFriends: 3 };
        const friends = rows.map((r) => friend(r.id, r.day, r.bought));
        const before = perkProgress(p, friends.slice(0, -1), 'me').count;
        const after = perkProgress(p, friends, 'me');
        expect(after.count).toBeGreaterThanOrEqual(before);
        expect(after.count).toBeLessThanOrEqual(new Set(rows.filter((r) => r.id !== 'me').map((r) => r.id)).size);
        expect(after.count + after.remaining).toBe(3);
      }),
    );
  });

  test('helpers are shown masked, at most N', () => {
    const progress = perkProgress(perk, [friend('f1', 1, false, '李雷'), friend('f2', 2, true, '韩梅梅'), friend('f3', 3)], 'me');
    expect(helperViews(progress, 2).map((h) => [h.name, h.bought])).toEqual([
      ['李*', false],
      ['韩*梅', true],
    ]);
  });
});

describe('who may take part', () => {
  const member = { tier: 'member' as const, joinedAt: START };
  test.each([
    ['a member, perks on', member, perk, true, AT, null],
    ['a follower', { tier: 'follower' as const, joinedAt: null }, perk, true, AT, 'NOT_A_MEMBER'],
    ['below the perk’s tier', member, { ...perk, minTier: 'buyer' as const }, true, AT, 'TIER_NOT_ELIGIBLE'],
    ['tier benefits exclude perks', member, perk, false, AT, 'TIER_NOT_ELIGIBLE'],
    ['inactive', member, { ...perk, status: 'inactive' as const }, true, AT, 'PERK_UNAVAILABLE'],
    ['not started', member, { ...perk, startsAt: new Date(AT.getTime() + 1) }, true, AT, 'PERK_UNAVAILABLE'],
    ['ended', member, { ...perk, endsAt: new Date(AT.getTime() - 1) }, true, AT, 'PERK_UNAVAILABLE'],
  ] as const)('%s', (_n, m, p, eligible, at, code) => {
    expect(perkBlock(m, p, eligible, at)?.code ?? null).toBe(code);
  });
});

test('the rule says that shares and opens alone do not count', () => {
  expect(perkRule({ requiredFriends: 3, engagement: 'join_and_buy' })).toBe('邀请 3 位好友通过你的分享加入会员并完成首单即可解锁（仅分享或打开不计入）');
  expect(unlockId('perk-1', 'm1')).toBe('perk-1:m1');
  expect(perkCouponId('perk-1:m1')).toMatch(/^cpn_perk_[0-9a-f]{20}$/);
});
