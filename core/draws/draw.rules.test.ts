import fc from 'fast-check';
import { TIERS, type Tier } from '../members/tiers';
import {
  chinaTime,
  drawableAt,
  ENTRY_SETTLE_MS,
  ENTRY_STATE_TEXT,
  entryRefusal,
  entryState,
  membershipDays,
  phaseOf,
  resultWords,
  scheduleProblems,
  tierShortText,
  type Entrant,
} from './draw.rules';
import type { DrawDoc, DrawStatus, EntryOutcome, MyEntryState } from './draws.model';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const OPENS = new Date('2026-05-01T02:00:00.000Z');
const CLOSES = new Date('2026-05-03T02:00:00.000Z');
const DRAW_AT = new Date('2026-05-03T04:00:00.000Z');
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const OPEN_NOW = at(OPENS, HOUR);

type DrawRules = Pick<DrawDoc, 'status' | 'opensAt' | 'closesAt' | 'minTier' | 'minMemberDays'>;
const draw = (over: Partial<DrawRules> = {}): DrawRules => ({
  status: 'scheduled',
  opensAt: OPENS,
  closesAt: CLOSES,
  minTier: 'member',
  minMemberDays: 0,
  ...over,
});
const entrant = (tier: Tier, joinedDaysAgo: number | null, now = OPEN_NOW): Entrant => ({
  tier,
  joinedAt: joinedDaysAgo === null ? null : at(now, -joinedDaysAgo * DAY),
});

describe('phaseOf', () => {
  it('a scheduled draw is upcoming before it opens, open from opensAt until closesAt, closed from closesAt', () => {
    const d = draw();
    expect(phaseOf(d, at(OPENS, -1))).toBe('upcoming');
    expect(phaseOf(d, OPENS)).toBe('open');
    expect(phaseOf(d, at(CLOSES, -1))).toBe('open');
    expect(phaseOf(d, CLOSES)).toBe('closed');
    expect(phaseOf(d, at(DRAW_AT, DAY))).toBe('closed');
  });

  it('follows the status once the draw has left scheduled, whatever the time', () => {
    const cases: Array<[DrawStatus, string]> = [
      ['drawing', 'drawing'],
      ['drawn', 'drawn'],
      ['finished', 'drawn'],
      ['cancelled', 'cancelled'],
    ];
    for (const [status, phase] of cases) {
      for (const t of [at(OPENS, -DAY), OPEN_NOW, at(CLOSES, DAY)]) expect(phaseOf(draw({ status }), t)).toBe(phase);
    }
  });

  it('reads stored times given as ISO text the same as Dates', () => {
    const d = { status: 'scheduled' as const, opensAt: OPENS.toISOString() as unknown as Date, closesAt: CLOSES.toISOString() as unknown as Date };
    expect(phaseOf(d, OPEN_NOW)).toBe('open');
    expect(phaseOf(d, CLOSES)).toBe('closed');
  });
});

describe('drawableAt', () => {
  it('is the draw time when that is at least the settle time after closing', () => {
    expect(drawableAt({ closesAt: CLOSES, drawAt: DRAW_AT })).toEqual(DRAW_AT);
    expect(drawableAt({ closesAt: CLOSES, drawAt: at(CLOSES, ENTRY_SETTLE_MS) })).toEqual(at(CLOSES, ENTRY_SETTLE_MS));
  });

  it('waits for the last entry to land when the draw time is right at (or before) closing', () => {
    expect(drawableAt({ closesAt: CLOSES, drawAt: CLOSES })).toEqual(at(CLOSES, ENTRY_SETTLE_MS));
    expect(drawableAt({ closesAt: CLOSES, drawAt: at(CLOSES, 1000) })).toEqual(at(CLOSES, ENTRY_SETTLE_MS));
  });

  it('is never before the draw time nor before closing + settle time', () => {
    fc.assert(
      fc.property(fc.integer({ min: -DAY, max: DAY }), (offset) => {
        const drawAt = at(CLOSES, offset);
        const t = drawableAt({ closesAt: CLOSES, drawAt }).getTime();
        expect(t).toBe(Math.max(drawAt.getTime(), CLOSES.getTime() + ENTRY_SETTLE_MS));
      }),
    );
  });
});

describe('entryRefusal', () => {
  it('lets an eligible member in while the draw is open', () => {
    expect(entryRefusal(draw(), entrant('member', 0), null, OPEN_NOW)).toBeNull();
    expect(entryRefusal(draw({ minTier: 'buyer', minMemberDays: 30 }), entrant('koc', 30), null, OPEN_NOW)).toBeNull();
  });

  it('refuses outside the window with DRAW_NOT_OPEN and says why', () => {
    const who = entrant('koc', 100);
    expect(entryRefusal(draw(), who, null, at(OPENS, -1))).toEqual({ code: 'DRAW_NOT_OPEN', message: '抽签尚未开始，请在开始后再来', need: 'window' });
    expect(entryRefusal(draw(), who, null, CLOSES)).toEqual({ code: 'DRAW_NOT_OPEN', message: '抽签报名已截止', need: 'window' });
    for (const status of ['drawing', 'drawn', 'finished'] as const) {
      expect(entryRefusal(draw({ status }), who, null, OPEN_NOW)).toEqual({ code: 'DRAW_NOT_OPEN', message: '抽签报名已截止', need: 'window' });
    }
    expect(entryRefusal(draw({ status: 'cancelled' }), who, null, OPEN_NOW)).toEqual({ code: 'DRAW_NOT_OPEN', message: '本次抽签已取消', need: 'window' });
  });

  it('refuses someone who has not joined with NOT_A_MEMBER', () => {
    const refusal = { code: 'NOT_A_MEMBER', message: '加入会员即可参加抽签', need: 'join' };
    expect(entryRefusal(draw(), null, null, OPEN_NOW)).toEqual(refusal);
    expect(entryRefusal(draw(), entrant('follower', null), null, OPEN_NOW)).toEqual(refusal);
  });

  it('checks the window before membership: a non-member is told the draw is closed, not to join', () => {
    expect(entryRefusal(draw(), null, null, CLOSES)?.code).toBe('DRAW_NOT_OPEN');
  });

  it('refuses a step below the draw\'s with DRAW_NOT_ELIGIBLE in words from the shortfall: "再下 1 单成为已购会员即可参加"', () => {
    const d = draw({ minTier: 'buyer' });
    expect(entryRefusal(d, entrant('member', 10), { join: false, orders: 1, friends: 0 }, OPEN_NOW)).toEqual({
      code: 'DRAW_NOT_ELIGIBLE',
      message: '再下 1 单成为已购会员即可参加',
      need: 'tier',
    });
    expect(entryRefusal(draw({ minTier: 'koc' }), entrant('repeat_buyer', 10), { join: false, orders: 0, friends: 2 }, OPEN_NOW)).toEqual({
      code: 'DRAW_NOT_ELIGIBLE',
      message: '再邀请 2 位好友购买，成为品牌KOC即可参加',
      need: 'tier',
    });
    expect(entryRefusal(d, entrant('member', 10), null, OPEN_NOW)).toEqual({ code: 'DRAW_NOT_ELIGIBLE', message: '已购会员及以上可参加', need: 'tier' });
  });

  it('refuses a member too new for the draw with the days still missing', () => {
    const d = draw({ minMemberDays: 30 });
    expect(entryRefusal(d, entrant('koc', 25), null, OPEN_NOW)).toEqual({
      code: 'DRAW_NOT_ELIGIBLE',
      message: '入会满 30 天即可参加（还差 5 天）',
      need: 'membership_days',
    });
    // 29 days and 23 hours are 29 whole days: one still missing.
    expect(entryRefusal(d, { tier: 'koc', joinedAt: at(OPEN_NOW, -(30 * DAY - HOUR)) }, null, OPEN_NOW)).toEqual({
      code: 'DRAW_NOT_ELIGIBLE',
      message: '入会满 30 天即可参加（还差 1 天）',
      need: 'membership_days',
    });
    expect(entryRefusal(d, entrant('koc', 30), null, OPEN_NOW)).toBeNull();
  });

  it('speaks of the step first when both the step and the days fall short', () => {
    const refusal = entryRefusal(draw({ minTier: 'repeat_buyer', minMemberDays: 30 }), entrant('buyer', 1), { join: false, orders: 1, friends: 0 }, OPEN_NOW);
    expect(refusal).toEqual({ code: 'DRAW_NOT_ELIGIBLE', message: '再下 1 单成为复购会员即可参加', need: 'tier' });
  });

  it("admits exactly the steps at or above the draw's", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TIERS.filter((t) => t !== 'follower')), fc.constantFrom(...TIERS.filter((t) => t !== 'follower')), (minTier, tier) => {
        const refusal = entryRefusal(draw({ minTier: minTier as DrawRules['minTier'] }), entrant(tier, 1), null, OPEN_NOW);
        expect(refusal === null).toBe(TIERS.indexOf(tier) >= TIERS.indexOf(minTier));
      }),
    );
  });
});

describe('tierShortText', () => {
  it("says what is missing for the step, in the member's words", () => {
    expect(tierShortText('buyer', { join: true, orders: 1, friends: 0 })).toBe('加入会员即可参加');
    expect(tierShortText('buyer', { join: false, orders: 1, friends: 0 })).toBe('再下 1 单成为已购会员即可参加');
    expect(tierShortText('koc', { join: false, orders: 2, friends: 1 })).toBe('再下 2 单并邀请 1 位好友购买，成为品牌KOC即可参加');
    expect(tierShortText('koc', { join: false, orders: 0, friends: 3 })).toBe('再邀请 3 位好友购买，成为品牌KOC即可参加');
    expect(tierShortText('buyer', { join: false, orders: 0, friends: 0 })).toBe('已购会员及以上可参加，等级更新后即可报名');
    expect(tierShortText('repeat_buyer', null)).toBe('复购会员及以上可参加');
  });
});

describe('membershipDays', () => {
  it('counts whole days, never below zero', () => {
    expect(membershipDays(OPEN_NOW, OPEN_NOW)).toBe(0);
    expect(membershipDays(at(OPEN_NOW, -(DAY - 1)), OPEN_NOW)).toBe(0);
    expect(membershipDays(at(OPEN_NOW, -DAY), OPEN_NOW)).toBe(1);
    expect(membershipDays(at(OPEN_NOW, HOUR), OPEN_NOW)).toBe(0);
  });
});

describe('scheduleProblems', () => {
  const now = at(OPENS, -DAY);

  it('has none for opens < closes <= drawAt, closes in the future', () => {
    expect(scheduleProblems({ opensAt: OPENS, closesAt: CLOSES, drawAt: DRAW_AT }, now)).toEqual([]);
    expect(scheduleProblems({ opensAt: OPENS, closesAt: CLOSES, drawAt: CLOSES }, now)).toEqual([]);
  });

  it('names the field and says what is wrong', () => {
    expect(scheduleProblems({ opensAt: CLOSES, closesAt: CLOSES, drawAt: DRAW_AT }, now)).toEqual([{ path: 'closesAt', message: '报名截止须晚于报名开始' }]);
    expect(scheduleProblems({ opensAt: at(now, -2 * DAY), closesAt: at(now, -DAY), drawAt: DRAW_AT }, now)).toEqual([
      { path: 'closesAt', message: '报名截止须晚于现在' },
    ]);
    expect(scheduleProblems({ opensAt: OPENS, closesAt: CLOSES, drawAt: at(CLOSES, -1) }, now)).toEqual([
      { path: 'drawAt', message: '开奖时间不能早于报名截止' },
    ]);
  });

  it('reports every problem at once', () => {
    const problems = scheduleProblems({ opensAt: now, closesAt: at(now, -DAY), drawAt: at(now, -2 * DAY) }, now);
    expect(problems.map((p) => p.message)).toEqual(['报名截止须晚于报名开始', '报名截止须晚于现在', '开奖时间不能早于报名截止']);
  });
});

describe('entryState', () => {
  const outcomes: Array<EntryOutcome | null> = [null, 'won', 'waitlist', 'forfeited'];

  it('is entered until the draw is drawn, and cancelled for a cancelled draw, whatever the entry says', () => {
    for (const outcome of outcomes) {
      for (const paid of [false, true]) {
        expect(entryState({ status: 'scheduled' }, { outcome }, paid)).toBe('entered');
        expect(entryState({ status: 'drawing' }, { outcome }, paid)).toBe('entered');
        expect(entryState({ status: 'cancelled' }, { outcome }, paid)).toBe('cancelled');
      }
    }
  });

  it('after the draw: won until the order is paid, then paid; waitlist; forfeited; no outcome is not drawn', () => {
    const cases: Array<[EntryOutcome | null, boolean, MyEntryState]> = [
      ['won', false, 'won'],
      ['won', true, 'paid'],
      ['waitlist', false, 'waitlist'],
      ['forfeited', false, 'forfeited'],
      [null, false, 'not_drawn'],
    ];
    for (const [outcome, paid, state] of cases) expect(entryState({ status: 'drawn' }, { outcome }, paid)).toBe(state);
  });

  it('once the draw is finished, whoever still waits was not drawn (nobody is promoted any more)', () => {
    expect(entryState({ status: 'finished' }, { outcome: 'waitlist' }, false)).toBe('not_drawn');
    expect(entryState({ status: 'finished' }, { outcome: 'won' }, true)).toBe('paid');
    expect(entryState({ status: 'finished' }, { outcome: 'forfeited' }, false)).toBe('forfeited');
    expect(entryState({ status: 'finished' }, { outcome: null }, false)).toBe('not_drawn');
  });

  it('has words for every state', () => {
    for (const state of ['entered', 'won', 'paid', 'waitlist', 'not_drawn', 'forfeited', 'cancelled'] as const) expect(ENTRY_STATE_TEXT[state]).toMatch(/\S/);
  });
});

describe('result words', () => {
  it("China time is UTC+8 whatever the machine's zone", () => {
    expect(chinaTime(new Date('2026-12-24T12:00:00.000Z'))).toBe('12月24日 20:00');
    expect(chinaTime('2026-12-31T16:05:00.000Z')).toBe('1月1日 00:05');
  });

  it('tells winners by when to pay, the waitlist its place after the units, others that they were not drawn', () => {
    const d = { status: 'drawn' as const, units: 3, cancelReason: null };
    expect(resultWords(d, { outcome: 'won', rank: 1 }, new Date('2026-05-04T12:00:00.000Z'))).toEqual({ result: '中签', hint: '请在5月4日 20:00前付款' });
    expect(resultWords(d, { outcome: 'waitlist', rank: 5 }, null)).toEqual({ result: '候补第2位', hint: '中签者未付款时将依次递补' });
    expect(resultWords(d, { outcome: null, rank: null }, null)).toEqual({ result: '未中签', hint: '感谢参与，下次好运' });
    expect(resultWords({ ...d, status: 'cancelled', cancelReason: '商品延期' }, { outcome: null, rank: null }, null)).toEqual({
      result: '已取消',
      hint: '抽签已取消：商品延期',
    });
  });
});
