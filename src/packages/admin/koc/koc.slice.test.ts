import { callFunctionMock, createAdminStore, sent, type Reply } from '@/test-support/admin-test-kit';
import { kocLeaderboard, kocRow } from '@/test-support/referral-fixtures';
import { KOC_DEFAULT_DAYS } from '../store';

// The KOC leaderboard slice with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const board = (days: number, memberIds: string[]): Reply => ({
  ok: true,
  data: kocLeaderboard({ days, rows: memberIds.map((memberId, i) => kocRow({ rank: i + 1, memberId })) }),
});

beforeEach(() => callFunctionMock.mockReset());

describe('admin KOC slice', () => {
  it('loads the server’s default period first, rows as ranked by the server', async () => {
    const store = createAdminStore();
    expect(store.getState().kocDays).toBe(KOC_DEFAULT_DAYS);
    callFunctionMock.mockResolvedValueOnce(board(30, ['a', 'b']));
    await store.getState().loadKocLeaderboard(store.getState().kocDays);
    expect(sent('kocLeaderboard')).toEqual([{ days: 30 }]);
    expect(store.getState().kocStatus).toBe('ready');
    expect(store.getState().kocBoard?.rows.map((row) => [row.rank, row.memberId])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
  });

  it('a new period clears the old rows while it loads, and a slower older answer is dropped', async () => {
    const store = createAdminStore();
    callFunctionMock.mockResolvedValueOnce(board(30, ['a']));
    await store.getState().loadKocLeaderboard(30);

    let answer7!: (reply: Reply) => void;
    callFunctionMock.mockReturnValueOnce(new Promise<Reply>((resolve) => (answer7 = resolve)));
    const loading7 = store.getState().loadKocLeaderboard(7);
    expect(store.getState().kocDays).toBe(7);
    expect(store.getState().kocStatus).toBe('loading');
    expect(store.getState().kocBoard).toBeNull();

    callFunctionMock.mockResolvedValueOnce(board(90, ['c', 'd']));
    await store.getState().loadKocLeaderboard(90);
    answer7(board(7, ['late']));
    await loading7;

    expect(sent('kocLeaderboard')).toEqual([{ days: 30 }, { days: 7 }, { days: 90 }]);
    expect(store.getState().kocDays).toBe(90);
    expect(store.getState().kocBoard?.rows.map((row) => row.memberId)).toEqual(['c', 'd']);
  });

  it('a refresh of the same period keeps the rows on screen; a failure says so', async () => {
    const store = createAdminStore();
    callFunctionMock.mockResolvedValueOnce(board(30, ['a']));
    await store.getState().loadKocLeaderboard(30);

    callFunctionMock.mockResolvedValueOnce({ ok: false, error: { code: 'FORBIDDEN', message: '没有权限执行此操作' } });
    const refreshing = store.getState().loadKocLeaderboard(30);
    expect(store.getState().kocStatus).toBe('ready');
    expect(store.getState().kocBoard?.rows).toHaveLength(1);
    await refreshing;
    expect(store.getState().kocStatus).toBe('error');
    expect(store.getState().kocError?.code).toBe('FORBIDDEN');
  });
});
