import type { StateCreator } from 'zustand';
import { callFunction } from '@/services/cloud';
import type { CloudError, CloudResult } from '@/services/cloud-result';
import type { PayloadOf, SessionProfile } from '@/services/contracts';
import type { AppState } from './app-state';

// Who the current person is, as the member function says. The store only calls the service and
// remembers the answer: tiers, roles and joining rules are decided server-side.

export type SessionStatus = 'idle' | 'loading' | 'ready' | 'error';
export type ProfileChange = 'join' | 'updateProfile';

export interface SessionSlice {
  sessionStatus: SessionStatus;
  profile: SessionProfile | null;
  sessionError: CloudError | null;
  /** The profile change being sent, to disable its button meanwhile. */
  pendingChange: ProfileChange | null;
  /** Opens the session (member.open). Does nothing while a bootstrap is already running. */
  bootstrap: () => Promise<void>;
  join: (input: PayloadOf<'member', 'join'>) => Promise<CloudResult<{ profile: SessionProfile }>>;
  updateProfile: (
    input: PayloadOf<'member', 'updateProfile'>,
  ) => Promise<CloudResult<{ profile: SessionProfile }>>;
  /** Forgets the profile and the person's points, e.g. after switching identity on h5. */
  resetSession: () => void;
}

export const createSessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set, get) => {
  const changeProfile = async (
    change: ProfileChange,
    send: () => Promise<CloudResult<{ profile: SessionProfile }>>,
  ) => {
    set({ pendingChange: change });
    const result = await send();
    if (result.ok) set({ profile: result.data.profile, sessionStatus: 'ready', sessionError: null });
    set({ pendingChange: null });
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

    resetSession: () => {
      set({ sessionStatus: 'idle', profile: null, sessionError: null, pendingChange: null });
      // Points, rewards and coupons belong to the person too.
      get().resetPoints();
    },
  };
};

export const selectSessionStatus = (state: AppState) => state.sessionStatus;
export const selectProfile = (state: AppState) => state.profile;
export const selectSessionError = (state: AppState) => state.sessionError;
export const selectPendingChange = (state: AppState) => state.pendingChange;
/** Staff see the admin entry; the server still checks the role on every admin action. */
export const selectIsStaff = (state: AppState) => state.profile?.role === 'moderator' || state.profile?.role === 'admin';
