import type { AdjustPointsResult, Role } from '@/services/contracts';
import { type Answers, serve as serveAs, callFunctionMock, createAdminStore, sent, type Reply } from '@/test-support/admin-test-kit';
import { refusal } from '@/test-support/replies';

// The 积分调整 slice with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const adjusted = (over: Partial<AdjustPointsResult['entry']> = {}): AdjustPointsResult => ({
  entry: {
    _id: 'adjust:x',
    memberId: 'o-member',
    kind: 'adjust',
    delta: 100,
    debtDelta: 0,
    balanceAfter: 1600,
    debtAfter: 0,
    reason: '客服调整：活动补发',
    lots: [],
    createdAt: '2025-03-04T05:06:00.000Z',
    ...over,
  },
  replayed: false,
});

const serve = (answers: Answers, role: Role = 'admin') => serveAs(role, answers);

const network: Reply = { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } };

beforeEach(() => callFunctionMock.mockReset());

describe('admin points slice (积分调整)', () => {
  const input = { openid: 'o-member', amount: 100, reason: '活动补发' };

  it('sends one adjustment with a fresh request id and keeps the outcome', async () => {
    serve({ adjustPoints: { ok: true, data: adjusted() } });
    const store = createAdminStore();

    const result = await store.getState().submitAdjustment(input);

    expect(result.ok).toBe(true);
    const [request] = sent('adjustPoints');
    expect(request).toEqual({ ...input, requestId: expect.stringMatching(/^adj-/) });
    expect((request.requestId as string).length).toBeGreaterThanOrEqual(8);
    expect((request.requestId as string).length).toBeLessThanOrEqual(64);
    const state = store.getState();
    expect(state.adjustResult).toEqual({ input, outcome: adjusted() });
    expect(state.adjustDraft).toBeNull();
    expect(state.adjustStatus).toBe('idle');
  });

  it('reuses the request id after a failure without an answer, for a retry and for the same submission', async () => {
    serve({ adjustPoints: network });
    const store = createAdminStore();

    await store.getState().submitAdjustment(input);
    expect(store.getState().adjustStatus).toBe('unknown');
    expect(store.getState().adjustError?.code).toBe('NETWORK_ERROR');
    await store.getState().retryAdjustment();
    await store.getState().submitAdjustment({ ...input });
    serve({ adjustPoints: { ok: true, data: adjusted() } });
    await store.getState().retryAdjustment();

    const ids = sent('adjustPoints').map((p) => p.requestId);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(1);
    expect(store.getState().adjustStatus).toBe('idle');
    expect(store.getState().adjustResult?.outcome.entry.balanceAfter).toBe(1600);
  });

  it('a new submission after a success, a refusal or a discarded draft gets a new request id', async () => {
    serve({ adjustPoints: { ok: true, data: adjusted() } });
    const store = createAdminStore();
    await store.getState().submitAdjustment(input);
    await store.getState().submitAdjustment(input);
    serve({ adjustPoints: { ok: false, error: { code: 'NOT_FOUND', message: '会员不存在' } } });
    await store.getState().submitAdjustment(input);
    expect(store.getState().adjustDraft).toBeNull();
    expect(store.getState().adjustError?.message).toBe('会员不存在');
    serve({ adjustPoints: network });
    await store.getState().submitAdjustment(input);
    store.getState().discardAdjustment();
    await store.getState().submitAdjustment(input);
    // A changed submission is a different adjustment, even after an unknown outcome.
    await store.getState().submitAdjustment({ ...input, amount: -100 });

    const ids = sent('adjustPoints').map((p) => p.requestId);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });

  it('sends a double tap once', async () => {
    let answer!: (reply: Reply) => void;
    serve({
      adjustPoints: () =>
        new Promise<Reply>((resolve) => {
          answer = resolve;
        }),
    });
    const store = createAdminStore();

    const first = store.getState().submitAdjustment(input);
    const second = store.getState().submitAdjustment(input);
    expect(store.getState().adjustStatus).toBe('sending');
    answer({ ok: true, data: adjusted() });

    expect(await second).toEqual(await first);
    expect(sent('adjustPoints')).toHaveLength(1);
  });

  it('maps validation details to fields', async () => {
    serve({
      adjustPoints: refusal('VALIDATION_FAILED', '输入有误：reason 请写明调整原因', [['reason', '请写明调整原因']]),
    });
    const store = createAdminStore();
    await store.getState().submitAdjustment(input);
    expect(store.getState().adjustFieldErrors).toEqual({ reason: '请写明调整原因' });
  });
});
