import { confirmEmulatorPayment } from './emulator-pay';

// The emulator's simulated WeChat Pay: h5 only, tested at its boundary (fetch).

const env = { ...process.env };
let fetchMock: jest.Mock;

const reply = (status: number, body: unknown) => ({ ok: status >= 200 && status < 300, status, json: async () => body }) as unknown as Response;

beforeEach(() => {
  fetchMock = jest.fn();
  global.fetch = fetchMock;
});

afterEach(() => {
  process.env = { ...env };
});

describe('confirmEmulatorPayment', () => {
  it('on h5, confirms the payment on the emulator’s control API at the gateway origin', async () => {
    process.env.TARO_ENV = 'h5';
    process.env.TARO_APP_GATEWAY_URL = 'http://127.0.0.1:3900';
    fetchMock.mockResolvedValue(reply(200, { payment: { status: 'SUCCESS' }, delivery: { ok: true } }));

    expect(await confirmEmulatorPayment('ord 1')).toEqual({ ok: true, data: { confirmed: true } });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('http://127.0.0.1:3900/control/payments/ord%201/confirm');
    expect(init.method).toBe('POST');
    // No session: the control API is the emulator's own, not a function call.
    expect(init.headers.Authorization).toBeUndefined();
  });

  it('says the payment cannot be confirmed when the emulator does not know it or it is closed', async () => {
    process.env.TARO_ENV = 'h5';
    fetchMock.mockResolvedValue(reply(404, { error: 'no such payment' }));
    const result = await confirmEmulatorPayment('ord_1');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('ORDER_NOT_PAYABLE');

    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const offline = await confirmEmulatorPayment('ord_1');
    expect(!offline.ok && offline.error.code).toBe('NETWORK_ERROR');
  });

  it('does nothing at all on weapp: WeChat takes the money there', async () => {
    process.env.TARO_ENV = 'weapp';
    const result = await confirmEmulatorPayment('ord_1');
    expect(result.ok).toBe(false);
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
