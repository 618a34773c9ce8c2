import { fireEvent, screen } from '@testing-library/react';
import type { AdjustPointsResult } from '@/services/contracts';
import { sent, serveWith, typeIn, tap, pageTests } from '@/test-support/admin-test-kit';
import AdjustPage from './adjust-page';

// The 积分调整 page with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const adjusted: AdjustPointsResult = {
  entry: {
    _id: 'adjust:x',
    memberId: 'demo-member',
    kind: 'adjust',
    delta: -200,
    debtDelta: 0,
    balanceAfter: 1300,
    debtAfter: 0,
    reason: '客服调整：误发积分收回',
    lots: [],
    createdAt: '2025-03-04T05:06:00.000Z',
  },
  replayed: false,
};

const serveAs = serveWith({});

const openAs = pageTests(<AdjustPage />, serveAs, 'resetAdminPoints');

describe('积分调整', () => {
  async function fillAndConfirm() {
    await screen.findByTestId('adjust-form');
    typeIn('adjust-openid', ' demo-member ');
    fireEvent.click(screen.getByTestId('adjust-sign-minus'));
    typeIn('adjust-amount', '200');
    typeIn('adjust-reason', '误发积分收回');
    await tap('adjust-submit');
    expect((await screen.findByTestId('adjust-confirm-dialog')).textContent).toContain('扣减 200 积分');
    expect(sent('adjustPoints')).toEqual([]);
    await tap('adjust-confirm');
  }

  it('is refused to a moderator', async () => {
    openAs('moderator');
    expect(await screen.findByTestId('adjust-forbidden')).toBeTruthy();
    expect(screen.queryByTestId('adjust-submit')).toBeNull();
  });

  it('checks the form before the confirmation', async () => {
    openAs('admin');
    await screen.findByTestId('adjust-form');
    typeIn('adjust-amount', '0');
    typeIn('adjust-reason', '补');
    await tap('adjust-submit');

    expect(screen.getByTestId('adjust-openid-error').textContent).toBe('请填写会员的 openid');
    expect(screen.getByTestId('adjust-amount-error').textContent).toBe('调整数量不能为 0');
    expect(screen.getByTestId('adjust-reason-error').textContent).toContain('请写明调整原因');
    expect(screen.queryByTestId('adjust-confirm-dialog')).toBeNull();
  });

  it('debits after the confirmation and shows the new balance', async () => {
    openAs('admin', { adjustPoints: { ok: true, data: adjusted } });
    await fillAndConfirm();

    expect(sent('adjustPoints')).toEqual([{ openid: 'demo-member', amount: -200, reason: '误发积分收回', requestId: expect.any(String) }]);
    const result = await screen.findByTestId('adjust-result');
    expect(result.getAttribute('data-balance')).toBe('1300');
    expect(result.textContent).toContain('调整成功');
    expect(screen.getByTestId('adjust-result-balance').textContent).toBe('1300');
  });

  it("shows the server's refusal", async () => {
    openAs('admin', { adjustPoints: { ok: false, error: { code: 'POINTS_INSUFFICIENT', message: '积分不足：需要 200，可用 50' } } });
    await fillAndConfirm();
    expect((await screen.findByTestId('adjust-error')).textContent).toBe('积分不足：需要 200，可用 50');
    expect(screen.queryByTestId('adjust-result')).toBeNull();
  });

  it('after a network failure offers a retry with the same request id', async () => {
    openAs('admin', { adjustPoints: { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } } });
    await fillAndConfirm();

    expect((await screen.findByTestId('adjust-unknown')).textContent).toContain('结果未知，重试不会重复调整');
    expect(screen.queryByTestId('adjust-submit')).toBeNull();
    serveAs('admin', { adjustPoints: { ok: true, data: adjusted } });
    await tap('adjust-retry');

    const ids = sent('adjustPoints').map((p) => p.requestId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    expect(await screen.findByTestId('adjust-result')).toBeTruthy();
  });
});
