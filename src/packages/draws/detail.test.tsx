import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import { renderPage as render } from '@/test-support/render-page';
import { callFunction } from '@/services/cloud';
import { drawDetail, drawView, myEntry } from '@/test-support/draws-fixtures';
import { shareAppMessage } from '@/test-support/use-wechat-share';
import { useDrawsStore } from './store';
import DrawDetailPage from './detail';

// The draw's page with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callMock = callFunction as jest.MockedFunction<typeof callFunction>;
type Reply = Awaited<ReturnType<typeof callFunction>>;

function serve(detail: Reply | (() => Promise<Reply>), extra: Record<string, Reply> = {}) {
  callMock.mockImplementation(async (name, action) => {
    if (name === 'draws' && action === 'detail') return typeof detail === 'function' ? detail() : detail;
    if (name === 'member' && action === 'notifyTemplates') return { ok: true, data: { templates: {} } } as Reply;
    const answer = extra[`${name}.${action}`];
    if (answer) return answer;
    throw new Error(`unexpected ${name}.${action}`);
  });
}

function openWith(params: Record<string, string>) {
  (Current as { router: unknown }).router = { params, path: '/packages/draws/detail' };
}

beforeEach(() => {
  callMock.mockReset();
  useDrawsStore.getState().resetDraws();
  openWith({ id: 'draw_0123456789ab' });
});
afterEach(() => {
  (Current as { router: unknown }).router = null;
});

describe('the draw’s page', () => {
  it('shows the rules in words, my price and 参加抽签', async () => {
    serve({ ok: true, data: drawDetail() });
    render(<DrawDetailPage />);
    await screen.findByTestId('draw-detail');
    expect(screen.getByTestId('draw-price').textContent).toContain('¥268.00');
    expect(screen.getByTestId('draw-rules').textContent).toContain('3 个，另有候补 2 位');
    expect(screen.getByTestId('draw-rules').textContent).toContain('所有会员可参加');
    expect(screen.getByTestId('draw-entry-count').textContent).toBe('12 人');
    expect(screen.getByTestId('draw-commitment').textContent).toBe('c'.repeat(64));
    expect(screen.getByTestId('draw-enter').textContent).toContain('参加抽签');
    expect(screen.getByTestId('draw-enter-block').getAttribute('data-can-enter')).toBe('true');
  });

  it('says why not in the server’s words, with the ways on', async () => {
    serve({
      ok: true,
      data: drawDetail({
        draw: drawView({ minTier: 'buyer', minTierName: '已购会员' }),
        canEnter: false,
        refusal: { code: 'DRAW_NOT_ELIGIBLE', message: '再下 1 单成为已购会员即可参加', need: 'tier' },
      }),
    });
    render(<DrawDetailPage />);
    expect((await screen.findByTestId('draw-enter-refusal')).textContent).toBe('再下 1 单成为已购会员即可参加');
    expect(screen.getByTestId('draw-way-shop')).toBeTruthy();
    expect(screen.getByTestId('draw-way-ladder')).toBeTruthy();
    expect(screen.getByTestId('draw-enter-block').getAttribute('data-can-enter')).toBe('false');
  });

  it('offers joining to a visitor', async () => {
    serve({
      ok: true,
      data: drawDetail({
        draw: drawView({ myPriceFen: null }),
        canEnter: false,
        refusal: { code: 'NOT_A_MEMBER', message: '加入会员即可参加抽签', need: 'join' },
      }),
    });
    render(<DrawDetailPage />);
    expect(await screen.findByTestId('draw-way-join')).toBeTruthy();
    expect(screen.getByTestId('draw-price').textContent).toContain('原价');
  });

  it('shows a winner the receipt, the pay-by time, 去付款 and the way to verify', async () => {
    serve({
      ok: true,
      data: drawDetail({
        draw: drawView({ phase: 'drawn' }),
        canEnter: false,
        myEntry: myEntry({ state: 'won', orderId: 'O1', payBy: '2025-04-03T00:10:00.000Z' }),
      }),
    });
    render(<DrawDetailPage />);
    const receipt = await screen.findByTestId('draw-receipt');
    expect(receipt.getAttribute('data-state')).toBe('won');
    expect(screen.getByTestId('draw-entry-state').textContent).toMatch(/^已中签，请在 2025-04-03 \d\d:10 前付款$/);
    expect(screen.getByTestId('draw-entry-id').textContent).toBe('e'.repeat(24));
    expect(screen.getByTestId('draw-pay')).toBeTruthy();
    expect(screen.getByTestId('draw-verify-link')).toBeTruthy();
    expect(screen.queryByTestId('draw-enter')).toBeNull();
  });

  it('shows a waitlisted entry its place', async () => {
    serve({ ok: true, data: drawDetail({ draw: drawView({ phase: 'drawn' }), canEnter: false, myEntry: myEntry({ state: 'waitlist', waitlistPlace: 2 }) }) });
    render(<DrawDetailPage />);
    expect((await screen.findByTestId('draw-entry-state')).textContent).toContain('候补第 2 位');
  });

  it('shares the draw’s card with the referral machinery', async () => {
    serve(
      { ok: true, data: drawDetail() },
      {
        'referral.share': {
          ok: true,
          data: {
            code: 'AbCdEf123456',
            path: '/packages/draws/detail?id=draw_0123456789ab&s=AbCdEf123456',
            page: 'packages/draws/detail',
            scene: 'AbCdEf123456',
            reused: false,
          },
        },
      },
    );
    render(<DrawDetailPage />);
    await screen.findByTestId('draw-detail');
    const card = shareAppMessage();
    expect(card.path).toBe('/packages/draws/detail?id=draw_0123456789ab');
    // The card lands in the store, which re-renders the page: let React settle it inside act.
    await act(async () => {
      await expect(card.promise).resolves.toMatchObject({ path: '/packages/draws/detail?id=draw_0123456789ab&s=AbCdEf123456' });
    });
    expect(callMock).toHaveBeenCalledWith('referral', 'share', { targetType: 'draw', targetId: 'draw_0123456789ab', channel: 'chat' });
  });

  it('shows loading, then an error with a retry, and a gone draw as not found', async () => {
    let answer: Reply = { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } };
    serve(() => Promise.resolve(answer));
    render(<DrawDetailPage />);
    expect(screen.getByTestId('draw-loading')).toBeTruthy();
    await screen.findByTestId('draw-error');
    answer = { ok: false, error: { code: 'NOT_FOUND', message: '抽签不存在或已结束' } };
    fireEvent.click(screen.getByTestId('draw-error-action'));
    await waitFor(() => expect(screen.getByTestId('draw-not-found')).toBeTruthy());
  });
});
