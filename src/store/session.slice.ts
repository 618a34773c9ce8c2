import type { StateCreator } from 'zustand';
import { callFunction } from '@/services/cloud';
import type { CloudError, CloudResult } from '@/services/cloud-result';
import type { LadderView, MyLadderView, PayloadOf, SessionProfile } from '@/services/contracts';
import type { AppState } from './app-state';
import { idleLoad, sectionLoader, type LoadState, type LoadStatus } from './kit/load-state';

// Who the current person is, as the member function says. The store only calls the service and
// remembers the answer: tiers, roles and joining rules are decided server-side.

export type SessionStatus = LoadStatus;
export type ProfileChange = 'join' | 'updateProfile';

export type SessionSlice = LoadState<'memberCentre'> &
  LoadState<'ladder'> & {
    sessionStatus: SessionStatus;
    profile: SessionProfile | null;
    sessionError: CloudError | null;
    /** The profile change being sent, to disable its button meanwhile. */
    pendingChange: ProfileChange | null;
    /** Opens the session (member.open). Does nothing while a bootstrap is already running. */
    bootstrap: () => Promise<void>;
    join: (input: PayloadOf<'member', 'join'>) => Promise<CloudResult<{ profile: SessionProfile }>>;
    updateProfile: (input: PayloadOf<'member', 'updateProfile'>) => Promise<CloudResult<{ profile: SessionProfile }>>;
    /** Where the person stands on the ladder (progress, grace), as the member centre last said. */
    myLadder: MyLadderView | null;
    /** Coupons ready to use, as the member centre last said. */
    availableCoupons: number | null;
    /**
     * The member centre in ONE call (member.centre): fills the profile (opening the session when it
     * was not), the points summary, the ladder standing and the coupon count. A call while one is
     * out returns that one; data already shown stays on screen while it reloads.
     */
    loadMemberCentre: () => Promise<void>;
    /** The ladder explanation page (member.ladder). */
    ladderView: LadderView | null;
    loadLadder: () => Promise<void>;
    /** Forgets the profile and the person's points, e.g. after switching identity on h5. */
    resetSession: () => void;
    /** A subpackage's slices that belong to the person: `forget` runs with every resetSession (store/kit/extend-store.ts). */
    forgetWithSession: (forget: () => void) => void;
  };

const initialMemberState = () =>
  ({
    myLadder: null,
    availableCoupons: null,
    ...idleLoad('memberCentre'),
    ...idleLoad('ladder'),
    ladderView: null,
  }) satisfies Partial<SessionSlice>;

export const createSessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set, get) => {
  // Answers to requests sent before a reset (another identity) or a newer reload are dropped.
  const generation = { centre: 0 };
  const ladder = sectionLoader(set, get, 'ladder', {
    request: () => callFunction('member', 'ladder', {}),
    done: (data) => ({ ladderView: data, myLadder: data.me }),
  });
  let centreInFlight: Promise<void> | null = null;
  const forgetters: Array<() => void> = [];

  const changeProfile = async (change: ProfileChange, send: () => Promise<CloudResult<{ profile: SessionProfile }>>) => {
    set({ pendingChange: change });
    const result = await send();
    if (result.ok) set({ profile: result.data.profile, sessionStatus: 'ready', sessionError: null });
    set({ pendingChange: null });
    // Joining moves the person up the ladder: what the member centre shows about it is stale.
    if (result.ok && change === 'join' && get().memberCentreStatus !== 'idle') void get().loadMemberCentre();
    // ...and the prices it shows: a member pays the member price.
    if (result.ok && change === 'join' && get().catalogStatus !== 'idle') void get().loadCatalog();
    return result;
  };

  return {
    sessionStatus: 'idle',
    profile: null,
    sessionError: null,
    pendingChange: null,

    bootstrap: async () => {
      if (get().sessionStatus === 'loading') return;
      set({ sessionStatus: 'loading', sessionError: null });
      const result = await callFunction('member', 'open', {});
      if (result.ok) set({ sessionStatus: 'ready', profile: result.data.profile });
      else set({ sessionStatus: 'error', sessionError: result.error });
    },

    join: (input) => changeProfile('join', () => callFunction('member', 'join', input)),
    updateProfile: (input) => changeProfile('updateProfile', () => callFunction('member', 'updateProfile', input)),

    ...initialMemberState(),

    loadMemberCentre: () => {
      if (centreInFlight) return centreInFlight;
      const mine = ++generation.centre;
      // Only when no profile is shown: the centre then opens the session, so no page also sends member.open.
      const opensSession = get().sessionStatus !== 'ready';
      set({
        memberCentreStatus: get().memberCentreStatus === 'ready' ? 'ready' : 'loading',
        memberCentreError: null,
        ...(opensSession ? { sessionStatus: 'loading' as const, sessionError: null } : {}),
      });
      const loading = (async () => {
        const result = await callFunction('member', 'centre', {});
        if (mine !== generation.centre) return;
        if (result.ok) {
          const { profile, points, ladder, coupons } = result.data;
          set({
            profile,
            sessionStatus: 'ready',
            sessionError: null,
            pointsSummary: points,
            pointsSummaryStatus: 'ready',
            pointsSummaryError: null,
            myLadder: ladder,
            availableCoupons: coupons.available,
            memberCentreStatus: 'ready',
          });
        } else {
          set({
            memberCentreStatus: 'error',
            memberCentreError: result.error,
            ...(opensSession && get().sessionStatus === 'loading' ? { sessionStatus: 'error' as const, sessionError: result.error } : {}),
          });
        }
      })().finally(() => {
        if (mine === generation.centre) centreInFlight = null;
      });
      centreInFlight = loading;
      return loading;
    },

    loadLadder: ladder.load,

    resetSession: () => {
      generation.centre += 1;
      ladder.invalidate();
      centreInFlight = null;
      set({ sessionStatus: 'idle', profile: null, sessionError: null, pendingChange: null, ...initialMemberState() });
      // Points, rewards and coupons belong to the person too.
      get().resetPoints();
      // So do the prices they see (priced at their tier), and the cart they filled.
      get().resetCatalog();
      get().resetCart();
      // Cards made and opened were that person's: another one opening the same card is a new visit.
      get().resetShares();
      // And whatever the subpackages loaded for them.
      for (const forget of forgetters) forget();
    },

    forgetWithSession: (forget) => {
      forgetters.push(forget);
    },
  };
};

/** Staff see the admin entry; the server still checks the role on every admin action. */
export const selectIsStaff = (state: AppState) => state.profile?.role === 'moderator' || state.profile?.role === 'admin';
/**
 * Admins change what moderators may only read (roles, the audit log, every tool's edits). Pages use
 * it only to hide what would be refused: the server checks the role again on every call.
 */
export const selectIsAdmin = (state: Pick<AppState, 'profile'>) => state.profile?.role === 'admin';
