import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { callFunction } from '@/services/cloud';
import type { SessionProfile } from '@/services/contracts';
import { useAppStore } from '@/store';
import { centre, follower, myLadder, repeatBuyer, repeatBuyerInGrace } from '@/test-support/member-fixtures';
import { showPageAgain } from '@/test-support/use-page-show';
import MemberCentrePage from './index';
import { expiringLots } from '@/test-support/points-fixtures';

// The page with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;
type Reply = Awaited<ReturnType<typeof callFunction>>;

const local = (y: number, m: number, d: number) => new Date(y, m - 1, d, 23, 59).toISOString();
const calls = () => callFunctionMock.mock.calls.map(([name, action]) => `${name}.${action}`);

/** Answers member.centre (and anything else listed); any other call fails the test. */
function serve(answers: Record<string, Reply | (() => Reply | Promise<Reply>)>) {
  callFunctionMock.mockImplementation(async (name, action) => {
    const answer = answers[`${name}.${action}`];
    if (!answer) throw new Error(`unexpected ${name}.${action}`);
    return typeof answer === 'function' ? answer() : answer;
  });
}

beforeEach(() => {
  callFunctionMock.mockReset();
  useAppStore.getState().resetSession();
});

const joinButtonIsDisabled = () => screen.getByTestId('join-button').className.includes('nut-button-disabled');

describe('MemberCentrePage', () => {
  it('loads everything with one call: tier, points, the ladder, progress and coupons', async () => {
    serve({ 'member.centre': { ok: true, data: centre({ profile: { ...follower, points: 120 } }) } });
    render(<MemberCentrePage />);

    expect(screen.getByTestId('member-loading')).toBeTruthy();
    expect((await screen.findByTestId('tier-name')).textContent).toBe('基础用户');
    expect(screen.getByTestId('points-balance').textContent).toBe('120');
    expect(screen.getByTestId('tier-ladder').getAttribute('data-position')).toBe('1');
    expect(screen.getByTestId('tier-progress').textContent).toBe('加入会员即可成为未购会员');
    expect(screen.queryByTestId('tier-grace')).toBeNull();
    expect(calls()).toEqual(['member.centre']);
    expect(callFunctionMock).toHaveBeenCalledWith('member', 'centre', {});
  });

  it('refreshes in place each time the tab is shown again (a purchase elsewhere changed the tier)', async () => {
    serve({ 'member.centre': { ok: true, data: centre({ profile: { ...follower, points: 120 } }) } });
    render(<MemberCentrePage />);
    expect((await screen.findByTestId('tier-name')).textContent).toBe('基础用户');
    serve({ 'member.centre': { ok: true, data: centre({ profile: { ...repeatBuyer, points: 300 } }) } });
    act(() => showPageAgain());
    await waitFor(() => expect(screen.getByTestId('tier-name').textContent).toBe('复购会员'));
    expect(screen.getByTestId('points-balance').textContent).toBe('300');
    // The old page stayed on screen meanwhile: no loading state in between.
    expect(calls()).toEqual(['member.centre', 'member.centre']);
  });

  it('sends only member.centre when home already opened the session, showing the profile meanwhile', async () => {
    let answer!: (reply: Reply) => void;
    serve({
      'member.open': { ok: true, data: { profile: follower } },
      'member.centre': () => new Promise<Reply>((resolve) => (answer = resolve)),
    });
    await useAppStore.getState().bootstrap();
    callFunctionMock.mockClear();
    render(<MemberCentrePage />);

    // The profile is there at once; the progress arrives with the centre.
    expect(screen.getByTestId('tier-name').textContent).toBe('基础用户');
    expect(screen.queryByTestId('tier-progress')).toBeNull();
    answer({ ok: true, data: centre({ profile: { ...follower, nickname: '小林林' } }) });
    expect((await screen.findByTestId('tier-progress')).textContent).toBe('加入会员即可成为未购会员');
    expect(screen.getByTestId('member-nickname').textContent).toBe('小林林');
    expect(calls()).toEqual(['member.centre']);
  });

  it('says during grace what keeps the tier and until when', async () => {
    serve({ 'member.centre': { ok: true, data: centre({ profile: repeatBuyer, ladder: repeatBuyerInGrace(local(2025, 5, 3)) }) } });
    render(<MemberCentrePage />);

    expect((await screen.findByTestId('tier-grace')).textContent).toBe('保级期：复购会员保留至 5月3日，再下 1 单保级');
    expect(screen.getByTestId('tier-progress').textContent).toBe('再下 1 单，并邀请 1 位好友购买，即可成为品牌KOC');
    expect(screen.getByTestId('tier-ladder').getAttribute('data-position')).toBe('4');
  });

  it('says what keeps the tier before the grace has a date', async () => {
    serve({ 'member.centre': { ok: true, data: centre({ profile: repeatBuyer, ladder: repeatBuyerInGrace(null) }) } });
    render(<MemberCentrePage />);

    expect((await screen.findByTestId('tier-grace')).textContent).toBe('复购会员条件已不满足：再下 1 单保级');
  });

  it('joins only after the terms are accepted, sends no empty phone, confirms with a toast and refreshes the centre', async () => {
    const joined: SessionProfile = { ...follower, tier: 'member', tierName: '未购会员', isMember: true, joinedAt: '2025-01-02T03:04:05.000Z' };
    serve({
      'member.centre': { ok: true, data: centre() },
      'member.join': { ok: true, data: { profile: joined } },
    });
    render(<MemberCentrePage />);
    await screen.findByTestId('join-card');
    expect(joinButtonIsDisabled()).toBe(true);

    fireEvent.click(screen.getByText('我已阅读并同意'));
    await waitFor(() => expect(joinButtonIsDisabled()).toBe(false));
    serve({
      'member.join': { ok: true, data: { profile: joined } },
      'member.centre': {
        ok: true,
        data: centre({
          profile: joined,
          ladder: myLadder({
            tier: 'member',
            tierName: '未购会员',
            isMember: true,
            progress: { nextTier: 'buyer', nextTierName: '已购会员', text: '再下 1 单升级为已购会员' },
          }),
        }),
      },
    });
    fireEvent.click(screen.getByText('加入会员', { selector: '.nut-button-children' }));

    await screen.findByTestId('membership-summary');
    expect(callFunctionMock).toHaveBeenCalledWith('member', 'join', { agreeTerms: true });
    expect(screen.getByTestId('tier-name').textContent).toBe('未购会员');
    // Taro's H5 toast renders into the document.
    expect(await screen.findByText('入会成功')).toBeTruthy();
    // The tier card follows the new standing; the points card needs no call of its own.
    await waitFor(() => expect(screen.getByTestId('tier-progress').textContent).toBe('再下 1 单升级为已购会员'));
    expect(calls()).toEqual(['member.centre', 'member.join', 'member.centre']);
  });

  it('tells the person why a join was refused', async () => {
    serve({ 'member.centre': { ok: true, data: centre() } });
    render(<MemberCentrePage />);
    await screen.findByTestId('join-card');
    fireEvent.click(screen.getByText('我已阅读并同意'));
    await waitFor(() => expect(joinButtonIsDisabled()).toBe(false));
    callFunctionMock.mockResolvedValueOnce({ ok: false, error: { code: 'VALIDATION_FAILED', message: '手机号格式不正确' } });

    fireEvent.click(screen.getByText('加入会员', { selector: '.nut-button-children' }));

    expect(await screen.findByText('手机号格式不正确')).toBeTruthy();
    expect(screen.getByTestId('join-card')).toBeTruthy();
  });

  it('shows an error state with a retry that loads the centre again', async () => {
    callFunctionMock.mockResolvedValueOnce({ ok: false, error: { code: 'INTERNAL', message: 'boom' } }).mockResolvedValueOnce({ ok: true, data: centre() });
    render(<MemberCentrePage />);

    expect((await screen.findByTestId('member-error')).textContent).toContain('服务开小差了，请稍后重试');
    fireEvent.click(screen.getByText('重试'));

    expect(await screen.findByTestId('tier-name')).toBeTruthy();
    expect(calls()).toEqual(['member.centre', 'member.centre']);
  });
});

describe('MemberCentrePage points card', () => {
  it('shows a member the balance, the soonest expiry, the usable coupons and the ways into the points area', async () => {
    serve({
      'member.centre': {
        ok: true,
        data: centre({
          profile: repeatBuyer,
          points: {
            balance: 1500,
            debt: 0,
            expiringSoon: expiringLots([50, local(2025, 4, 20)], [200, local(2025, 4, 3)]),
          },
          coupons: { available: 2 },
        }),
      },
    });
    render(<MemberCentrePage />);

    const card = await screen.findByTestId('member-points-card');
    expect(card.textContent).toContain('1500');
    expect(screen.getByTestId('member-expiring').textContent).toBe('200 积分将于 4月3日 过期，30 天内共 250 积分到期');
    expect(screen.getByTestId('member-points-entry').textContent).toBe('积分明细');
    expect(screen.getByTestId('member-rewards-entry').textContent).toBe('积分商城');
    expect(screen.getByTestId('member-coupons-entry').textContent).toBe('我的券2');
    expect(screen.getByTestId('member-coupons-count').textContent).toBe('2');
    // The header keeps its own balance (tests/e2e reads it).
    expect(screen.getByTestId('points-balance').textContent).toBe('1500');
    expect(calls()).toEqual(['member.centre']);
  });

  it('says nothing about expiry when nothing expires within 30 days, and mentions a debt', async () => {
    serve({
      'member.centre': { ok: true, data: centre({ profile: repeatBuyer, points: { balance: 0, debt: 40, expiringSoon: { total: 0, days: 30, lots: [] } } }) },
    });
    render(<MemberCentrePage />);

    expect((await screen.findByTestId('member-points-debt')).textContent).toContain('有 40 积分待抵扣');
    expect(screen.queryByTestId('member-expiring')).toBeNull();
    expect(screen.getByTestId('member-coupons-count').textContent).toBe('0');
  });

  it('keeps the page usable when the centre fails after home opened the session, with a retry', async () => {
    serve({
      'member.open': { ok: true, data: { profile: repeatBuyer } },
      'member.centre': { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } },
    });
    await useAppStore.getState().bootstrap();
    render(<MemberCentrePage />);

    const retry = await screen.findByTestId('member-points-error');
    expect(screen.getByTestId('tier-progress-error')).toBeTruthy();
    fireEvent.click(retry);
    await waitFor(() => expect(calls().filter((call) => call === 'member.centre')).toHaveLength(2));
    // The profile's cached balance is still shown, and no count is made up.
    expect(screen.getByTestId('member-points-card').textContent).toContain('1500');
    expect(screen.getByTestId('member-rewards-entry')).toBeTruthy();
    expect(screen.queryByTestId('member-coupons-count')).toBeNull();
  });

  it('is not shown to someone who has not joined', async () => {
    serve({ 'member.centre': { ok: true, data: centre() } });
    render(<MemberCentrePage />);

    await screen.findByTestId('join-card');
    expect(screen.queryByTestId('member-points-card')).toBeNull();
    expect(screen.getByTestId('member-ladder-entry')).toBeTruthy();
  });

  it('links to my orders (unpaid and all) and the cart, with how many units it holds', async () => {
    serve({ 'member.centre': { ok: true, data: centre({ profile: repeatBuyer }) } });
    useAppStore.getState().addToCart({ productId: 'p-beans', name: '保山小粒咖啡豆 250g', image: null, priceFen: 8800 }, 2);
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    render(<MemberCentrePage />);

    expect((await screen.findByTestId('member-cart-count')).textContent).toBe('2');
    await act(async () => {
      fireEvent.click(screen.getByTestId('member-orders-entry'));
      fireEvent.click(screen.getByTestId('member-orders-pending-entry'));
      fireEvent.click(screen.getByTestId('member-cart-entry'));
    });
    expect(navigate.mock.calls.map(([options]) => (options as { url: string }).url)).toEqual([
      '/packages/shop/orders',
      '/packages/shop/orders?filter=pending_payment',
      '/packages/shop/cart',
    ]);
    expect(calls()).toEqual(['member.centre']);
    navigate.mockRestore();
  });

  it('links to 邀请有礼 and 我的影响力 (links only: the invite pages are a subpackage)', async () => {
    serve({ 'member.centre': { ok: true, data: centre({ profile: repeatBuyer }) } });
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    render(<MemberCentrePage />);

    await screen.findByTestId('member-invite-card');
    await act(async () => {
      fireEvent.click(screen.getByTestId('member-invite-entry'));
      fireEvent.click(screen.getByTestId('member-influence-entry'));
    });
    expect(navigate.mock.calls.map(([options]) => (options as { url: string }).url)).toEqual(['/packages/invite/index', '/packages/invite/influence']);
    expect(calls()).toEqual(['member.centre']);
    navigate.mockRestore();
  });
});
