import type { StateCreator } from 'zustand';
import type { CloudError, CloudResult } from '@/services/cloud-result';
import type { DemoPersona } from '@/services/contracts';
import { endSession, listDemoPersonas, startSession } from '@/services/demo-login';
import { redirectToLogin } from '@/services/login-redirect';
import type { GatewaySession } from '@/services/session-token';
import type { AppState } from './app-state';

// h5 only: the identity picker of the local emulator (选择体验身份).

export type PersonasStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface LoginSlice {
  personasStatus: PersonasStatus;
  personas: DemoPersona[];
  personasError: CloudError | null;
  /** openid being signed in as, '' for a brand-new customer, null when idle. */
  signingInAs: string | null;
  loadPersonas: () => Promise<void>;
  /** Becomes the persona with this openid, or a brand-new customer without one. */
  signIn: (openid?: string) => Promise<CloudResult<GatewaySession>>;
  /** Drops the session and everything loaded for it, and goes back to the identity picker. */
  switchIdentity: () => void;
}

export const createLoginSlice: StateCreator<AppState, [], [], LoginSlice> = (set, get) => ({
  personasStatus: 'idle',
  personas: [],
  personasError: null,
  signingInAs: null,

  loadPersonas: async () => {
    if (get().personasStatus === 'loading') return;
    set({ personasStatus: 'loading', personasError: null });
    const result = await listDemoPersonas();
    if (result.ok) set({ personasStatus: 'ready', personas: result.data.personas });
    else set({ personasStatus: 'error', personasError: result.error });
  },

  signIn: async (openid) => {
    if (get().signingInAs !== null) return { ok: false, error: { code: 'BUSY', message: '正在登录，请稍候' } };
    set({ signingInAs: openid ?? '' });
    const result = await startSession(openid);
    // A new identity: whatever profile was loaded belongs to the previous one.
    if (result.ok) get().resetSession();
    set({ signingInAs: null });
    return result;
  },

  switchIdentity: () => {
    endSession();
    get().resetSession();
    redirectToLogin();
  },
});
