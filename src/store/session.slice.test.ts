import { callFunction } from '@/services/cloud';
import type { SessionProfile } from '@/services/contracts';
import { follower } from '@/test-support/member-fixtures';
import { deferred } from '@/test-support/replies';
import { createAppStore, selectIsStaff } from './index';

// The store's boundary is the service layer: the transport is replaced, the store is real.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;

const member: SessionProfile = { ...follower, tier: 'member', tierName: '未购会员', isMember: true, joinedAt: '2025-01-02T03:04:05.000Z' };

beforeEach(() => callFunctionMock.mockReset());

describe('session slice', () => {
  it('starts idle with no profile', () => {
    const store = createAppStore();
    expect(store.getState().sessionStatus).toBe('idle');
    expect(store.getState().profile).toBeNull();
  });

  it('bootstrap opens the session: loading, then ready with the profile', async () => {
    const pending = deferred();
    callFunctionMock.mockReturnValue(pending.promise);
    const store = createAppStore();

    const bootstrapping = store.getState().bootstrap();
    expect(store.getState().sessionStatus).toBe('loading');
    pending.resolve({ ok: true, data: { profile: follower } });
    await bootstrapping;

    expect(callFunctionMock).toHaveBeenCalledWith('member', 'open', {});
    expect(store.getState().sessionStatus).toBe('ready');
    expect(store.getState().profile).toEqual(follower);
  });

  it('bootstrap does not open the session twice at once', async () => {
    const pending = deferred();
    callFunctionMock.mockReturnValue(pending.promise);
    const store = createAppStore();

    const first = store.getState().bootstrap();
    await store.getState().bootstrap();
    pending.resolve({ ok: true, data: { profile: follower } });
    await first;

    expect(callFunctionMock).toHaveBeenCalledTimes(1);
  });

  it('a failed bootstrap keeps the error for the page and can be retried', async () => {
    callFunctionMock
      .mockResolvedValueOnce({ ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } })
      .mockResolvedValueOnce({ ok: true, data: { profile: follower } });
    const store = createAppStore();

    await store.getState().bootstrap();
    expect(store.getState().sessionStatus).toBe('error');
    expect(store.getState().sessionError).toEqual({ code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' });

    await store.getState().bootstrap();
    expect(store.getState().sessionStatus).toBe('ready');
    expect(store.getState().sessionError).toBeNull();
  });

  it('join sends the terms agreement and phone, marks the change pending, and stores the new profile', async () => {
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { profile: follower } });
    const store = createAppStore();
    await store.getState().bootstrap();
    const pending = deferred();
    callFunctionMock.mockReturnValueOnce(pending.promise);

    const joining = store.getState().join({ agreeTerms: true, phone: '13800000000' });
    expect(store.getState().pendingChange).toBe('join');
    pending.resolve({ ok: true, data: { profile: member } });
    const result = await joining;

    expect(callFunctionMock).toHaveBeenLastCalledWith('member', 'join', { agreeTerms: true, phone: '13800000000' });
    expect(result.ok).toBe(true);
    expect(store.getState().profile).toEqual(member);
    expect(store.getState().pendingChange).toBeNull();
  });

  it('a refused join leaves the profile as it was and returns the error to the page', async () => {
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { profile: follower } });
    const store = createAppStore();
    await store.getState().bootstrap();
    const refusal = { ok: false as const, error: { code: 'VALIDATION_FAILED', message: '手机号格式不正确' } };
    callFunctionMock.mockResolvedValueOnce(refusal);

    const result = await store.getState().join({ agreeTerms: true, phone: '123' });

    expect(result).toEqual(refusal);
    expect(store.getState().profile).toEqual(follower);
    expect(store.getState().sessionStatus).toBe('ready');
    expect(store.getState().pendingChange).toBeNull();
  });

  it('updateProfile stores the returned profile', async () => {
    const renamed = { ...member, nickname: '阿飞' };
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { profile: renamed } });
    const store = createAppStore();

    await store.getState().updateProfile({ nickname: '阿飞' });

    expect(callFunctionMock).toHaveBeenCalledWith('member', 'updateProfile', { nickname: '阿飞' });
    expect(store.getState().profile?.nickname).toBe('阿飞');
  });

  it('resetSession forgets the profile so the next page opens the session again', async () => {
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { profile: follower } });
    const store = createAppStore();
    await store.getState().bootstrap();

    store.getState().resetSession();

    expect(store.getState().sessionStatus).toBe('idle');
    expect(store.getState().profile).toBeNull();
  });

  it.each([
    ['customer', false],
    ['moderator', true],
    ['admin', true],
  ] as const)('selectIsStaff for a %s is %p', async (role, expected) => {
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { profile: { ...follower, role } } });
    const store = createAppStore();
    expect(selectIsStaff(store.getState())).toBe(false);

    await store.getState().bootstrap();

    expect(selectIsStaff(store.getState())).toBe(expected);
  });
});

describe('member centre in one call', () => {
  const centreData = {
    profile: member,
    points: { balance: 300, debt: 0, expiringSoon: { total: 0, days: 30, lots: [] } },
    ladder: {
      tier: 'member' as const,
      tierName: '未购会员',
      isMember: true,
      paidOrders: 0,
      friends: 0,
      reason: '已加入会员，近 180 天没有有效订单',
      progress: { nextTier: 'buyer' as const, nextTierName: '已购会员', text: '再下 1 单升级为已购会员' },
      grace: null,
      holdsUntil: null,
    },
    coupons: { available: 3 },
  };

  it('opens the session and fills the profile, the points summary, the ladder standing and the coupon count', async () => {
    const pending = deferred();
    callFunctionMock.mockReturnValue(pending.promise);
    const store = createAppStore();

    const loading = store.getState().loadMemberCentre();
    expect(store.getState().sessionStatus).toBe('loading');
    expect(store.getState().memberCentreStatus).toBe('loading');
    // A second caller meanwhile (e.g. a page mounting twice) gets the same request.
    void store.getState().loadMemberCentre();
    // Pages using useSession see a session being opened and do not send member.open.
    await store.getState().bootstrap();
    pending.resolve({ ok: true, data: centreData });
    await loading;

    expect(callFunctionMock.mock.calls).toEqual([['member', 'centre', {}]]);
    const state = store.getState();
    expect(state.sessionStatus).toBe('ready');
    expect(state.profile).toEqual(member);
    expect(state.pointsSummary).toEqual(centreData.points);
    expect(state.pointsSummaryStatus).toBe('ready');
    expect(state.myLadder).toEqual(centreData.ladder);
    expect(state.availableCoupons).toBe(3);
    expect(state.memberCentreStatus).toBe('ready');
  });

  it('a failure with no session yet is a session error; with a session it leaves the profile alone', async () => {
    const store = createAppStore();
    callFunctionMock.mockResolvedValueOnce({ ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常' } });
    await store.getState().loadMemberCentre();
    expect(store.getState().sessionStatus).toBe('error');
    expect(store.getState().memberCentreStatus).toBe('error');

    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { profile: member } });
    await store.getState().bootstrap();
    callFunctionMock.mockResolvedValueOnce({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
    await store.getState().loadMemberCentre();
    expect(store.getState().sessionStatus).toBe('ready');
    expect(store.getState().profile).toEqual(member);
    expect(store.getState().memberCentreError?.code).toBe('INTERNAL');
  });

  it('drops an answer that arrives after the session was reset (another identity)', async () => {
    const pending = deferred();
    callFunctionMock.mockReturnValueOnce(pending.promise);
    const store = createAppStore();

    const loading = store.getState().loadMemberCentre();
    store.getState().resetSession();
    pending.resolve({ ok: true, data: centreData });
    await loading;

    expect(store.getState().profile).toBeNull();
    expect(store.getState().myLadder).toBeNull();
    expect(store.getState().pointsSummary).toBeNull();
    expect(store.getState().memberCentreStatus).toBe('idle');
  });

  it('loadLadder keeps the explanation and refreshes the standing', async () => {
    const view = { periodDays: 180, graceDays: 30, steps: [], me: centreData.ladder };
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: view });
    const store = createAppStore();

    await store.getState().loadLadder();

    expect(callFunctionMock).toHaveBeenCalledWith('member', 'ladder', {});
    expect(store.getState().ladderStatus).toBe('ready');
    expect(store.getState().ladderView).toEqual(view);
    expect(store.getState().myLadder).toEqual(centreData.ladder);
  });
});
