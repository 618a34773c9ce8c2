import { callFunction } from '@/services/cloud';
import type { MyCoupon, PointsHistoryEntry, PointsSummary, Reward, SessionProfile } from '@/services/contracts';
import { createAppStore } from '@/store';
import { POINTS_HISTORY_PAGE_SIZE, expiringByDay, selectPointsBalance, selectPointsHistoryHasMore, selectRedeemReward, withPoints } from './store';
import { deferred } from '@/test-support/replies';
import { expiringLots } from '@/test-support/points-fixtures';

// The store's boundary is the service layer: the transport is replaced, the store is real.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;
type Reply = Awaited<ReturnType<typeof callFunction>>;

const profile: SessionProfile = {
  memberId: 'o-member',
  nickname: '小满',
  avatarUrl: '',
  tier: 'repeat_buyer',
  tierName: '复购会员',
  points: 1500,
  role: 'customer',
  isMember: true,
  joinedAt: '2025-01-02T03:04:05.000Z',
};

const summary: PointsSummary = {
  balance: 1500,
  debt: 0,
  expiringSoon: expiringLots([200, '2025-04-01T15:59:59.999Z']),
};

const reward = (over: Partial<Reward> = {}): Reward => ({
  _id: 'r-coupon-10',
  title: '10 元无门槛券',
  description: '全场通用',
  kind: 'coupon',
  pointsCost: 300,
  remaining: 12,
  image: null,
  coupon: { valueFen: 1000, minSpendFen: 0, validDays: 30 },
  minTier: null,
  available: true,
  unavailableReason: null,
  ...over,
});

const coupon: MyCoupon = {
  _id: 'c1',
  rewardId: 'r-coupon-10',
  title: '10 元无门槛券',
  valueFen: 1000,
  minSpendFen: 0,
  state: 'available',
  issuedAt: '2025-03-01T00:00:00.000Z',
  expiresAt: '2025-03-31T00:00:00.000Z',
  usedAt: null,
};

/** `count` entries, newest first, one minute apart, ending before `startMinute`. */
function historyPage(count: number, startMinute = 10_000): PointsHistoryEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    _id: `pl_${startMinute - i}`,
    kind: 'earn' as const,
    delta: 10,
    debtDelta: 0,
    balanceAfter: 1500,
    debtAfter: 0,
    reason: '消费得积分',
    createdAt: new Date(Date.UTC(2025, 0, 1) + (startMinute - i) * 60_000).toISOString(),
    expiresAt: null,
  }));
}

/** Answers each points action from a table (or defaults); the member function opens the session. */
function serve(answers: Partial<Record<string, Reply | ((payload: unknown) => Reply | Promise<Reply>)>> = {}) {
  callFunctionMock.mockImplementation(async (name, action, payload) => {
    if (name === 'member' && action === 'open') return { ok: true, data: { profile } };
    const answer = answers[action];
    if (answer) return typeof answer === 'function' ? answer(payload) : answer;
    switch (action) {
      case 'summary':
        return { ok: true, data: summary };
      case 'history':
        return { ok: true, data: { entries: historyPage(3), nextBefore: null } };
      case 'rewards':
        return { ok: true, data: { rewards: [reward()] } };
      case 'coupons':
        return { ok: true, data: { coupons: [coupon] } };
      default:
        throw new Error(`unexpected call ${name}.${action}`);
    }
  });
}

const pointsCalls = (action?: string) =>
  callFunctionMock.mock.calls.filter(([name, called]) => name === 'points' && (!action || called === action)).map(([, called, payload]) => [called, payload]);

const redeemCalls = () => pointsCalls('redeem').map(([, payload]) => payload as { rewardId: string; requestId: string });

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const networkError = { ok: false as const, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } };

beforeEach(() => callFunctionMock.mockReset());

describe('points slice', () => {
  it('starts with nothing loaded', () => {
    const state = withPoints(createAppStore()).getState();
    expect(state.pointsSummaryStatus).toBe('idle');
    expect(state.pointsHistoryStatus).toBe('idle');
    expect(state.rewardsStatus).toBe('idle');
    expect(state.coupons.available.status).toBe('idle');
    expect(state.redeemDraft).toBeNull();
    expect(selectPointsBalance(state)).toBeNull();
  });

  it('loads the summary, showing loading the first time and keeping it on a reload', async () => {
    const pending = deferred<Reply>();
    serve({ summary: () => pending.promise });
    const store = withPoints(createAppStore());

    const loading = store.getState().loadPointsSummary();
    expect(store.getState().pointsSummaryStatus).toBe('loading');
    pending.resolve({ ok: true, data: summary });
    await loading;
    expect(store.getState().pointsSummary).toEqual(summary);
    expect(selectPointsBalance(store.getState())).toBe(1500);

    const again = deferred<Reply>();
    serve({ summary: () => again.promise });
    const reloading = store.getState().loadPointsSummary();
    expect(store.getState().pointsSummaryStatus).toBe('ready');
    again.resolve({ ok: true, data: { ...summary, balance: 1600 } });
    await reloading;
    expect(selectPointsBalance(store.getState())).toBe(1600);
  });

  it('keeps the error of each section for the page', async () => {
    serve({ summary: networkError, rewards: { ok: false, error: { code: 'INTERNAL', message: 'boom' } } });
    const store = withPoints(createAppStore());

    await Promise.all([store.getState().loadPointsSummary(), store.getState().loadRewards(), store.getState().loadCoupons('used')]);

    expect(store.getState().pointsSummaryStatus).toBe('error');
    expect(store.getState().pointsSummaryError?.code).toBe('NETWORK_ERROR');
    expect(store.getState().rewardsStatus).toBe('error');
    expect(store.getState().rewardsError?.code).toBe('INTERNAL');
    expect(store.getState().coupons.used.status).toBe('ready');
  });

  it('falls back to the profile balance until the summary is loaded', async () => {
    serve();
    const store = withPoints(createAppStore());
    await store.getState().bootstrap();
    expect(selectPointsBalance(store.getState())).toBe(1500);
  });

  describe('history paging', () => {
    it('asks for the newest page, then the page before the server cursor', async () => {
      const first = historyPage(POINTS_HISTORY_PAGE_SIZE, 100);
      const second = historyPage(5, 100 - POINTS_HISTORY_PAGE_SIZE);
      const cursor = first[first.length - 1].createdAt;
      serve({ history: { ok: true, data: { entries: first, nextBefore: cursor } } });
      const store = withPoints(createAppStore());

      await store.getState().loadPointsHistory();
      expect(pointsCalls('history')).toEqual([['history', { limit: POINTS_HISTORY_PAGE_SIZE }]]);
      expect(selectPointsHistoryHasMore(store.getState())).toBe(true);

      serve({ history: { ok: true, data: { entries: second, nextBefore: null } } });
      await store.getState().loadMorePointsHistory();

      expect(callFunctionMock).toHaveBeenLastCalledWith('points', 'history', { limit: POINTS_HISTORY_PAGE_SIZE, before: cursor });
      expect(store.getState().pointsHistory).toEqual([...first, ...second]);
      expect(selectPointsHistoryHasMore(store.getState())).toBe(false);
      expect(store.getState().pointsHistoryMoreStatus).toBe('idle');
    });

    it('does not ask again while a page is on its way, nor when there is nothing more', async () => {
      const first = historyPage(POINTS_HISTORY_PAGE_SIZE);
      serve({ history: { ok: true, data: { entries: first, nextBefore: first[first.length - 1].createdAt } } });
      const store = withPoints(createAppStore());
      await store.getState().loadPointsHistory();
      const pending = deferred<Reply>();
      serve({ history: () => pending.promise });
      callFunctionMock.mockClear();

      const loading = store.getState().loadMorePointsHistory();
      expect(store.getState().pointsHistoryMoreStatus).toBe('loading');
      await store.getState().loadMorePointsHistory();
      pending.resolve({ ok: true, data: { entries: [], nextBefore: null } });
      await loading;
      await store.getState().loadMorePointsHistory();

      expect(callFunctionMock).toHaveBeenCalledTimes(1);
    });

    it('a failed "more" keeps the entries shown and can be tried again', async () => {
      const first = historyPage(POINTS_HISTORY_PAGE_SIZE);
      serve({ history: { ok: true, data: { entries: first, nextBefore: first[first.length - 1].createdAt } } });
      const store = withPoints(createAppStore());
      await store.getState().loadPointsHistory();

      serve({ history: networkError });
      await store.getState().loadMorePointsHistory();

      expect(store.getState().pointsHistoryStatus).toBe('ready');
      expect(store.getState().pointsHistory).toEqual(first);
      expect(store.getState().pointsHistoryMoreStatus).toBe('error');
      expect(store.getState().pointsHistoryMoreError?.code).toBe('NETWORK_ERROR');
      expect(selectPointsHistoryHasMore(store.getState())).toBe(true);
    });

    it('never shows an entry twice when pages overlap', async () => {
      const first = historyPage(3, 100);
      serve({ history: { ok: true, data: { entries: first, nextBefore: first[2].createdAt } } });
      const store = withPoints(createAppStore());
      await store.getState().loadPointsHistory();

      serve({ history: { ok: true, data: { entries: [first[2], ...historyPage(2, 97)], nextBefore: null } } });
      await store.getState().loadMorePointsHistory();

      expect(store.getState().pointsHistory.map((entry) => entry._id)).toEqual(['pl_100', 'pl_99', 'pl_98', 'pl_97', 'pl_96']);
    });

    it('drops an older page that arrives after the history was reloaded', async () => {
      const first = historyPage(POINTS_HISTORY_PAGE_SIZE);
      serve({ history: { ok: true, data: { entries: first, nextBefore: first[first.length - 1].createdAt } } });
      const store = withPoints(createAppStore());
      await store.getState().loadPointsHistory();
      const late = deferred<Reply>();
      serve({ history: () => late.promise });
      const loadingMore = store.getState().loadMorePointsHistory();

      const fresh = historyPage(2, 50_000);
      serve({ history: { ok: true, data: { entries: fresh, nextBefore: null } } });
      await store.getState().loadPointsHistory();
      late.resolve({ ok: true, data: { entries: historyPage(3, 1), nextBefore: null } });
      await loadingMore;

      expect(store.getState().pointsHistory).toEqual(fresh);
    });
  });

  describe('redeeming', () => {
    async function storeWithRewards() {
      serve();
      const store = withPoints(createAppStore());
      await store.getState().bootstrap();
      await Promise.all([store.getState().loadPointsSummary(), store.getState().loadRewards()]);
      return store;
    }

    it('opening a confirmation makes a requestId of 8..64 characters, a new one per confirmation', async () => {
      const store = await storeWithRewards();

      store.getState().openRedeem('r-coupon-10');
      const first = store.getState().redeemDraft!;
      expect(first.rewardId).toBe('r-coupon-10');
      expect(first.requestId.length).toBeGreaterThanOrEqual(8);
      expect(first.requestId.length).toBeLessThanOrEqual(64);
      expect(selectRedeemReward(store.getState())?._id).toBe('r-coupon-10');

      store.getState().cancelRedeem();
      expect(store.getState().redeemDraft).toBeNull();
      store.getState().openRedeem('r-coupon-10');
      expect(store.getState().redeemDraft!.requestId).not.toBe(first.requestId);
    });

    it('a success updates the balance at once (summary and profile) and refreshes what changed', async () => {
      const store = await storeWithRewards();
      store.getState().openRedeem('r-coupon-10');
      const issued = { ...coupon, _id: 'c-new' };
      serve({
        redeem: { ok: true, data: { coupon: issued, balance: 1200, replayed: false } },
        summary: () => new Promise<Reply>(() => undefined), // still on its way: the balance must not wait for it
      });
      callFunctionMock.mockClear();

      const result = await store.getState().confirmRedeem();

      expect(result).toEqual({ ok: true, data: { coupon: issued, balance: 1200, replayed: false } });
      expect(redeemCalls()).toEqual([{ rewardId: 'r-coupon-10', requestId: expect.any(String) }]);
      expect(store.getState().redeemDraft).toBeNull();
      expect(store.getState().redeemStatus).toBe('idle');
      expect(store.getState().pointsSummary?.balance).toBe(1200);
      expect(store.getState().profile?.points).toBe(1200);
      expect(pointsCalls().map(([action]) => action)).toEqual(expect.arrayContaining(['summary', 'rewards']));
    });

    it('a double tap sends one request', async () => {
      const store = await storeWithRewards();
      store.getState().openRedeem('r-coupon-10');
      const pending = deferred<Reply>();
      serve({ redeem: () => pending.promise });

      const first = store.getState().confirmRedeem();
      const second = store.getState().confirmRedeem();
      expect(store.getState().redeemStatus).toBe('sending');
      pending.resolve({ ok: true, data: { coupon, balance: 1200, replayed: false } });

      expect(await second).toEqual(await first);
      expect(redeemCalls()).toHaveLength(1);
    });

    describe('after a failure without an answer, or a busy server', () => {
      beforeEach(() => jest.useFakeTimers());
      afterEach(() => jest.useRealTimers());

      /** Starts a confirmation and lets its automatic retries' waits pass until it settles. */
      async function confirmWithRetries(store: Awaited<ReturnType<typeof storeWithRewards>>) {
        let settled = false;
        const sending = store
          .getState()
          .confirmRedeem()
          .finally(() => {
            settled = true;
          });
        for (let i = 0; i < 40 && !settled; i++) await jest.advanceTimersByTimeAsync(250);
        return sending;
      }

      it('the answer was lost: the retry with the same requestId shows the coupon the server issued', async () => {
        const store = await storeWithRewards();
        store.getState().openRedeem('r-coupon-10');
        const issued = { ...coupon, _id: 'c-issued' };
        await store.getState().loadCoupons('available');
        let calls = 0;
        // The first call redeemed on the server but its answer never came back.
        serve({
          redeem: () => (++calls === 1 ? networkError : { ok: true, data: { coupon: issued, balance: 1200, replayed: true } }),
          summary: { ok: true, data: { ...summary, balance: 1200 } },
          coupons: { ok: true, data: { coupons: [issued, coupon] } },
        });

        expect(store.getState().coupons.available.coupons.map((c) => c._id)).toEqual(['c1']);

        const result = await confirmWithRetries(store);
        await jest.advanceTimersByTimeAsync(0);

        expect(result).toEqual({ ok: true, data: { coupon: issued, balance: 1200, replayed: true } });
        const [first, retry] = redeemCalls();
        expect(redeemCalls()).toHaveLength(2);
        expect(retry.requestId).toBe(first.requestId);
        expect(store.getState().redeemDraft).toBeNull();
        expect(store.getState().redeemStatus).toBe('idle');
        expect(store.getState().pointsSummary?.balance).toBe(1200);
        // 我的券 shows the coupon the server issued, once.
        expect(store.getState().coupons.available.coupons.filter((c) => c._id === 'c-issued')).toHaveLength(1);
      });

      it('a busy answer (CONFLICT) is sent again with the same requestId until it goes through', async () => {
        const store = await storeWithRewards();
        store.getState().openRedeem('r-coupon-10');
        const busy = { ok: false as const, error: { code: 'CONFLICT', message: '兑换的人有点多，请稍后再试' } };
        let calls = 0;
        serve({ redeem: () => (++calls <= 2 ? busy : { ok: true, data: { coupon, balance: 1200, replayed: false } }) });

        const result = await confirmWithRetries(store);

        expect(result?.ok).toBe(true);
        expect(new Set(redeemCalls().map((c) => c.requestId)).size).toBe(1);
        expect(redeemCalls()).toHaveLength(3);
        expect(store.getState().redeemDraft).toBeNull();
        expect(store.getState().profile?.points).toBe(1200);
      });

      it('a refusal after a lost answer is shown as the refusal (the server did nothing)', async () => {
        const store = await storeWithRewards();
        store.getState().openRedeem('r-coupon-10');
        const refusal = { ok: false as const, error: { code: 'REWARD_OUT_OF_STOCK', message: '奖品已兑完' } };
        let calls = 0;
        serve({ redeem: () => (++calls === 1 ? { ok: false, error: { code: 'INTERNAL', message: '服务开小差了' } } : refusal) });

        expect(await confirmWithRetries(store)).toEqual(refusal);
        expect(redeemCalls()).toHaveLength(2);
        expect(store.getState().redeemDraft).toBeNull();
        expect(store.getState().redeemStatus).toBe('idle');
        expect(store.getState().pointsSummary?.balance).toBe(1500);
      });

      it('when the retries run out the draft stays with its requestId; a manual retry sends it again', async () => {
        const store = await storeWithRewards();
        store.getState().openRedeem('r-coupon-10');
        serve({ redeem: networkError });

        const failed = await confirmWithRetries(store);
        expect(failed).toEqual(networkError);
        // Sent once and retried automatically, always with the same key; then the outcome is unknown.
        expect(redeemCalls()).toHaveLength(3);
        expect(store.getState().redeemStatus).toBe('unknown');
        expect(store.getState().redeemError?.code).toBe('NETWORK_ERROR');
        expect(store.getState().redeemDraft).not.toBeNull();

        serve({ redeem: { ok: false, error: { code: 'CONFLICT', message: '兑换的人有点多，请稍后再试' } } });
        await confirmWithRetries(store);
        expect(store.getState().redeemStatus).toBe('busy');
        expect(store.getState().redeemError?.message).toBe('兑换的人有点多，请稍后再试');
        expect(store.getState().redeemDraft).not.toBeNull();

        serve({ redeem: { ok: true, data: { coupon, balance: 1200, replayed: true } }, summary: { ok: true, data: { ...summary, balance: 1200 } } });
        const retried = await confirmWithRetries(store);

        expect(retried?.ok).toBe(true);
        expect(new Set(redeemCalls().map((c) => c.requestId)).size).toBe(1);
        expect(redeemCalls()).toHaveLength(3 + 3 + 1);
        expect(store.getState().redeemDraft).toBeNull();
        expect(store.getState().pointsSummary?.balance).toBe(1200);
      });

      it('switching identity during the wait stops the retries', async () => {
        const store = await storeWithRewards();
        store.getState().openRedeem('r-coupon-10');
        serve({ redeem: networkError });

        const sending = store.getState().confirmRedeem();
        await jest.advanceTimersByTimeAsync(0);
        expect(redeemCalls()).toHaveLength(1);
        store.getState().resetSession();
        await jest.advanceTimersByTimeAsync(10_000);
        await sending;

        expect(redeemCalls()).toHaveLength(1);
        expect(store.getState().redeemDraft).toBeNull();
      });
    });

    it.each(['POINTS_INSUFFICIENT', 'REWARD_OUT_OF_STOCK', 'REWARD_UNAVAILABLE', 'TIER_NOT_ELIGIBLE', 'NOT_A_MEMBER'])(
      'a refusal (%s) closes the confirmation, keeps the balance and reloads the catalogue',
      async (code) => {
        const store = await storeWithRewards();
        store.getState().openRedeem('r-coupon-10');
        const refusal = { ok: false as const, error: { code, message: '不能兑换' } };
        serve({ redeem: refusal, rewards: { ok: true, data: { rewards: [reward({ available: false, unavailableReason: '已兑完', remaining: 0 })] } } });
        callFunctionMock.mockClear();

        expect(await store.getState().confirmRedeem()).toEqual(refusal);
        await flush();

        expect(store.getState().redeemDraft).toBeNull();
        expect(store.getState().redeemStatus).toBe('idle');
        expect(store.getState().pointsSummary?.balance).toBe(1500);
        expect(pointsCalls('rewards')).toHaveLength(1);
        expect(store.getState().rewards[0].available).toBe(false);
      },
    );

    it('a new confirmation after a refusal gets a new requestId', async () => {
      const store = await storeWithRewards();
      store.getState().openRedeem('r-coupon-10');
      serve({ redeem: { ok: false, error: { code: 'POINTS_INSUFFICIENT', message: '积分不足' } } });
      await store.getState().confirmRedeem();

      store.getState().openRedeem('r-coupon-10');
      serve({ redeem: { ok: true, data: { coupon, balance: 0, replayed: false } } });
      await store.getState().confirmRedeem();

      const [first, second] = redeemCalls();
      expect(second.requestId).not.toBe(first.requestId);
    });

    it('cannot be cancelled or replaced while the request is out', async () => {
      const store = await storeWithRewards();
      store.getState().openRedeem('r-coupon-10');
      const draft = store.getState().redeemDraft;
      const pending = deferred<Reply>();
      serve({ redeem: () => pending.promise });

      const sending = store.getState().confirmRedeem();
      store.getState().cancelRedeem();
      store.getState().openRedeem('r-other');
      expect(store.getState().redeemDraft).toEqual(draft);
      pending.resolve({ ok: true, data: { coupon, balance: 1200, replayed: false } });
      await sending;
      expect(store.getState().redeemDraft).toBeNull();
    });

    it('does nothing without a confirmation', async () => {
      const store = await storeWithRewards();
      callFunctionMock.mockClear();
      expect(await store.getState().confirmRedeem()).toBeNull();
      expect(callFunctionMock).not.toHaveBeenCalled();
    });

    it('refreshes the history and the available coupons when they were loaded', async () => {
      const store = await storeWithRewards();
      await Promise.all([store.getState().loadPointsHistory(), store.getState().loadCoupons('available')]);
      store.getState().openRedeem('r-coupon-10');
      const issued = { ...coupon, _id: 'c-new' };
      serve({
        redeem: { ok: true, data: { coupon: issued, balance: 1200, replayed: false } },
        coupons: { ok: true, data: { coupons: [issued, coupon] } },
      });
      callFunctionMock.mockClear();

      await store.getState().confirmRedeem();
      await flush();

      expect(
        pointsCalls()
          .map(([action]) => action)
          .sort(),
      ).toEqual(['coupons', 'history', 'redeem', 'rewards', 'summary']);
      expect(store.getState().coupons.available.coupons.map((c) => c._id)).toEqual(['c-new', 'c1']);
    });

    it('refreshes the member centre (its coupon count) once it was opened', async () => {
      const store = await storeWithRewards();
      const centre = (available: number) => ({
        ok: true as const,
        data: {
          profile,
          points: summary,
          coupons: { available },
          ladder: {
            tier: 'repeat_buyer' as const,
            tierName: '复购会员',
            isMember: true,
            paidOrders: 2,
            friends: 0,
            reason: '',
            progress: { nextTier: 'koc' as const, nextTierName: '品牌KOC', text: '再邀请 1 位好友购买即可成为品牌KOC' },
            grace: null,
            holdsUntil: null,
          },
        },
      });
      // member.centre answers with the coupons usable at that moment; the rest as the points tests serve it.
      let usable = 0;
      serve({ redeem: { ok: true, data: { coupon: { ...coupon, _id: 'c-new' }, balance: 1200, replayed: false } } });
      const points = callFunctionMock.getMockImplementation()!;
      callFunctionMock.mockImplementation(async (name, action, payload) =>
        name === 'member' && action === 'centre' ? centre(usable) : points(name, action, payload),
      );
      await store.getState().loadMemberCentre();
      expect(store.getState().availableCoupons).toBe(0);
      store.getState().openRedeem('r-coupon-10');
      usable = 1;

      await store.getState().confirmRedeem();
      await flush();

      expect(callFunctionMock.mock.calls.filter(([name, action]) => name === 'member' && action === 'centre')).toHaveLength(2);
      expect(store.getState().availableCoupons).toBe(1);
    });
  });

  it('loads coupons per state', async () => {
    serve({ coupons: (payload) => ({ ok: true, data: { coupons: [{ ...coupon, state: (payload as { state: MyCoupon['state'] }).state }] } }) });
    const store = withPoints(createAppStore());

    await store.getState().loadCoupons('expired');

    expect(pointsCalls('coupons')).toEqual([['coupons', { state: 'expired' }]]);
    expect(store.getState().coupons.expired.status).toBe('ready');
    expect(store.getState().coupons.expired.coupons[0].state).toBe('expired');
    expect(store.getState().coupons.available.status).toBe('idle');
  });

  it('switching identity forgets the points and ignores answers still on their way', async () => {
    serve();
    const store = withPoints(createAppStore());
    await store.getState().bootstrap();
    await store.getState().loadRewards();
    const late = deferred<Reply>();
    serve({ summary: () => late.promise });
    const loading = store.getState().loadPointsSummary();

    store.getState().resetSession();
    late.resolve({ ok: true, data: summary });
    await loading;

    const state = store.getState();
    expect(state.pointsSummary).toBeNull();
    expect(state.pointsSummaryStatus).toBe('idle');
    expect(state.rewards).toEqual([]);
    expect(state.redeemDraft).toBeNull();
  });
});

describe('expiringByDay', () => {
  const at = (y: number, m: number, d: number, h = 23) => new Date(y, m - 1, d, h, 59, 59, 999).toISOString();

  it('groups the lots of one local day and sorts the days soonest first', () => {
    const days = expiringByDay({
      ...summary,
      expiringSoon: expiringLots([100, at(2025, 4, 20)], [200, at(2025, 4, 3)], [50, at(2025, 4, 3, 10)]),
    });
    expect(days).toEqual([
      { amount: 250, expiresAt: at(2025, 4, 3, 10) },
      { amount: 100, expiresAt: at(2025, 4, 20) },
    ]);
  });

  it('has nothing for no summary or nothing expiring', () => {
    expect(expiringByDay(null)).toEqual([]);
    expect(expiringByDay({ ...summary, expiringSoon: { total: 0, days: 30, lots: [] } })).toEqual([]);
  });
});
