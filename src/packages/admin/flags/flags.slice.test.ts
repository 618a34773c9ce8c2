import { callFunctionMock, createAdminStore, sent, staffProfile, type Reply, storeLoaded } from '@/test-support/admin-test-kit';
import { conversionFlag, referralFlag } from '@/test-support/referral-fixtures';
import { selectIsAdmin } from '../store';

// The flagged-referrals slice with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const listed = (...flags: ReturnType<typeof referralFlag>[]): Reply => ({ ok: true, data: { flags } });

const loaded = () => storeLoaded(listed(referralFlag(), conversionFlag()), (state) => state.loadFlaggedReferrals());

beforeEach(() => callFunctionMock.mockReset());

describe('admin flags slice', () => {
  it('loads the open items as the server lists them', async () => {
    const store = await loaded();
    expect(sent('flaggedReferrals')).toEqual([{}]);
    expect(store.getState().adminFlagsStatus).toBe('ready');
    expect(store.getState().adminFlags.map((flag) => flag.id)).toEqual(['referral:demo-newcomer', 'conversion:ord_9']);
  });

  it('a decision sends the id and the choice; the row keeps the server’s answer, the others stay open', async () => {
    const store = await loaded();
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { id: 'conversion:ord_9', status: 'approved', subjectStatus: 'pending' } });
    const deciding = store.getState().decideFlag('conversion:ord_9', 'approve');
    expect(store.getState().flagDeciding).toBe('conversion:ord_9');
    await deciding;

    expect(sent('decideFlag')).toEqual([{ id: 'conversion:ord_9', decision: 'approve' }]);
    expect(store.getState().flagDeciding).toBeNull();
    expect(store.getState().flagDecisions).toEqual({ 'conversion:ord_9': { id: 'conversion:ord_9', status: 'approved', subjectStatus: 'pending' } });
    expect(store.getState().adminFlags).toHaveLength(2);

    // A reload lists open items only: the decided one leaves, and its decision is forgotten.
    callFunctionMock.mockResolvedValueOnce(listed(referralFlag()));
    await store.getState().loadFlaggedReferrals();
    expect(store.getState().adminFlags.map((flag) => flag.id)).toEqual(['referral:demo-newcomer']);
    expect(store.getState().flagDecisions).toEqual({});
  });

  it('FLAG_ALREADY_DECIDED keeps the message and reloads the list, where the item is gone', async () => {
    const store = await loaded();
    callFunctionMock
      .mockResolvedValueOnce({ ok: false, error: { code: 'FLAG_ALREADY_DECIDED', message: '该记录已处理' } })
      .mockResolvedValueOnce(listed(conversionFlag()));
    const result = await store.getState().decideFlag('referral:demo-newcomer', 'reject');
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(result.ok).toBe(false);
    expect(store.getState().flagDecideError).toEqual({ id: 'referral:demo-newcomer', error: { code: 'FLAG_ALREADY_DECIDED', message: '该记录已处理' } });
    expect(sent('flaggedReferrals')).toHaveLength(2);
    expect(store.getState().adminFlags.map((flag) => flag.id)).toEqual(['conversion:ord_9']);
    expect(store.getState().flagDecisions).toEqual({});
  });

  it('another refusal stays with its row and reloads nothing', async () => {
    const store = await loaded();
    callFunctionMock.mockResolvedValueOnce({ ok: false, error: { code: 'FORBIDDEN', message: '没有权限执行此操作' } });
    await store.getState().decideFlag('conversion:ord_9', 'approve');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().flagDecideError?.id).toBe('conversion:ord_9');
    expect(sent('flaggedReferrals')).toHaveLength(1);
    expect(store.getState().flagDecisions).toEqual({});
  });

  it('only admins decide', () => {
    const store = createAdminStore();
    store.setState({ profile: staffProfile('moderator') });
    expect(selectIsAdmin(store.getState())).toBe(false);
    store.setState({ profile: staffProfile('admin') });
    expect(selectIsAdmin(store.getState())).toBe(true);
  });
});
