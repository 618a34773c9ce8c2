import Taro from '@tarojs/taro';

// h5 only: the emulator gateway's session. On weapp, WeChat itself identifies the caller.
const STORAGE_KEY = 'flywheel.session';

export interface GatewaySession {
  token: string;
  openid: string;
}

export function readSession(): GatewaySession | null {
  try {
    const stored: unknown = Taro.getStorageSync(STORAGE_KEY);
    if (stored && typeof stored === 'object' && typeof (stored as GatewaySession).token === 'string') {
      return stored as GatewaySession;
    }
  } catch {
    // Unreadable storage behaves like no session: the person picks an identity again.
  }
  return null;
}

export function saveSession(session: GatewaySession): void {
  Taro.setStorageSync(STORAGE_KEY, session);
}

export function clearSession(): void {
  try {
    Taro.removeStorageSync(STORAGE_KEY);
  } catch {
    // Nothing to clear.
  }
}
