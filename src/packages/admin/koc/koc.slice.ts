import type { StateCreator } from 'zustand';
import { callFunction } from '@/services/cloud';
import type { DataOf } from '@/services/contracts';
import { idleLoad, sectionLoader, type LoadState } from '@/store/kit/load-state';
import type { AdminToolsState as AppState } from '../store';

// KOC 榜单 in the staff area: the members whose shares brought the most distinct friends who
// bought, over a period, with their propagation value (friends' confirmed orders) and their own
// value (their orders minus refunds). Moderators and admins read it; the server ranks and sums.

// Derived from the contract rather than re-exported by it, so the contracts file stays as it is.
export type KocLeaderboard = DataOf<'admin', 'kocLeaderboard'>;
export type KocLeaderboardRow = KocLeaderboard['rows'][number];

/** The server's default period (its input allows 1..365 days). */
export const KOC_DEFAULT_DAYS = 30;

export type AdminKocSlice = LoadState<'koc'> & {
  /** The period shown (or being loaded), in days up to now. */
  kocDays: number;
  kocBoard: KocLeaderboard | null;
  /** The leaderboard of the last `days` days (a new period replaces the rows shown). */
  loadKocLeaderboard: (days: number) => Promise<void>;
  resetAdminKoc: () => void;
};

const initialAdminKocState = {
  kocDays: KOC_DEFAULT_DAYS,
  kocBoard: null,
  ...idleLoad('koc'),
} satisfies Partial<AdminKocSlice>;

export const createAdminKocSlice: StateCreator<AppState, [], [], AdminKocSlice> = (set, get) => {
  const board = sectionLoader(set, get, 'koc', {
    request: (days: number) => callFunction('admin', 'kocLeaderboard', { days }),
    done: (data) => ({ kocBoard: data }),
    // Another period's rows are not an answer to this one: show loading instead of them.
    start: (days: number) => ({
      kocDays: days,
      ...(get().kocDays === days && get().kocStatus === 'ready' ? {} : { kocStatus: 'loading' as const, kocBoard: null }),
    }),
  });

  return {
    ...initialAdminKocState,
    loadKocLeaderboard: board.load,
    resetAdminKoc: () => {
      board.invalidate();
      set({ ...initialAdminKocState });
    },
  };
};
