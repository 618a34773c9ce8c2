import { act, render, screen } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import { Text } from '@tarojs/components';
import { callFunction } from '@/services/cloud';
import type { CloudResult } from '@/services/cloud-result';
import { useAppStore } from '@/store';
import { follower, repeatBuyer } from '@/test-support/member-fixtures';
import { visitResult } from '@/test-support/invite-fixtures';
import { useShareVisit } from './use-share-visit';

// The landing hook with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;

const calls = () => callFunctionMock.mock.calls.map(([name, action, payload]) => [`${name}.${action}`, payload]);
const visits = () => calls().filter(([what]) => what === 'referral.visit');

function Probe() {
  const { code, visit } = useShareVisit();
  return (
    <Text data-testid="probe" data-code={code} data-status={visit?.status ?? 'none'} data-target={visit?.share?.targetId ?? ''}>
      {code}
    </Text>
  );
}

const openWith = (params: Record<string, string>) => {
  (Current as { router: unknown }).router = { params, path: '/packages/invite/index' };
  return render(<Probe />);
};

const status = () => screen.getByTestId('probe').getAttribute('data-status');
const flush = () => act(async () => undefined);

/** member.open answers with `profile`; referral.visit with `visit` (or its refusal). */
const serve = (visit: CloudResult<unknown>, profile = follower) =>
  callFunctionMock.mockImplementation(async (name, action) => {
    if (name === 'member' && action === 'open') return { ok: true, data: { profile } };
    if (name === 'referral' && action === 'visit') return visit as never;
    throw new Error(`unexpected ${name}.${action}`);
  });

beforeEach(() => {
  callFunctionMock.mockReset();
  useAppStore.getState().resetSession();
});

afterEach(() => {
  (Current as { router: unknown }).router = null;
});

describe('useShareVisit', () => {
  it('opens the session first (a newcomer from a cold start), then reports the card once', async () => {
    let openSession: (value: CloudResult<unknown>) => void = () => undefined;
    callFunctionMock.mockImplementation((name, action) => {
      if (name === 'member' && action === 'open') return new Promise((resolve) => (openSession = resolve as never));
      return Promise.resolve({ ok: true, data: visitResult() }) as never;
    });
    openWith({ s: 'AbCdEf123456' });
    await flush();

    // Nothing is reported before member.open answered: the visitor must exist first.
    expect(calls().map(([what]) => what)).toEqual(['member.open']);
    expect(status()).toBe('none');

    await act(async () => openSession({ ok: true, data: { profile: follower } }));
    expect(calls()).toEqual([
      ['member.open', {}],
      ['referral.visit', { code: 'AbCdEf123456' }],
    ]);
    expect(status()).toBe('recorded');
    // An invite card's target is its sharer: the answer names no one.
    expect(screen.getByTestId('probe').getAttribute('data-target')).toBe('');
  });

  it('reports a code once per app run, however often pages with it mount', async () => {
    serve({ ok: true, data: visitResult() }, repeatBuyer);
    const first = openWith({ s: 'AbCdEf123456' });
    await flush();
    first.unmount();
    openWith({ s: 'AbCdEf123456' });
    await flush();
    openWith({ id: 'p-beans', s: 'AbCdEf123456' });
    await flush();

    expect(visits()).toEqual([['referral.visit', { code: 'AbCdEf123456' }]]);
    expect(calls().filter(([what]) => what === 'member.open')).toHaveLength(1);

    // Another card is another visit.
    openWith({ s: 'ZyXwVu987654' });
    await flush();
    expect(visits().map(([, payload]) => payload)).toEqual([{ code: 'AbCdEf123456' }, { code: 'ZyXwVu987654' }]);
  });

  it('reads a poster’s scene, URI-decoded, when there is no s', async () => {
    serve({ ok: true, data: visitResult({ targetType: 'product', targetId: 'p-beans' }) });
    openWith({ scene: 'Ab%3DCd%2B12' });
    await flush();
    expect(visits()).toEqual([['referral.visit', { code: 'Ab=Cd+12' }]]);
    expect(screen.getByTestId('probe').getAttribute('data-target')).toBe('p-beans');
  });

  it('prefers the card’s s over a scene', async () => {
    serve({ ok: true, data: visitResult() });
    openWith({ s: 'FromTheCard1', scene: 'FromPoster12' });
    await flush();
    expect(visits()).toEqual([['referral.visit', { code: 'FromTheCard1' }]]);
  });

  it('ignores an unknown code quietly and does not ask again', async () => {
    serve({ ok: false, error: { code: 'SHARE_NOT_FOUND', message: '分享已失效或不存在' } });
    const first = openWith({ s: 'GoneGoneGone' });
    await flush();
    expect(status()).toBe('gone');
    expect(screen.queryByText(/分享已失效/)).toBeNull();
    first.unmount();

    openWith({ s: 'GoneGoneGone' });
    await flush();
    expect(visits()).toHaveLength(1);
  });

  it('asks again on the next open after a failure without an answer', async () => {
    serve({ ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } });
    const first = openWith({ s: 'AbCdEf123456' });
    await flush();
    expect(status()).toBe('error');
    first.unmount();

    serve({ ok: true, data: visitResult() });
    openWith({ s: 'AbCdEf123456' });
    await flush();
    expect(visits()).toHaveLength(2);
    expect(status()).toBe('recorded');
  });

  it('does nothing at all on a page opened without a code', async () => {
    serve({ ok: true, data: visitResult() });
    openWith({ id: 'p-beans' });
    await flush();
    expect(callFunctionMock).not.toHaveBeenCalled();
    expect(screen.getByTestId('probe').getAttribute('data-code')).toBe('');
  });

  it('a new identity (h5 switch) reports the card again: it is another visitor', async () => {
    serve({ ok: true, data: visitResult() });
    const first = openWith({ s: 'AbCdEf123456' });
    await flush();
    first.unmount();
    act(() => useAppStore.getState().resetSession());
    openWith({ s: 'AbCdEf123456' });
    await flush();
    expect(visits()).toHaveLength(2);
  });
});
