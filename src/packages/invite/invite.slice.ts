import type { StateCreator } from 'zustand';
import { callFunction } from '@/services/cloud';
import type { CloudError, CloudResult } from '@/services/cloud-result';
import type { DataOf, PayloadOf } from '@/services/contracts';
import { idleLoad, sectionLoader, type LoadState, type LoadStatus } from '@/store/kit/load-state';
import type { InviteState as AppState } from './store';

// 邀请有礼, 我的影响力 and 邀请海报: the perks with my progress, claiming one, what my shares
// achieved, and a poster's card. Progress, eligibility, masking and every sentence are the
// server's; this slice remembers answers and sends one claim at a time.

/** A perk as the member sees it: progress (masked helpers), eligibility, unlock. */
export type PerkView = DataOf<'perks', 'list'>['perks'][number];
export type PerkHelper = PerkView['helpers'][number];
/** 我的影响力 as the server words it. */
export type InfluenceView = DataOf<'referral', 'influence'>;
export type InfluencePurchase = InfluenceView['recentPurchases'][number];
export type InfluenceFriend = InfluenceView['friends'][number];
export type PosterInput = PayloadOf<'referral', 'poster'>;
/** A poster card: its code, the page and scene its mini-program code opens, the code image. */
export type PosterResult = DataOf<'referral', 'poster'>;
export type ClaimResult = DataOf<'perks', 'claim'>;

export interface PosterEntry {
  poster: PosterResult | null;
  status: LoadStatus;
  error: CloudError | null;
}

export type InviteSlice = LoadState<'perks'> &
  LoadState<'influence'> & {
    perks: PerkView[];
    /** The perk whose 领取 is being sent, to disable its button meanwhile. */
    claimingPerkId: string | null;
    influence: InfluenceView | null;
    /** Poster cards by target (posterKey). */
    posters: Record<string, PosterEntry>;

    /** perks.list (what is shown stays on screen while it reloads). */
    loadPerks: () => Promise<void>;
    /**
     * perks.claim: the perk comes back unlocked (its coupon issued, or its content revealed) and
     * replaces the one shown. A refusal means what is shown is stale: the list is read again.
     */
    claimPerk: (perkId: string) => Promise<CloudResult<ClaimResult>>;
    loadInfluence: () => Promise<void>;
    /** referral.poster for an invite or a product (one request per target at a time). */
    loadPoster: (input: PosterInput) => Promise<void>;
    /** Forgets everything, e.g. when the person switches identity. */
    resetInvite: () => void;
  };

export const posterKey = (input: PosterInput) => `${input.targetType}:${input.targetId ?? ''}`;

const EMPTY_POSTER: PosterEntry = { poster: null, status: 'idle', error: null };

const initialInviteState = () =>
  ({
    ...idleLoad('perks'),
    ...idleLoad('influence'),
    perks: [],
    claimingPerkId: null,
    influence: null,
    posters: {},
  }) satisfies Partial<InviteSlice>;

export const createInviteSlice: StateCreator<AppState, [], [], InviteSlice> = (set, get) => {
  // Answers to requests sent before a reset (another identity) or a newer load are dropped.
  let epoch = 0;
  const perks = sectionLoader(set, get, 'perks', {
    request: () => callFunction('perks', 'list', {}),
    done: (data) => ({ perks: data.perks }),
  });
  const influence = sectionLoader(set, get, 'influence', {
    request: () => callFunction('referral', 'influence', {}),
    done: (data) => ({ influence: data }),
  });
  const postersLoading = new Map<string, Promise<void>>();

  const setPoster = (key: string, entry: Partial<PosterEntry>) =>
    set({ posters: { ...get().posters, [key]: { ...(get().posters[key] ?? EMPTY_POSTER), ...entry } } });

  return {
    ...initialInviteState(),

    loadPerks: perks.load,

    claimPerk: async (perkId) => {
      const mine = epoch;
      set({ claimingPerkId: perkId });
      const result = await callFunction('perks', 'claim', { perkId });
      if (mine !== epoch) return result;
      set({ claimingPerkId: null });
      if (result.ok) {
        // Newer than any list still on its way.
        perks.invalidate();
        set({ perks: get().perks.map((perk) => (perk._id === perkId ? result.data.perk : perk)) });
      } else {
        void perks.load();
      }
      return result;
    },

    loadInfluence: influence.load,

    loadPoster: (input) => {
      const key = posterKey(input);
      const pending = postersLoading.get(key);
      if (pending) return pending;
      const mine = epoch;
      setPoster(key, { status: 'loading', error: null });
      const loading = (async () => {
        const result = await callFunction('referral', 'poster', input);
        if (mine !== epoch) return;
        if (result.ok) setPoster(key, { status: 'ready', poster: result.data, error: null });
        else setPoster(key, { status: 'error', error: result.error, poster: null });
      })().finally(() => {
        if (postersLoading.get(key) === loading) postersLoading.delete(key);
      });
      postersLoading.set(key, loading);
      return loading;
    },

    resetInvite: () => {
      epoch += 1;
      perks.invalidate();
      influence.invalidate();
      postersLoading.clear();
      set(initialInviteState());
    },
  };
};

export const selectPoster =
  (key: string) =>
  (state: AppState): PosterEntry =>
    state.posters[key] ?? EMPTY_POSTER;
