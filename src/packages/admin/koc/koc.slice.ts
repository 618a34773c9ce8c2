import type { StateCreator } from 'zustand';
import { callFunction } from '@/services/cloud';
import type { CloudError } from '@/services/cloud-result';
import type { DataOf } from '@/services/contracts';
import type { AdminToolsState as AppState } from '../store';

// KOC 榜单 in the staff area: the members whose shares brought the most distinct friends who
// bought, over a period, with their propagation value (friends' confirmed orders) and their own
// value (their orders minus refunds). Moderators and admins read it; the server ranks and sums.

// Derived from the contract rather than re-exported by it, so the contracts file stays as it is.
export type KocLeaderboard = DataOf<'admin', 'kocLeaderboard'>;
export type KocLeaderboardRow = KocLeaderboard['rows'][number];

export type AdminKocLoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The server's default period (its input allows 1..365 days). */
export const KOC_DEFAULT_DAYS = 30;

export interface AdminKocSlice {
  /** The period shown (or being loaded), in days up to now. */
  kocDays: number;
  kocBoard: KocLeaderboard | null;
  kocStatus: AdminKocLoadStatus;
  kocError: CloudError | null;
  /** The leaderboard of the last `days` days (a new period replaces the rows shown). */
  loadKocLeaderboard: (days: number) => Promise<void>;
  resetAdminKoc: () => void;
}

const initialAdminKocState = {
  kocDays: KOC_DEFAULT_DAYS,
  kocBoard: null,
  kocStatus: 'idle',
  kocError: null,
} satisfies Partial<AdminKocSlice>;

export const createAdminKocSlice: StateCreator<AppState, [], [], AdminKocSlice> = (set, get) => {
  // Answers to a request older than the newest one (a quick change of period) are dropped.
  let generation = 0;

  return {
    ...initialAdminKocState,

    loadKocLeaderboard: async (days) => {
      const mine = ++generation;
      const refresh = get().kocDays === days && get().kocStatus === 'ready';
      set({
        kocDays: days,
        kocError: null,
        // Another period's rows are not an answer to this one: show loading instead of them.
        ...(refresh ? {} : { kocStatus: 'loading' as const, kocBoard: null }),
      });
      const result = await callFunction('admin', 'kocLeaderboard', { days });
      if (mine !== generation) return;
      if (result.ok) set({ kocStatus: 'ready', kocBoard: result.data });
      else set({ kocStatus: 'error', kocError: result.error });
    },

    resetAdminKoc: () => {
      generation += 1;
      set({ ...initialAdminKocState });
    },
  };
};

