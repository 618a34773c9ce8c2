import Taro from '@tarojs/taro';
import { mockGatewayFetch } from '@/test-support/gateway-fetch';
import { follower } from '@/test-support/member-fixtures';
import { callFunction, initCloud } from './cloud';
import { readSession } from './session-token';

// The transport is tested at its boundary only: fetch (h5) and Taro.cloud.callFunction (weapp).

type FakeReply = { status: number; body?: unknown; notJson?: boolean };

function reply({ status, body, notJson }: FakeReply) {
  return {
    ok: status >= 200 && status < 300,
    status,
    json: async () => {
      if (notJson) throw new SyntaxError('Unexpected token <');
      return body;
    },
  } as unknown as Response;
}

const profile = follower;

const gateway = mockGatewayFetch();

describe('callFunction on h5 (emulator gateway)', () => {
  gateway.onH5Gateway();

  it('posts the function name and { action, ...payload } with the session token', async () => {
    gateway.fetch().mockResolvedValue(reply({ status: 200, body: { result: { ok: true, data: { profile } }, errMsg: 'callFunction:ok', requestID: 'r1' } }));

    await callFunction('member', 'join', { agreeTerms: true, phone: '13800000000' });

    expect(gateway.fetch()).toHaveBeenCalledTimes(1);
    const [url, init] = gateway.fetch().mock.calls[0];
    expect(url).toBe('http://127.0.0.1:3900/gateway/call');
    expect(init.method).toBe('POST');
    expect(init.headers.Authorization).toBe('Bearer tok-1');
    expect(JSON.parse(init.body)).toEqual({
      name: 'member',
      data: { action: 'join', agreeTerms: true, phone: '13800000000' },
    });
  });

  it('calls the same origin when no gateway URL was built in', async () => {
    delete process.env.TARO_APP_GATEWAY_URL;
    gateway.fetch().mockResolvedValue(reply({ status: 200, body: { result: { ok: true, data: { profile } } } }));

    await callFunction('member', 'open', {});

    expect(gateway.fetch().mock.calls[0][0]).toBe('/gateway/call');
  });

  it("passes the function's success envelope through", async () => {
    gateway.fetch().mockResolvedValue(reply({ status: 200, body: { result: { ok: true, data: { profile } } } }));

    await expect(callFunction('member', 'open', {})).resolves.toEqual({ ok: true, data: { profile } });
  });

  it("passes the function's failure envelope through unchanged", async () => {
    const failure = { ok: false, error: { code: 'VALIDATION_FAILED', message: '手机号格式不正确' } };
    gateway.fetch().mockResolvedValue(reply({ status: 200, body: { result: failure } }));

    await expect(callFunction('member', 'join', { agreeTerms: true, phone: '1' })).resolves.toEqual(failure);
  });

  it.each([
    ['a bare value', 'hello'],
    ['no result field', undefined],
    ['ok without data', { ok: true }],
    ['an error without a code', { ok: false, error: { message: 'x' } }],
  ])('turns a result that is not an envelope (%s) into INTERNAL', async (_label, result) => {
    gateway.fetch().mockResolvedValue(reply({ status: 200, body: { result } }));

    const outcome = await callFunction('member', 'open', {});

    expect(outcome).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } });
  });

  it('maps an unreachable gateway to NETWORK_ERROR', async () => {
    gateway.fetch().mockRejectedValue(new TypeError('Failed to fetch'));

    await expect(callFunction('member', 'open', {})).resolves.toEqual({
      ok: false,
      error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' },
    });
  });

  it('maps a non-JSON answer (e.g. a proxy error page) to NETWORK_ERROR', async () => {
    gateway.fetch().mockResolvedValue(reply({ status: 502, notJson: true }));

    const outcome = await callFunction('member', 'open', {});

    expect(outcome.ok === false && outcome.error.code).toBe('NETWORK_ERROR');
  });

  it('maps a function that threw (-504002) or is missing (-501000) to INTERNAL', async () => {
    gateway
      .fetch()
      .mockResolvedValueOnce(reply({ status: 500, body: { errCode: -504002, errMsg: 'callFunction:fail -504002 boom' } }))
      .mockResolvedValueOnce(reply({ status: 404, body: { errCode: -501000, errMsg: 'callFunction:fail -501000 nope' } }));

    const threw = await callFunction('member', 'open', {});
    const missing = await callFunction('member', 'open', {});

    expect(threw.ok === false && threw.error.code).toBe('INTERNAL');
    expect(missing.ok === false && missing.error.code).toBe('INTERNAL');
  });

  it('maps other gateway refusals to NETWORK_ERROR', async () => {
    gateway.fetch().mockResolvedValue(reply({ status: 400, body: { errCode: -1, errMsg: 'callFunction:fail data must be an object' } }));

    const outcome = await callFunction('member', 'open', {});

    expect(outcome.ok === false && outcome.error.code).toBe('NETWORK_ERROR');
  });

  it('on 401 forgets the session and sends the person to the login page', async () => {
    gateway.fetch().mockResolvedValue(reply({ status: 401, body: { errCode: -401001, errMsg: 'session expired' } }));

    const outcome = await callFunction('member', 'open', {});

    expect(outcome.ok === false && outcome.error.code).toBe('UNAUTHENTICATED');
    expect(readSession()).toBeNull();
    expect(gateway.reLaunch()).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });

  it('without a session does not call the gateway and sends the person to the login page', async () => {
    Taro.clearStorageSync();

    const outcome = await callFunction('member', 'open', {});

    expect(gateway.fetch()).not.toHaveBeenCalled();
    expect(outcome.ok === false && outcome.error.code).toBe('UNAUTHENTICATED');
    expect(gateway.reLaunch()).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });

  it('uses an explicit session token without touching the stored session, even on 401', async () => {
    gateway.fetch().mockResolvedValue(reply({ status: 401, body: { errCode: -401001, errMsg: 'expired' } }));

    await callFunction('member', 'listPersonas', {}, { sessionToken: 'throwaway' });

    expect(gateway.fetch().mock.calls[0][1].headers.Authorization).toBe('Bearer throwaway');
    expect(readSession()).toEqual({ token: 'tok-1', openid: 'o-1' });
    expect(gateway.reLaunch()).not.toHaveBeenCalled();
  });
});

describe('callFunction on weapp (Taro.cloud)', () => {
  let cloudCall: jest.Mock;
  const taroWithCloud = Taro as unknown as { cloud?: unknown };

  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
    cloudCall = jest.fn();
    // Taro.cloud only exists inside WeChat; this is the boundary the weapp transport talks to.
    taroWithCloud.cloud = { callFunction: cloudCall, init: jest.fn() };
  });

  afterEach(() => {
    delete taroWithCloud.cloud;
  });

  it('calls Taro.cloud.callFunction with { action, ...payload } and passes the envelope through', async () => {
    cloudCall.mockResolvedValue({ result: { ok: true, data: { profile } }, errMsg: 'cloud.callFunction:ok', requestID: 'r' });

    const outcome = await callFunction('member', 'updateProfile', { nickname: '阿飞' });

    expect(cloudCall).toHaveBeenCalledWith({ name: 'member', data: { action: 'updateProfile', nickname: '阿飞' } });
    expect(outcome).toEqual({ ok: true, data: { profile } });
    expect(gateway.fetch()).not.toHaveBeenCalled();
  });

  it('maps a thrown function failure to INTERNAL and anything else thrown to NETWORK_ERROR', async () => {
    cloudCall
      .mockRejectedValueOnce({ errCode: -504002, errMsg: 'cloud.callFunction:fail -504002 functions execute fail' })
      .mockRejectedValueOnce({ errCode: -1, errMsg: 'cloud.callFunction:fail request:fail timeout' });

    const threw = await callFunction('member', 'open', {});
    const timedOut = await callFunction('member', 'open', {});

    expect(threw.ok === false && threw.error.code).toBe('INTERNAL');
    expect(timedOut).toEqual({ ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } });
  });

  it('initCloud uses the configured environment and traces users', () => {
    process.env.TARO_APP_CLOUD_ENV = 'flywheel-prod-1a2b';
    const init = (taroWithCloud.cloud as { init: jest.Mock }).init;

    initCloud();

    expect(init).toHaveBeenCalledWith({ env: 'flywheel-prod-1a2b', traceUser: true });
    delete process.env.TARO_APP_CLOUD_ENV;
  });

  it('initCloud leaves the environment to DevTools when none is configured, and survives a failing init', () => {
    const init = (taroWithCloud.cloud as { init: jest.Mock }).init;
    init.mockImplementation(() => {
      throw new Error('cloud not enabled');
    });
    jest.spyOn(console, 'error').mockImplementation(() => undefined);

    expect(() => initCloud()).not.toThrow();
    expect(init).toHaveBeenCalledWith({ traceUser: true });
  });
});
