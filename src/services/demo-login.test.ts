import Taro from '@tarojs/taro';
import { listDemoPersonas, startSession } from './demo-login';
import { readSession } from './session-token';

// The emulator's dev login, tested at the fetch boundary.

const json = (status: number, body: unknown) => ({ ok: status >= 200 && status < 300, status, json: async () => body }) as unknown as Response;

let fetchMock: jest.Mock;

beforeEach(() => {
  process.env.TARO_ENV = 'h5';
  fetchMock = jest.fn();
  global.fetch = fetchMock;
  Taro.clearStorageSync();
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => jest.restoreAllMocks());

describe('startSession', () => {
  it("logs in as a persona's openid and remembers the session", async () => {
    fetchMock.mockResolvedValue(json(200, { token: 't-koc', openid: 'o-koc' }));

    const result = await startSession('o-koc');

    expect(JSON.parse(fetchMock.mock.calls[0][1].body)).toEqual({ openid: 'o-koc' });
    expect(fetchMock.mock.calls[0][0]).toBe('/gateway/login');
    expect(result).toEqual({ ok: true, data: { token: 't-koc', openid: 'o-koc' } });
    expect(readSession()).toEqual({ token: 't-koc', openid: 'o-koc' });
  });

  it('without an openid asks for a brand-new customer', async () => {
    fetchMock.mockResolvedValue(json(200, { token: 't-new', openid: 'oRandom' }));

    await startSession();

    expect(JSON.parse(fetchMock.mock.calls[0][1].body)).toEqual({});
    expect(readSession()?.openid).toBe('oRandom');
  });

  it('keeps no session when the gateway is unreachable or answers nonsense', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValueOnce(json(200, { token: 42 }));

    const unreachable = await startSession('o-1');
    const nonsense = await startSession('o-1');

    expect(unreachable).toEqual({ ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } });
    expect(nonsense.ok).toBe(false);
    expect(readSession()).toBeNull();
  });
});

describe('listDemoPersonas', () => {
  const personas = [{ key: 'koc', openid: 'o-koc', label: '品牌KOC', description: '复购且带来过好友购买' }];

  it('lists personas through a throwaway session that is never stored', async () => {
    fetchMock
      .mockResolvedValueOnce(json(200, { token: 't-throwaway', openid: 'oAnon' }))
      .mockResolvedValueOnce(json(200, { result: { ok: true, data: { personas } } }));

    const result = await listDemoPersonas();

    expect(result).toEqual({ ok: true, data: { personas } });
    const [url, init] = fetchMock.mock.calls[1];
    expect(url).toBe('/gateway/call');
    expect(init.headers.Authorization).toBe('Bearer t-throwaway');
    expect(JSON.parse(init.body)).toEqual({ name: 'member', data: { action: 'listPersonas' } });
    expect(readSession()).toBeNull();
  });

  it('reports a failed throwaway login without calling the function', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));

    const result = await listDemoPersonas();

    expect(result.ok === false && result.error.code).toBe('NETWORK_ERROR');
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
