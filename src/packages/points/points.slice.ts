import type { StateCreator } from 'zustand';
import { callFunction } from '@/services/cloud';
import { isOutcomeUnknown, type CloudError, type CloudResult } from '@/services/cloud-result';
import type { MyCoupon, PayloadOf, PointsHistoryEntry, RedeemResult, Reward } from '@/services/contracts';
import { appendPage, idleLoad, loadingUnlessShown, sectionLoader, type LoadState, type LoadStatus } from '@/store/kit/load-state';
import { newRequestId } from '@/utils/request-id';
import type { PointsAreaState as AppState } from './store';

// The points pages' state: the caller's history, the rewards catalogue, redemption and coupons, as
// the points function returns them (the summary, which the member centre shows too, is the main
// store's). The server decides balances, eligibility and stock; the store remembers answers and
// makes sure one confirmed redemption is sent as one request, however often it is retried.

/** History entries fetched per page (the server allows 1..50). */
export const POINTS_HISTORY_PAGE_SIZE = 20;

/**
 * The lists 我的券 asks for: the states points.coupons accepts (derived from the server's schema).
 * A coupon's own state can also be `locked` (held by an unpaid order): such a coupon arrives inside
 * one of these lists, never as a list of its own — the server refuses `state: 'locked'`.
 */
export type CouponTab = NonNullable<PayloadOf<'points', 'coupons'>['state']>;
export const COUPON_STATES: readonly CouponTab[] = ['available', 'used', 'expired'];

export interface CouponList {
  coupons: MyCoupon[];
  status: LoadStatus;
  error: CloudError | null;
}

/** A redemption the person is confirming: its idempotency key is made once, when the dialog opens. */
export interface RedeemDraft {
  rewardId: string;
  requestId: string;
}

/**
 * 'sending' while the request is out (automatic retries included); 'unknown' when it failed
 * without an answer (network, time limit, server error): it may or may not have happened; 'busy'
 * when the server answered "too many at once, try again" (nothing was redeemed). In both the draft
 * and its requestId stay, so a retry is safe and shows what the server did.
 */
export type RedeemStatus = 'idle' | 'sending' | 'unknown' | 'busy';

export type PointsAreaSlice = LoadState<'pointsHistory'> &
  LoadState<'rewards'> & {
    /** Newest first, page after page. */
    pointsHistory: PointsHistoryEntry[];
    /** The server's cursor for the next (older) page; null when there is nothing older. */
    pointsHistoryNextBefore: string | null;
    /** The "加载更多" request: its own state, so a failure keeps the entries already shown. */
    pointsHistoryMoreStatus: 'idle' | 'loading' | 'error';
    pointsHistoryMoreError: CloudError | null;

    rewards: Reward[];

    redeemDraft: RedeemDraft | null;
    redeemStatus: RedeemStatus;
    /** Why the last attempt of the current draft has no known outcome. */
    redeemError: CloudError | null;

    coupons: Record<CouponTab, CouponList>;

    /** The newest page of the history (replaces what was loaded). */
    loadPointsHistory: () => Promise<void>;
    /** The page older than the last entry shown. */
    loadMorePointsHistory: () => Promise<void>;
    loadRewards: () => Promise<void>;
    /** Opens the confirmation of a reward: a fresh requestId for this confirmation. */
    openRedeem: (rewardId: string) => void;
    /** Closes the confirmation (not while its request is out). */
    cancelRedeem: () => void;
    /**
     * Sends the draft. A second call while it is out returns the same request. A failure without an
     * answer or a busy refusal is retried automatically (REDEEM_RETRY_DELAYS_MS) with the same
     * requestId, so the member ends up seeing what the server did — the coupon issued (a replay of
     * it if the first answer was lost) or the refusal — and the server redeems at most once. After
     * those, the draft stays for a manual retry, again with the same requestId. Null when there is
     * no draft.
     */
    confirmRedeem: () => Promise<CloudResult<RedeemResult> | null>;
    loadCoupons: (state: CouponTab) => Promise<void>;
    /** Forgets everything, e.g. when the person switches identity. */
    resetPointsArea: () => void;
  };

/** The server's "too many redemptions at once" (兑换的人有点多，请稍后再试): nothing happened, try the same request again. */
const BUSY: ReadonlySet<string> = new Set(['CONFLICT']);

/** True when the same requestId should be sent again: no answer, or the server was busy. */
export const isRedeemRetryable = (error: CloudError): boolean => isOutcomeUnknown(error) || BUSY.has(error.code);

/**
 * Waits before the automatic retries of one confirmation. The server answers a busy burst within
 * its 5 s budget, so a few seconds later the same request usually goes through (or is replayed).
 */
export const REDEEM_RETRY_DELAYS_MS: readonly number[] = [1_000, 3_000];

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const emptyCouponLists = (): Record<CouponTab, CouponList> => ({
  available: { coupons: [], status: 'idle', error: null },
  used: { coupons: [], status: 'idle', error: null },
  expired: { coupons: [], status: 'idle', error: null },
});

const initialPointsState = () =>
  ({
    ...idleLoad('pointsHistory'),
    ...idleLoad('rewards'),
    pointsHistory: [],
    pointsHistoryNextBefore: null,
    pointsHistoryMoreStatus: 'idle',
    pointsHistoryMoreError: null,
    rewards: [],
    redeemDraft: null,
    redeemStatus: 'idle',
    redeemError: null,
    coupons: emptyCouponLists(),
  }) satisfies Partial<PointsAreaSlice>;

export const createPointsAreaSlice: StateCreator<AppState, [], [], PointsAreaSlice> = (set, get) => {
  // Each section counts its requests: an answer to an older request (sent before a reset or a
  // newer reload) is dropped instead of overwriting newer state.
  const generation = { history: 0, redeem: 0, available: 0, used: 0, expired: 0 };
  const rewards = sectionLoader(set, get, 'rewards', {
    request: () => callFunction('points', 'rewards', {}),
    done: (data) => ({ rewards: data.rewards }),
  });
  let redeemInFlight: Promise<CloudResult<RedeemResult> | null> | null = null;

  const setCouponList = (state: CouponTab, list: Partial<CouponList>) => set({ coupons: { ...get().coupons, [state]: { ...get().coupons[state], ...list } } });

  /** After a redemption the balance, what expires, the stock and the coupons all changed. */
  const refreshAfterRedeem = () => {
    const loads = [get().loadPointsSummary(), get().loadRewards()];
    if (get().pointsHistoryStatus !== 'idle') loads.push(get().loadPointsHistory());
    if (get().coupons.available.status !== 'idle') loads.push(get().loadCoupons('available'));
    // The member centre counts usable coupons and shows the balance: refreshed once it was opened.
    if (get().memberCentreStatus !== 'idle') loads.push(get().loadMemberCentre());
    return Promise.all(loads).then(() => undefined);
  };

  return {
    ...initialPointsState(),

    loadPointsHistory: async () => {
      const mine = ++generation.history;
      set({
        pointsHistoryStatus: loadingUnlessShown(get().pointsHistoryStatus),
        pointsHistoryError: null,
        pointsHistoryMoreStatus: 'idle',
        pointsHistoryMoreError: null,
      });
      const result = await callFunction('points', 'history', { limit: POINTS_HISTORY_PAGE_SIZE });
      if (mine !== generation.history) return;
      if (result.ok) {
        set({ pointsHistoryStatus: 'ready', pointsHistory: result.data.entries, pointsHistoryNextBefore: result.data.nextBefore });
      } else {
        set({ pointsHistoryStatus: 'error', pointsHistoryError: result.error });
      }
    },

    loadMorePointsHistory: async () => {
      const { pointsHistoryStatus, pointsHistoryNextBefore, pointsHistoryMoreStatus } = get();
      if (pointsHistoryStatus !== 'ready' || !pointsHistoryNextBefore || pointsHistoryMoreStatus === 'loading') return;
      const mine = generation.history;
      set({ pointsHistoryMoreStatus: 'loading', pointsHistoryMoreError: null });
      const result = await callFunction('points', 'history', { limit: POINTS_HISTORY_PAGE_SIZE, before: pointsHistoryNextBefore });
      // A reload of the first page meanwhile made this page meaningless.
      if (mine !== generation.history) return;
      if (result.ok) {
        set({
          pointsHistory: appendPage(get().pointsHistory, result.data.entries),
          pointsHistoryNextBefore: result.data.nextBefore,
          pointsHistoryMoreStatus: 'idle',
        });
      } else {
        set({ pointsHistoryMoreStatus: 'error', pointsHistoryMoreError: result.error });
      }
    },

    loadRewards: rewards.load,

    openRedeem: (rewardId) => {
      if (get().redeemStatus === 'sending') return;
      set({ redeemDraft: { rewardId, requestId: newRequestId('redeem') }, redeemStatus: 'idle', redeemError: null });
    },

    cancelRedeem: () => {
      if (get().redeemStatus === 'sending') return;
      set({ redeemDraft: null, redeemStatus: 'idle', redeemError: null });
    },

    confirmRedeem: () => {
      if (redeemInFlight) return redeemInFlight;
      const draft = get().redeemDraft;
      if (!draft) return Promise.resolve(null);
      const mine = generation.redeem;
      set({ redeemStatus: 'sending', redeemError: null });
      const sending = (async () => {
        const send = () => callFunction('points', 'redeem', { rewardId: draft.rewardId, requestId: draft.requestId });
        let result = await send();
        for (const delay of REDEEM_RETRY_DELAYS_MS) {
          if (result.ok || !isRedeemRetryable(result.error) || mine !== generation.redeem) break;
          await wait(delay);
          if (mine !== generation.redeem) break;
          result = await send();
        }
        // Reset meanwhile (another identity): the answer belongs to nobody on screen.
        if (mine !== generation.redeem) return result;
        if (result.ok) {
          const { pointsSummary, profile } = get();
          set({
            redeemDraft: null,
            redeemStatus: 'idle',
            pointsSummary: pointsSummary ? { ...pointsSummary, balance: result.data.balance } : pointsSummary,
            // The member centre shows the cached balance of the profile too.
            profile: profile ? { ...profile, points: result.data.balance } : profile,
          });
          void refreshAfterRedeem();
        } else if (isRedeemRetryable(result.error)) {
          set({ redeemStatus: isOutcomeUnknown(result.error) ? 'unknown' : 'busy', redeemError: result.error });
        } else {
          // A refusal is an answer: nothing was redeemed. The catalogue may have changed (stock, tier).
          set({ redeemDraft: null, redeemStatus: 'idle', redeemError: null });
          void get().loadRewards();
        }
        return result;
      })().finally(() => {
        redeemInFlight = null;
      });
      redeemInFlight = sending;
      return sending;
    },

    loadCoupons: async (state) => {
      const mine = ++generation[state];
      setCouponList(state, { status: loadingUnlessShown(get().coupons[state].status), error: null });
      const result = await callFunction('points', 'coupons', { state });
      if (mine !== generation[state]) return;
      if (result.ok) setCouponList(state, { status: 'ready', coupons: result.data.coupons });
      else setCouponList(state, { status: 'error', error: result.error });
    },

    resetPointsArea: () => {
      for (const key of Object.keys(generation) as Array<keyof typeof generation>) generation[key] += 1;
      rewards.invalidate();
      redeemInFlight = null;
      set(initialPointsState());
    },
  };
};

export const selectPointsHistoryHasMore = (state: AppState) => state.pointsHistoryNextBefore !== null;
export const selectCouponList = (couponState: CouponTab) => (state: AppState) => state.coupons[couponState];

/** The reward being confirmed, if it is in the catalogue. */
export const selectRedeemReward = (state: AppState): Reward | null =>
  state.redeemDraft ? (state.rewards.find((reward) => reward._id === state.redeemDraft?.rewardId) ?? null) : null;
