import { callFunction } from '@/services/cloud';
import type { PointsSummary } from '@/services/contracts';
import { formatLocalDate } from '@/utils/date';
import type { AppState } from './app-state';
import { idleLoad, sectionLoader, type LoadState } from './kit/load-state';

// The caller's points summary (balance, what expires when), which the member centre shows. The
// points pages' history, rewards, redemption and coupons live in the points subpackage
// (packages/points/points.slice.ts). The server decides balances; the store remembers answers.

export type PointsSlice = LoadState<'pointsSummary'> & {
  pointsSummary: PointsSummary | null;
  loadPointsSummary: () => Promise<void>;
  /** Forgets the summary, e.g. when the person switches identity. */
  resetPoints: () => void;
};

export const createPointsSlice = (set: (partial: Partial<AppState>) => void, get: () => AppState): PointsSlice => {
  const summary = sectionLoader(set, get, 'pointsSummary', {
    request: () => callFunction('points', 'summary', {}),
    done: (data) => ({ pointsSummary: data }),
  });
  return {
    ...idleLoad('pointsSummary'),
    pointsSummary: null,
    loadPointsSummary: summary.load,
    resetPoints: () => {
      summary.invalidate();
      set({ ...idleLoad('pointsSummary'), pointsSummary: null });
    },
  };
};

/**
 * The caller's balance: the points summary once loaded, else the profile's cached balance;
 * null when neither is known yet.
 */
export const selectPointsBalance = (state: Pick<AppState, 'pointsSummary' | 'profile'>): number | null =>
  state.pointsSummary?.balance ?? state.profile?.points ?? null;

export interface ExpiringDay {
  /** The earliest expiry of that local calendar day (ISO). */
  expiresAt: string;
  amount: number;
}

/**
 * What expires within the summary's window, one line per local calendar day, soonest first
 * (lots earned on the same day expire together; several lots can still share a day).
 */
export function expiringByDay(summary: PointsSummary | null): ExpiringDay[] {
  if (!summary) return [];
  const days = new Map<string, ExpiringDay>();
  const lots = [...summary.expiringSoon.lots].sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt));
  for (const lot of lots) {
    if (lot.amount <= 0) continue;
    const key = formatLocalDate(lot.expiresAt);
    const day = days.get(key);
    if (day) day.amount += lot.amount;
    else days.set(key, { expiresAt: lot.expiresAt, amount: lot.amount });
  }
  return [...days.values()];
}
