import type { StateCreator } from 'zustand';
import { callFunction } from '@/services/cloud';
import { isOutcomeUnknown, type CloudError, type CloudResult } from '@/services/cloud-result';
import type { DataOf, PayloadOf } from '@/services/contracts';
import type { AppState } from './app-state';

// Shared cards, from both ends: the cards this person made (referral.share) and the cards they
// opened (referral.visit). The server records, attributes and rewards; this slice only makes
// sure a card is asked for once and an opened code is reported once per app run. It lives in
// the main package because the product page (main) shares and lands like the invite pages.

export type ShareInput = PayloadOf<'referral', 'share'>;
/** A card: its code, the `path` a chat or timeline card opens, a poster's `page` and `scene`. */
export type ShareResult = DataOf<'referral', 'share'>;
export type VisitResult = DataOf<'referral', 'visit'>;

/**
 * A code the person opened: 'recorded' once the server answered (own cards and repeats included),
 * 'gone' when it refused (unknown code), 'error' when it could not be asked (sent again next time).
 */
export type VisitStatus = 'loading' | 'recorded' | 'gone' | 'error';

export interface VisitEntry {
  status: VisitStatus;
  /** Where the card points (a poster's bare `scene` says nothing else). */
  share: VisitResult['share'] | null;
}

export interface SharesSlice {
  /** Codes opened in this app run. */
  shareVisits: Record<string, VisitEntry>;
  /** Cards made in this app run, by target and channel (the server reuses them anyway). */
  shareCards: Record<string, ShareResult>;
  /** Why the last card could not be made (NOT_A_MEMBER: offer to join), or null. */
  shareError: CloudError | null;
  /** Reports an opened card once (again only after a failure without an answer). Never throws. */
  visitShare: (code: string) => Promise<void>;
  /** The card for a target and channel: remembered, and one request at a time per card. */
  shareCard: (input: ShareInput) => Promise<CloudResult<ShareResult>>;
  /** Forgets both sides, e.g. after a switch of identity (another person, other cards). */
  resetShares: () => void;
}

export const shareCardKey = (input: ShareInput) => `${input.targetType}:${input.targetId ?? ''}:${input.channel}`;

export const createSharesSlice: StateCreator<AppState, [], [], SharesSlice> = (set, get) => {
  // Answers to requests sent before a reset (another identity) are dropped.
  let epoch = 0;
  const making = new Map<string, Promise<CloudResult<ShareResult>>>();

  const setVisit = (code: string, entry: VisitEntry) => set({ shareVisits: { ...get().shareVisits, [code]: entry } });

  return {
    shareVisits: {},
    shareCards: {},
    shareError: null,

    visitShare: async (code) => {
      const known = get().shareVisits[code];
      if (known && known.status !== 'error') return;
      const mine = epoch;
      setVisit(code, { status: 'loading', share: null });
      const result = await callFunction('referral', 'visit', { code });
      if (mine !== epoch) return;
      if (result.ok) setVisit(code, { status: 'recorded', share: result.data.share });
      // SHARE_NOT_FOUND (or a malformed code) is the card's problem, not the page's: stay quiet.
      else setVisit(code, { status: isOutcomeUnknown(result.error) ? 'error' : 'gone', share: null });
    },

    shareCard: (input) => {
      const key = shareCardKey(input);
      const made = get().shareCards[key];
      if (made) return Promise.resolve({ ok: true as const, data: made });
      const pending = making.get(key);
      if (pending) return pending;
      const mine = epoch;
      const request = callFunction('referral', 'share', input)
        .then((result) => {
          if (mine !== epoch) return result;
          if (result.ok) set({ shareCards: { ...get().shareCards, [key]: result.data }, shareError: null });
          else set({ shareError: result.error });
          return result;
        })
        .finally(() => {
          if (making.get(key) === request) making.delete(key);
        });
      making.set(key, request);
      return request;
    },

    resetShares: () => {
      epoch += 1;
      making.clear();
      set({ shareVisits: {}, shareCards: {}, shareError: null });
    },
  };
};

const NO_VISIT: VisitEntry | null = null;

export const selectShareVisit =
  (code: string) =>
  (state: AppState): VisitEntry | null =>
    code ? (state.shareVisits[code] ?? NO_VISIT) : NO_VISIT;
