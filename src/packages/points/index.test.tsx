import { fireEvent, render, screen, within } from '@testing-library/react';
import { callFunction } from '@/services/cloud';
import { POINTS_HISTORY_PAGE_SIZE, usePointsStore } from './store';
import { entry, summary, expiringLots } from '@/test-support/points-fixtures';
import PointsPage from './index';

// The page with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;
type Reply = Awaited<ReturnType<typeof callFunction>>;

function serve(answers: Partial<Record<string, Reply | ((payload: unknown) => Reply | Promise<Reply>)>>) {
  callFunctionMock.mockImplementation(async (name, action, payload) => {
    const answer = answers[action];
    if (name === 'points' && answer) return typeof answer === 'function' ? answer(payload) : answer;
    throw new Error(`unexpected ${name}.${action}`);
  });
}

const local = (y: number, m: number, d: number, h = 23, min = 59) => new Date(y, m - 1, d, h, min).toISOString();

beforeEach(() => {
  callFunctionMock.mockReset();
  usePointsStore.getState().resetSession();
});

describe('PointsPage', () => {
  it('shows loading until the summary and the history arrive', async () => {
    serve({ summary: () => new Promise<Reply>(() => undefined), history: () => new Promise<Reply>(() => undefined) });
    render(<PointsPage />);

    expect(screen.getByTestId('points-summary-loading')).toBeTruthy();
    expect(screen.getByTestId('points-history-loading')).toBeTruthy();
  });

  it('shows the balance, what expires when, and the history with signed, coloured changes', async () => {
    serve({
      summary: {
        ok: true,
        data: {
          ...summary,
          expiringSoon: expiringLots([200, local(2025, 4, 3)], [50, local(2025, 4, 20)]),
        },
      },
      history: {
        ok: true,
        data: {
          entries: [
            entry({ _id: 'pl_redeem1', kind: 'spend', delta: -300, balanceAfter: 1500, reason: '兑换「10 元代金券」', createdAt: local(2025, 3, 4, 9, 5) }),
            entry({ _id: 'pl_order1', expiresAt: '2026-03-04T15:59:59.999Z', kind: 'earn', delta: 120, balanceAfter: 1800, reason: '订单消费获得积分' }),
          ],
          nextBefore: null,
        },
      },
    });
    render(<PointsPage />);

    expect((await screen.findByTestId('points-page-balance')).textContent).toBe('1500');
    expect(screen.queryByTestId('points-debt')).toBeNull();
    const expiring = screen.getByTestId('points-expiring');
    expect(expiring.getAttribute('data-total')).toBe('250');
    const days = within(expiring)
      .getAllByTestId('points-expiring-row')
      .map((row) => row.textContent);
    expect(days).toEqual(['4月3日 过期200 积分', '4月20日 过期50 积分']);

    const rows = await screen.findAllByTestId('points-history-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('兑换「10 元代金券」');
    expect(rows[0].textContent).toContain('2025-03-04 09:05');
    const spent = within(rows[0]).getByTestId('points-history-delta');
    expect(spent.textContent).toBe('-300');
    expect(spent.className).toContain('points-history__delta--loss');
    const earned = within(rows[1]).getByTestId('points-history-delta');
    expect(earned.textContent).toBe('+120');
    expect(earned.className).toContain('points-history__delta--gain');
    // A credit says when its points expire; a spend does not.
    expect(within(rows[1]).getByTestId('points-history-expiry').textContent).toBe('2026-03-04 到期');
    expect(within(rows[0]).queryByTestId('points-history-expiry')).toBeNull();
    expect(screen.getByTestId('points-history-end')).toBeTruthy();
  });

  it('explains a debt, and says when nothing expires soon', async () => {
    serve({
      summary: { ok: true, data: { ...summary, balance: 0, debt: 80 } },
      history: {
        ok: true,
        data: {
          entries: [entry({ kind: 'reverse', delta: -40, debtDelta: 80, balanceAfter: 0, debtAfter: 80, reason: '订单退款，扣回积分' })],
          nextBefore: null,
        },
      },
    });
    render(<PointsPage />);

    expect((await screen.findByTestId('points-debt')).textContent).toContain('有 80 积分待抵扣（退款扣回）');
    expect(screen.getByTestId('points-expiring').textContent).toContain('未来 30 天没有积分过期');
    expect((await screen.findByTestId('points-history-row')).textContent).toContain('另有 80 积分计入待抵扣');
  });

  it('pages the history with 加载更多, using the server cursor', async () => {
    const first = Array.from({ length: POINTS_HISTORY_PAGE_SIZE }, (_, i) => entry({ _id: `e${i}`, reason: `第 ${i} 条` }));
    serve({ summary: { ok: true, data: summary }, history: { ok: true, data: { entries: first, nextBefore: '2025-03-01T00:00:00.000Z' } } });
    render(<PointsPage />);
    await screen.findByTestId('points-history-more');

    serve({
      summary: { ok: true, data: summary },
      history: { ok: true, data: { entries: [entry({ _id: 'older', reason: '更早的一条' })], nextBefore: null } },
    });
    fireEvent.click(screen.getByText('加载更多'));

    expect(await screen.findByText('更早的一条')).toBeTruthy();
    expect(callFunctionMock).toHaveBeenLastCalledWith('points', 'history', { limit: POINTS_HISTORY_PAGE_SIZE, before: '2025-03-01T00:00:00.000Z' });
    expect(screen.getAllByTestId('points-history-row')).toHaveLength(POINTS_HISTORY_PAGE_SIZE + 1);
    expect(screen.getByTestId('points-history-end')).toBeTruthy();
  });

  it('has an empty state for a history with nothing in it', async () => {
    serve({ summary: { ok: true, data: { ...summary, balance: 0 } }, history: { ok: true, data: { entries: [], nextBefore: null } } });
    render(<PointsPage />);

    expect((await screen.findByTestId('points-history-empty')).textContent).toContain('还没有积分记录');
    expect(screen.getByTestId('points-page-balance').textContent).toBe('0');
  });

  it('shows each failure in its own section, with a retry', async () => {
    serve({
      summary: { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } },
      history: { ok: false, error: { code: 'INTERNAL', message: 'boom' } },
    });
    render(<PointsPage />);

    expect((await screen.findByTestId('points-summary-error')).textContent).toContain('网络异常，请稍后重试');
    expect((await screen.findByTestId('points-history-error')).textContent).toContain('服务开小差了，请稍后重试');

    serve({ summary: { ok: true, data: summary }, history: { ok: true, data: { entries: [], nextBefore: null } } });
    fireEvent.click(screen.getByTestId('points-summary-error-action'));
    expect((await screen.findByTestId('points-page-balance')).textContent).toBe('1500');
    expect(screen.getByTestId('points-history-error')).toBeTruthy();
  });
});
