import { callFunction } from '@/services/cloud';
import { contentPerk, influenceView, perkView, posterResult } from '@/test-support/invite-fixtures';
import { follower, repeatBuyer } from '@/test-support/member-fixtures';
import { createAppStore } from '../../store/index';
import { posterKey, selectPoster, withInvite } from './store';

jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callMock = callFunction as jest.MockedFunction<typeof callFunction>;

beforeEach(() => callMock.mockReset());

describe('invite slice', () => {
  it('replaces the claimed perk with the server’s unlocked one', async () => {
    const store = withInvite(createAppStore());
    callMock.mockResolvedValueOnce({ ok: true, data: { perks: [perkView({ claimable: true, count: 1, remaining: 0 }), contentPerk()] } });
    await store.getState().loadPerks();

    const unlocked = perkView({ unlocked: true, count: 1, remaining: 0, couponId: 'cpn_perk_1' });
    callMock.mockResolvedValueOnce({ ok: true, data: { perk: unlocked, replayed: false } });
    const claiming = store.getState().claimPerk('perk-invite-1');
    expect(store.getState().claimingPerkId).toBe('perk-invite-1');
    await claiming;
    expect(store.getState().claimingPerkId).toBeNull();
    expect(store.getState().perks.map((p) => [p._id, p.unlocked])).toEqual([
      ['perk-invite-1', true],
      ['perk-brew-notes', false],
    ]);
    expect(callMock).toHaveBeenCalledTimes(2);
  });

  it('asks for a poster once per target at a time', async () => {
    const store = withInvite(createAppStore());
    callMock.mockResolvedValue({ ok: true, data: posterResult() });
    await Promise.all([store.getState().loadPoster({ targetType: 'invite' }), store.getState().loadPoster({ targetType: 'invite' })]);
    expect(callMock).toHaveBeenCalledTimes(1);
    expect(selectPoster(posterKey({ targetType: 'invite' }))(store.getState()).poster?.code).toBe('PoStEr123456');
  });

  it('forgets perks, influence and posters when the person changes', async () => {
    const store = withInvite(createAppStore());
    store.setState({ profile: repeatBuyer, sessionStatus: 'ready' });
    callMock.mockResolvedValueOnce({ ok: true, data: influenceView() });
    await store.getState().loadInfluence();
    expect(store.getState().influenceStatus).toBe('ready');

    store.setState({ profile: { ...follower, memberId: 'someone-else' } });
    expect(store.getState().influence).toBeNull();
    expect(store.getState().influenceStatus).toBe('idle');
  });
});
