import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { DAY_MS, DEFAULT_REFERRAL_CONFIG as C, type ReferralConfig } from './referral.config';
import {
  approvalOf,
  capDayId,
  capPlaceKey,
  conversionFlags,
  firstTouch,
  flagText,
  generateShareCode,
  inWindow,
  isBurst,
  isConvertiblePayment,
  isDue,
  isInactivePattern,
  isShareCode,
  kocText,
  lastTouch,
  maskNickname,
  pendingText,
  pendingUntilFor,
  purchaseBucketOf,
  purchaseStatusText,
  referralFlags,
  refusalOf,
  reversalOf,
  sameUnionid,
  SCENE_PATTERN,
  shanghaiDay,
  shareCodeFromBytes,
  sharePath,
  touchBefore,
  touchOf,
  windowStart,
  type Touch,
} from './referral.rules';
import type { ConversionStatus } from './referrals.model';

const T0 = new Date('2026-03-01T02:00:00.000Z');
const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);
const WINDOW = 7 * DAY_MS;
const none: ReadonlySet<string> = new Set();
const touch = (id: string, sharerId: string, atMs: number, lastMs = atMs): Touch => ({ id, sharerId, at: at(atMs), lastAt: at(lastMs) });

describe('share codes', () => {
  test('12 base62 characters from random bytes, valid as a mini-program code scene', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateShareCode(randomBytes);
      expect(code).toMatch(/^[0-9A-Za-z]{12}$/);
      expect(code).toMatch(SCENE_PATTERN);
      expect(isShareCode(code)).toBe(true);
    }
  });

  test('pure: the same bytes give the same code; bytes >= 248 are skipped (no modulo bias)', () => {
    const bytes = Uint8Array.from([0, 61, 62, 248, 255, 123, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(shareCodeFromBytes(bytes)).toBe(shareCodeFromBytes(bytes));
    // 0->'0', 61->'z', 62->'0', (248, 255 skipped), 123->'z', 1..8
    expect(shareCodeFromBytes(bytes)).toBe('0z0z12345678');
    expect(shareCodeFromBytes(Uint8Array.from([250, 251, 252]))).toBeNull();
  });

  test('a source that keeps returning rejected bytes is retried until a code fills', () => {
    let calls = 0;
    const code = generateShareCode((n) => (calls++ < 3 ? new Uint8Array(n).fill(255) : new Uint8Array(n).fill(10)));
    expect(code).toBe('AAAAAAAAAAAA');
    expect(calls).toBe(4);
  });

  test('property: any byte stream long enough gives a well-formed code', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 12, maxLength: 64 }), (bytes) => {
        const code = shareCodeFromBytes(bytes);
        const usable = [...bytes].filter((b) => b < 248).length;
        if (usable < 12) expect(code).toBeNull();
        else expect(code).toMatch(/^[0-9A-Za-z]{12}$/);
      }),
    );
  });

  test('characters are spread evenly (no character favoured)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) for (const ch of generateShareCode(randomBytes)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(62);
    // 24,000 characters / 62 ≈ 387 each; a biased generator would push some far out.
    for (const n of counts.values()) expect(n).toBeGreaterThan(250);
  });

  test('codes that are not 12 base62 characters are refused', () => {
    for (const bad of ['', 'abc', 'abcdefghijk', 'abcdefghijklm', 'abcdefghijk-', 'abcdefghijk ', '王abcdefghijk']) expect(isShareCode(bad)).toBe(false);
  });
});

describe('card paths', () => {
  test.each([
    ['product', 'p-1', '/pages/product/index?id=p-1&s=AAAAAAAAAAAA'],
    ['draw', 'd-1', '/packages/draws/index?id=d-1&s=AAAAAAAAAAAA'],
    ['perk', 'k-1', '/packages/invite/index?perk=k-1&s=AAAAAAAAAAAA'],
    ['invite', 'o-me', '/packages/invite/index?s=AAAAAAAAAAAA'],
  ] as const)('%s cards open %s', (targetType, targetId, path) => {
    expect(sharePath({ targetType, targetId, code: 'AAAAAAAAAAAA' })).toBe(path);
  });
});

describe('the attribution window (7 days, both ends inclusive)', () => {
  test.each([
    ['a visit and an event at the same moment', 0, true],
    ['an event exactly 7 days after the visit', WINDOW, true],
    ['one millisecond past 7 days', WINDOW + 1, false],
    ['an event before the visit', -1, false],
    ['an event a day after', DAY_MS, true],
  ])('%s', (_name, gap, expected) => expect(inWindow(T0, at(gap), C)).toBe(expected));

  test('the window follows the configuration', () => {
    const oneDay: ReferralConfig = { ...C, attributionWindowDays: 1 };
    expect(inWindow(T0, at(DAY_MS), oneDay)).toBe(true);
    expect(inWindow(T0, at(DAY_MS + 1), oneDay)).toBe(false);
    expect(windowStart(at(WINDOW), C)).toEqual(T0);
  });

  test('property: inWindow is exactly 0 <= gap <= window', () => {
    fc.assert(fc.property(fc.integer({ min: -30 * DAY_MS, max: 30 * DAY_MS }), (gap) => expect(inWindow(T0, at(gap), C)).toBe(gap >= 0 && gap <= WINDOW)));
  });
});

describe('who may be credited', () => {
  test('never oneself; never a circular pair', () => {
    expect(refusalOf('o-a', 'o-a', none)).toBe('self');
    // o-b was referred by o-a: o-a cannot become o-b's referral (or o-b's conversion).
    expect(refusalOf('o-b', 'o-a', new Set(['o-b']))).toBe('circular');
    expect(refusalOf('o-b', 'o-c', none)).toBeNull();
  });
});

describe('first touch (referrals)', () => {
  const joined = at(3 * DAY_MS);

  test('the first visit in the window wins, not the latest', () => {
    const touches = [touch('v-late', 'o-late', 2 * DAY_MS), touch('v-first', 'o-first', 1 * DAY_MS), touch('v-mid', 'o-mid', 1.5 * DAY_MS)];
    expect(firstTouch(touches, 'o-new', joined, none, C)?.sharerId).toBe('o-first');
  });

  test('visits before the window or after joining do not count', () => {
    const touches = [
      touch('v-old', 'o-old', 3 * DAY_MS - WINDOW - 1),
      touch('v-after', 'o-after', 3 * DAY_MS + 1),
      touch('v-edge', 'o-edge', 3 * DAY_MS - WINDOW),
    ];
    expect(firstTouch(touches, 'o-new', joined, none, C)?.sharerId).toBe('o-edge');
    expect(firstTouch(touches.slice(0, 2), 'o-new', joined, none, C)).toBeNull();
  });

  test('a self share and a circular pair are skipped; the next eligible visit wins', () => {
    const touches = [touch('v-self', 'o-new', 0), touch('v-circ', 'o-circ', 1), touch('v-ok', 'o-ok', 2)];
    expect(firstTouch(touches, 'o-new', joined, new Set(['o-circ']), C)?.sharerId).toBe('o-ok');
  });

  test('ties are broken by id, so every computation picks the same visit', () => {
    const touches = [touch('b', 'o-b', DAY_MS), touch('a', 'o-a', DAY_MS)];
    expect(firstTouch(touches, 'o-new', joined, none, C)?.id).toBe('a');
    expect(firstTouch([...touches].reverse(), 'o-new', joined, none, C)?.id).toBe('a');
  });

  test('property: the winner is eligible, in the window, and no eligible visit is earlier', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ sharer: fc.constantFrom('o-new', 'o-a', 'o-b', 'o-c'), t: fc.integer({ min: -10 * DAY_MS, max: 10 * DAY_MS }) }), {
          maxLength: 20,
        }),
        fc.subarray(['o-a', 'o-b', 'o-c']),
        (raw, circular) => {
          const touches = raw.map((r, i) => touch(`v${i}`, r.sharer, r.t));
          const referred = new Set(circular);
          const win = firstTouch(touches, 'o-new', T0, referred, C);
          const eligible = touches.filter((t) => inWindow(t.at, T0, C) && t.sharerId !== 'o-new' && !referred.has(t.sharerId));
          if (eligible.length === 0) return expect(win).toBeNull();
          expect(win).not.toBeNull();
          expect(eligible).toContain(win);
          expect(eligible.every((t) => t.at.getTime() >= win!.at.getTime())).toBe(true);
          // Order of input does not matter.
          expect(firstTouch([...touches].reverse(), 'o-new', T0, referred, C)).toBe(win);
        },
      ),
    );
  });
});

describe('last touch (conversions)', () => {
  const paid = at(5 * DAY_MS);

  test('the most recent visit wins, not the first', () => {
    const touches = [touch('v1', 'o-first', DAY_MS), touch('v2', 'o-last', 4 * DAY_MS), touch('v3', 'o-mid', 2 * DAY_MS)];
    expect(lastTouch(touches, 'o-buyer', paid, none, C)?.sharerId).toBe('o-last');
  });

  test('a share reopened later counts at its latest open before paying', () => {
    // o-old's card was first opened on day 1 and again on day 4.5; o-new's on day 4.
    const touches = [touch('v1', 'o-old', DAY_MS, 4.5 * DAY_MS), touch('v2', 'o-new', 4 * DAY_MS)];
    expect(lastTouch(touches, 'o-buyer', paid, none, C)?.sharerId).toBe('o-old');
  });

  test('a reopening after paying cannot claim the payment: the first open is what counts then', () => {
    expect(touchBefore(touch('v', 'o', DAY_MS, 6 * DAY_MS), paid)).toEqual(at(DAY_MS));
    expect(touchBefore(touch('v', 'o', 6 * DAY_MS), paid)).toBeNull();
    const touches = [touch('v1', 'o-old', DAY_MS, 6 * DAY_MS), touch('v2', 'o-new', 2 * DAY_MS)];
    expect(lastTouch(touches, 'o-buyer', paid, none, C)?.sharerId).toBe('o-new');
  });

  test('window edges: exactly 7 days before paying counts, a millisecond more does not', () => {
    expect(lastTouch([touch('v', 'o-a', 5 * DAY_MS - WINDOW)], 'o-buyer', paid, none, C)?.sharerId).toBe('o-a');
    expect(lastTouch([touch('v', 'o-a', 5 * DAY_MS - WINDOW - 1)], 'o-buyer', paid, none, C)).toBeNull();
  });

  test('the buyer’s own share and a circular pair are skipped for an earlier eligible one', () => {
    const touches = [touch('v1', 'o-ok', DAY_MS), touch('v2', 'o-circ', 3 * DAY_MS), touch('v3', 'o-buyer', 4 * DAY_MS)];
    expect(lastTouch(touches, 'o-buyer', paid, new Set(['o-circ']), C)?.sharerId).toBe('o-ok');
    expect(lastTouch(touches.slice(1), 'o-buyer', paid, new Set(['o-circ']), C)).toBeNull();
  });

  test('property: the winner is eligible and no eligible touch is more recent', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            sharer: fc.constantFrom('o-buyer', 'o-a', 'o-b', 'o-c'),
            t: fc.integer({ min: -10 * DAY_MS, max: 10 * DAY_MS }),
            extra: fc.nat(5 * DAY_MS),
          }),
          { maxLength: 20 },
        ),
        fc.subarray(['o-a', 'o-b', 'o-c']),
        (raw, circular) => {
          const touches = raw.map((r, i) => touch(`v${i}`, r.sharer, r.t, r.t + r.extra));
          const referred = new Set(circular);
          const win = lastTouch(touches, 'o-buyer', T0, referred, C);
          const when = (t: Touch) => touchBefore(t, T0);
          const eligible = touches.filter((t) => when(t) && inWindow(when(t)!, T0, C) && t.sharerId !== 'o-buyer' && !referred.has(t.sharerId));
          if (eligible.length === 0) return expect(win).toBeNull();
          expect(eligible).toContain(win);
          expect(eligible.every((t) => when(t)!.getTime() <= when(win!)!.getTime())).toBe(true);
        },
      ),
    );
  });
});

describe('hold -> confirm -> reward; refunds', () => {
  const paid = T0;
  const until = pendingUntilFor(paid, C);

  test('pending for 7 days after payment; confirmed at the end of the hold, not a millisecond before', () => {
    expect(until).toEqual(at(7 * DAY_MS));
    expect(isDue({ status: 'pending', pendingUntil: until }, at(7 * DAY_MS - 1))).toBe(false);
    expect(isDue({ status: 'pending', pendingUntil: until }, until)).toBe(true);
    expect(isDue({ status: 'pending', pendingUntil: until }, at(30 * DAY_MS))).toBe(true);
  });

  test.each<ConversionStatus>(['flagged', 'confirmed', 'reversed', 'clawed_back', 'void'])('a %s conversion is never confirmed by the timer', (status) => {
    expect(isDue({ status, pendingUntil: until }, at(30 * DAY_MS))).toBe(false);
  });

  test('refund before confirmation reverses; after, claws back; settled ones stay as they are', () => {
    expect(reversalOf('pending')).toEqual({ next: 'reversed', clawback: false });
    expect(reversalOf('flagged')).toEqual({ next: 'reversed', clawback: false });
    expect(reversalOf('confirmed')).toEqual({ next: 'clawed_back', clawback: true });
    for (const s of ['reversed', 'clawed_back', 'void'] as const) expect(reversalOf(s)).toBeNull();
  });

  test('property: a refund after any sequence of refunds changes a conversion at most once', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ConversionStatus>('pending', 'flagged', 'confirmed', 'reversed', 'clawed_back', 'void'),
        fc.integer({ min: 1, max: 5 }),
        (start, times) => {
          let status = start;
          let changes = 0;
          for (let i = 0; i < times; i++) {
            const r = reversalOf(status);
            if (r) {
              status = r.next;
              changes++;
            }
          }
          expect(changes).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  test('staff approval pays at once after the hold, else waits as pending', () => {
    expect(approvalOf({ pendingUntil: until }, at(7 * DAY_MS))).toBe('confirm_now');
    expect(approvalOf({ pendingUntil: until }, at(7 * DAY_MS - 1))).toBe('pending');
  });

  test('only real payments convert', () => {
    expect(isConvertiblePayment(1, C)).toBe(true);
    expect(isConvertiblePayment(0, C)).toBe(false);
    expect(isConvertiblePayment(1.5, C)).toBe(false);
    expect(isConvertiblePayment(-100, C)).toBe(false);
  });
});

describe('caps', () => {
  test('a day is the Shanghai calendar day', () => {
    expect(shanghaiDay(new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(shanghaiDay(new Date('2026-03-01T16:00:00.000Z'))).toBe('2026-03-02');
  });

  test('a sharer’s places for a day live on one document; an order’s place is kept under a safe key', () => {
    expect(capDayId('o-a', '2026-03-01')).toBe('o-a:2026-03-01');
    expect(capPlaceKey('O0123456789abcdef01234567')).toBe('O0123456789abcdef01234567');
    expect(capPlaceKey('O-cc-viral-3')).toBe('O-cc-viral-3');
    // A dot or a dollar would be read as a path or an operator: such ids are digested.
    for (const odd of ['o.1', '$where', 'a b', 'x'.repeat(65), '订单']) {
      expect(capPlaceKey(odd)).toMatch(/^h[0-9a-f]{32}$/);
    }
    expect(capPlaceKey('o.1')).toBe(capPlaceKey('o.1'));
    expect(capPlaceKey('o.1')).not.toBe(capPlaceKey('o.2'));
  });
});

describe('abuse flags', () => {
  const clean = { sameUnionid: false, sharedUnionid: false, recentReferrals: 0, olderReferrals: 0, activeOlderReferrals: 0 };

  test('a clean referral has no flags', () => expect(referralFlags(clean, C)).toEqual([]));

  test('a burst: the 11th referral within an hour is flagged, the 10th is not', () => {
    expect(isBurst(9, C)).toBe(false);
    expect(isBurst(10, C)).toBe(true);
    expect(referralFlags({ ...clean, recentReferrals: 10 }, C)).toEqual(['burst']);
  });

  test('many referrals with no activity: at least 5 older ones and fewer than 20% ever paid', () => {
    expect(isInactivePattern(4, 0, C)).toBe(false);
    expect(isInactivePattern(5, 0, C)).toBe(true);
    expect(isInactivePattern(10, 1, C)).toBe(true);
    expect(isInactivePattern(10, 2, C)).toBe(false);
    expect(referralFlags({ ...clean, olderReferrals: 6, activeOlderReferrals: 1 }, C)).toEqual(['inactive_referrals']);
  });

  test('one UNIONID behind several accounts', () => {
    expect(sameUnionid('u-1', 'u-1')).toBe(true);
    expect(sameUnionid('u-1', 'u-2')).toBe(false);
    expect(sameUnionid(null, null)).toBe(false);
    expect(sameUnionid(undefined, '')).toBe(false);
    expect(referralFlags({ ...clean, sameUnionid: true, sharedUnionid: true }, C)).toEqual(['same_unionid', 'shared_unionid']);
    expect(conversionFlags({ sameUnionid: false, sharedUnionid: true, capReached: true })).toEqual(['shared_unionid', 'daily_cap']);
    expect(conversionFlags({ sameUnionid: false, sharedUnionid: false, capReached: false })).toEqual([]);
  });

  test('every flag is explained in Chinese, with the configured numbers', () => {
    expect(flagText('daily_cap', C)).toBe('超出每日奖励上限（每位分享者每天 20 笔）');
    expect(flagText('burst', C)).toBe('短时间内大量好友加入（60 分钟内超过 10 位）');
    for (const r of ['inactive_referrals', 'same_unionid', 'shared_unionid'] as const) expect(flagText(r, C)).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('what the member sees', () => {
  test.each([
    ['王小明', '王*明'],
    ['王明', '王*'],
    ['王', '王*'],
    ['欧阳小小明', '欧*明'],
    ['  Tom  ', 'T*m'],
    ['', '**'],
    ['🐱猫咪🐶', '🐱*🐶'],
  ])('%s is shown as %s', (name, masked) => expect(maskNickname(name)).toBe(masked));

  test('property: a masked name never shows the middle', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 3, maxLength: 20 }).filter((s) => Array.from(s.trim()).length >= 3),
        (name) => {
          const chars = Array.from(name.trim());
          expect(maskNickname(name)).toBe(`${chars[0]}*${chars[chars.length - 1]}`);
        },
      ),
    );
  });

  test('purchases fall into pending / confirmed / reversed; void is not shown', () => {
    expect(['pending', 'flagged', 'confirmed', 'reversed', 'clawed_back', 'void'].map((s) => purchaseBucketOf(s as ConversionStatus))).toEqual([
      'pending',
      'pending',
      'confirmed',
      'reversed',
      'reversed',
      null,
    ]);
    expect(purchaseStatusText('flagged')).toBe('审核中');
    expect(purchaseStatusText('clawed_back')).toBe('已退款，奖励已扣回');
  });

  test('progress to 品牌KOC in plain words', () => {
    const need = { orders: 2, friends: 1 };
    expect(kocText({ tier: 'member', isMember: true, paidOrders: 0, friends: 0 }, need, 180)).toBe('再下 2 单，并邀请 1 位好友购买，即可成为品牌KOC');
    expect(kocText({ tier: 'repeat_buyer', isMember: true, paidOrders: 2, friends: 0 }, need, 180)).toBe('再邀请 1 位好友购买即可成为品牌KOC');
    expect(kocText({ tier: 'buyer', isMember: true, paidOrders: 1, friends: 1 }, need, 180)).toBe('再下 1 单升级为品牌KOC');
    expect(kocText({ tier: 'koc', isMember: true, paidOrders: 2, friends: 3 }, need, 180)).toBe('你已是品牌KOC：近 180 天有 3 位好友通过你的分享购买');
    expect(kocText({ tier: 'follower', isMember: false, paidOrders: 0, friends: 0 }, need, 180)).toMatch(/^加入会员后/);
    expect(pendingText(0, 7)).toBeNull();
    expect(pendingText(2, 7)).toBe('另有 2 笔好友订单待确认，付款满 7 天、退款期结束后计入');
  });
});

test('a stored visit becomes a touch; an old one without lastAt has its first open as its last', () => {
  const at = new Date('2026-03-01T00:00:00Z');
  const v = { _id: 'c:o', sharerId: 'o-s', at, lastAt: null };
  expect(touchOf(v)).toEqual({ id: 'c:o', sharerId: 'o-s', at, lastAt: at, visit: v });
});
