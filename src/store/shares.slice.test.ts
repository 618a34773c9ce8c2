import { callFunction } from '@/services/cloud';
import { shareResult } from '@/test-support/invite-fixtures';
import { createAppStore } from './index';

jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callMock = callFunction as jest.MockedFunction<typeof callFunction>;

beforeEach(() => callMock.mockReset());

describe('shares slice', () => {
  it('makes a card once: two taps at once share one request, later ones reuse the answer', async () => {
    let answer: (value: unknown) => void = () => undefined;
    callMock.mockImplementation(() => new Promise((resolve) => (answer = resolve)) as never);
    const store = createAppStore();

    const first = store.getState().shareCard({ targetType: 'invite', channel: 'chat' });
    const second = store.getState().shareCard({ targetType: 'invite', channel: 'chat' });
    answer({ ok: true, data: shareResult() });
    expect(await first).toEqual({ ok: true, data: shareResult() });
    expect(await second).toEqual({ ok: true, data: shareResult() });
    expect(await store.getState().shareCard({ targetType: 'invite', channel: 'chat' })).toEqual({ ok: true, data: shareResult() });
    expect(callMock).toHaveBeenCalledTimes(1);

    // Another channel is another card.
    callMock.mockResolvedValue({ ok: true, data: shareResult({ code: 'TiMeLiNe1234' }) });
    await store.getState().shareCard({ targetType: 'invite', channel: 'timeline' });
    expect(callMock.mock.calls.map(([, , payload]) => payload)).toEqual([
      { targetType: 'invite', channel: 'chat' },
      { targetType: 'invite', channel: 'timeline' },
    ]);
  });

  it('remembers why a card was refused (to offer joining), and asks again next time', async () => {
    callMock.mockResolvedValueOnce({ ok: false, error: { code: 'NOT_A_MEMBER', message: '加入会员后才能分享' } });
    const store = createAppStore();
    await store.getState().shareCard({ targetType: 'product', targetId: 'p-beans', channel: 'chat' });
    expect(store.getState().shareError?.code).toBe('NOT_A_MEMBER');

    callMock.mockResolvedValueOnce({ ok: true, data: shareResult() });
    expect((await store.getState().shareCard({ targetType: 'product', targetId: 'p-beans', channel: 'chat' })).ok).toBe(true);
    expect(store.getState().shareError).toBeNull();
    expect(callMock).toHaveBeenCalledTimes(2);
  });

  it('forgets cards and visits with the identity; a late answer for the previous one is dropped', async () => {
    let answer: (value: unknown) => void = () => undefined;
    callMock.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)) as never);
    const store = createAppStore();
    const pending = store.getState().shareCard({ targetType: 'invite', channel: 'chat' });
    store.getState().resetSession();
    answer({ ok: true, data: shareResult() });
    await pending;
    expect(store.getState().shareCards).toEqual({});

    callMock.mockResolvedValue({ ok: true, data: shareResult({ code: 'NeWoNe123456' }) });
    const mine = await store.getState().shareCard({ targetType: 'invite', channel: 'chat' });
    expect(mine.ok && mine.data.code).toBe('NeWoNe123456');
  });
});
