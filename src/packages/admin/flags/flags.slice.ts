import type { StateCreator } from 'zustand';
import { callFunction } from '@/services/cloud';
import type { CloudError, CloudResult } from '@/services/cloud-result';
import type { DataOf, PayloadOf } from '@/services/contracts';
import { idleLoad, sectionLoader, type LoadState } from '@/store/kit/load-state';
import type { AdminToolsState as AppState } from '../store';

// 推荐审核 in the staff area: referrals and friends' orders the server held back (a daily cap, a
// burst, one person behind two accounts, ...) instead of counting or paying them. Moderators read
// the list; admins approve (the referral counts, the conversion is paid or waits out its hold) or
// reject (void). What a decision does is the server's; the row shows what it answered.

// Derived from the contract rather than re-exported by it, so the contracts file stays as it is.
export type FlagView = DataOf<'admin', 'flaggedReferrals'>['flags'][number];
export type FlagDecision = DataOf<'admin', 'decideFlag'>;
export type FlagDecisionChoice = PayloadOf<'admin', 'decideFlag'>['decision'];

/** Refusals that mean the item is no longer what the row shows: decided or closed meanwhile. */
const RELOAD_AFTER: ReadonlySet<string> = new Set(['FLAG_ALREADY_DECIDED', 'NOT_FOUND']);

export type AdminFlagsSlice = LoadState<'adminFlags'> & {
  /** Open review items, oldest first, as the server listed them. */
  adminFlags: FlagView[];
  /** Items decided since the list was loaded: the row stays and shows the server's answer. */
  flagDecisions: Record<string, FlagDecision>;
  /** The item being decided, to disable the buttons meanwhile. */
  flagDeciding: string | null;
  flagDecideError: { id: string; error: CloudError } | null;

  loadFlaggedReferrals: () => Promise<void>;
  decideFlag: (id: string, decision: FlagDecisionChoice) => Promise<CloudResult<FlagDecision>>;
  resetAdminFlags: () => void;
};

const initialAdminFlagsState = {
  adminFlags: [],
  ...idleLoad('adminFlags'),
  flagDecisions: {},
  flagDeciding: null,
  flagDecideError: null,
} satisfies Partial<AdminFlagsSlice>;

export const createAdminFlagsSlice: StateCreator<AppState, [], [], AdminFlagsSlice> = (set, get) => {
  // Answers to a list request older than the newest one (or a reset) are dropped.
  // A reload keeps the rows on screen and the message of a refusal it follows up on; the server
  // lists open items only, so a decided one leaves the list with its decision.
  const flags = sectionLoader(set, get, 'adminFlags', {
    request: () => callFunction('admin', 'flaggedReferrals', {}),
    done: (data) => ({ adminFlags: data.flags, flagDecisions: {} }),
  });
  let epoch = 0;

  return {
    ...initialAdminFlagsState,

    loadFlaggedReferrals: flags.load,

    decideFlag: async (id, decision) => {
      const mine = epoch;
      set({ flagDeciding: id, flagDecideError: null });
      const result = await callFunction('admin', 'decideFlag', { id, decision });
      if (mine !== epoch) return result;
      if (result.ok) {
        set({ flagDeciding: null, flagDecisions: { ...get().flagDecisions, [id]: result.data } });
      } else {
        set({ flagDeciding: null, flagDecideError: { id, error: result.error } });
        // Decided by another admin (or closed by a refund) meanwhile: show the list as it is now.
        if (RELOAD_AFTER.has(result.error.code)) void get().loadFlaggedReferrals();
      }
      return result;
    },

    resetAdminFlags: () => {
      flags.invalidate();
      epoch += 1;
      set({ ...initialAdminFlagsState });
    },
  };
};
