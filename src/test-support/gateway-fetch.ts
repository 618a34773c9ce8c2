import Taro from '@tarojs/taro';
import { saveSession } from '@/services/session-token';

/**
 * The boundary the services' transport tests stand on: a mocked `fetch`, Taro.reLaunch spied (the
 * login redirect), clean storage, and — inside `onH5Gateway()` — h5 with the emulator's gateway and a
 * stored session. Call at the top of a test file; read the mocks through the returned getters.
 */
export function mockGatewayFetch(): { fetch: () => jest.Mock; reLaunch: () => jest.SpyInstance; onH5Gateway: () => void } {
  let fetchMock: jest.Mock;
  let reLaunch: jest.SpyInstance;
  beforeEach(() => {
    fetchMock = jest.fn();
    global.fetch = fetchMock;
    reLaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' });
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    Taro.clearStorageSync();
  });
  afterEach(() => {
    jest.restoreAllMocks();
    delete process.env.TARO_APP_GATEWAY_URL;
  });
  return {
    fetch: () => fetchMock,
    reLaunch: () => reLaunch,
    onH5Gateway: () =>
      beforeEach(() => {
        process.env.TARO_ENV = 'h5';
        process.env.TARO_APP_GATEWAY_URL = 'http://127.0.0.1:3900/';
        saveSession({ token: 'tok-1', openid: 'o-1' });
      }),
  };
}
