import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { callFunction } from '@/services/cloud';
import type { CloudResult } from '@/services/cloud-result';
import { useAppStore } from '@/store';
import { useInviteStore } from '@/packages/invite/store';
import { contentPerk, perkView, shareResult, visitResult } from '@/test-support/invite-fixtures';
import { follower, repeatBuyer } from '@/test-support/member-fixtures';
import { showPageAgain } from '@/test-support/use-page-show';
import { shareAppMessage } from '@/test-support/use-wechat-share';
import type { PerkView } from '@/packages/invite/store';
import InvitePage from './index';

// 邀请有礼 with the real store; only the transport is replaced. Every perk state is the server's.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;

interface Answers {
  perks?: PerkView[] | (() => CloudResult<unknown>);
  claim?: CloudResult<unknown>;
  profile?: typeof follower;
  share?: CloudResult<unknown>;
  visit?: CloudResult<unknown>;
}

const serve = ({
  perks = [perkView()],
  claim,
  profile = repeatBuyer,
  share = { ok: true, data: shareResult() },
  visit = { ok: true, data: visitResult() },
}: Answers = {}) =>
  callFunctionMock.mockImplementation(async (name, action) => {
    if (name === 'member' && action === 'open') return { ok: true, data: { profile } };
    if (name === 'perks' && action === 'list') return (typeof perks === 'function' ? perks() : { ok: true, data: { perks } }) as never;
    if (name === 'perks' && action === 'claim') return claim as never;
    if (name === 'referral' && action === 'share') return share as never;
    if (name === 'referral' && action === 'visit') return visit as never;
    throw new Error(`unexpected ${name}.${action}`);
  });

const sent = (action: string) => callFunctionMock.mock.calls.filter(([, a]) => a === action).map(([, , payload]) => payload);

const open = (params: Record<string, string> = {}) => {
  (Current as { router: unknown }).router = { params, path: '/packages/invite/index' };
  return render(<InvitePage />);
};

const perkCard = (id: string) => screen.getAllByTestId('perk-card').find((card) => card.getAttribute('data-perk-id') === id)!;
const env = process.env.TARO_ENV;

beforeEach(() => {
  callFunctionMock.mockReset();
  useAppStore.getState().resetSession();
  useInviteStore.getState().resetInvite();
  process.env.TARO_ENV = 'h5';
});

afterEach(() => {
  (Current as { router: unknown }).router = null;
  process.env.TARO_ENV = env;
  jest.restoreAllMocks();
});

describe('邀请有礼', () => {
  it('shows each perk’s rule, progress, masked helpers with their marks, as the server says', async () => {
    serve({
      perks: [
        perkView(),
        contentPerk({
          helpers: [
            { name: '王*明', joinedAt: '2025-03-02T02:00:00.000Z', bought: true },
            { name: '李*', joinedAt: '2025-03-03T02:00:00.000Z', bought: false },
          ],
          count: 2,
          remaining: 1,
        }),
      ],
    });
    open();

    const cards = await screen.findAllByTestId('perk-card');
    expect(cards.map((c) => [c.getAttribute('data-perk-id'), c.getAttribute('data-unlocked'), c.getAttribute('data-claimable')])).toEqual([
      ['perk-invite-1', 'false', 'false'],
      ['perk-brew-notes', 'false', 'false'],
    ]);
    const notes = perkCard('perk-brew-notes');
    expect(within(notes).getByTestId('perk-rule').textContent).toBe('邀请 3 位好友通过你的分享加入会员并完成首单即可解锁（仅分享或打开不计入）');
    const progress = within(notes).getByTestId('perk-progress');
    expect(progress.getAttribute('data-count')).toBe('2');
    expect(progress.getAttribute('data-required')).toBe('3');
    expect(progress.textContent).toContain('2 / 3 位好友');
    expect(progress.textContent).toContain('还差 1 位好友');
    const helpers = within(notes).getAllByTestId('perk-helper');
    expect(helpers.map((h) => [h.textContent?.includes('王*明'), h.getAttribute('data-bought')])).toEqual([
      [true, 'true'],
      [false, 'false'],
    ]);
    expect(helpers[0].textContent).toContain('已加入');
    expect(helpers[0].textContent).toContain('已下单');
    expect(helpers[1].textContent).toContain('李*');
    expect(helpers[1].textContent).not.toContain('已下单');
    // Nothing to claim yet, nothing revealed.
    expect(within(notes).queryByTestId('perk-claim')).toBeNull();
    expect(within(notes).queryByTestId('perk-content')).toBeNull();
    expect(within(perkCard('perk-invite-1')).getByTestId('perk-progress').textContent).toContain('0 / 1 位好友');
  });

  it('claims a complete perk: the coupon it issued shows, with the way to 我的券', async () => {
    serve({
      perks: [perkView({ count: 1, remaining: 0, claimable: true, helpers: [{ name: '小*', joinedAt: '2025-03-02T02:00:00.000Z', bought: false }] })],
      claim: {
        ok: true,
        data: {
          perk: perkView({
            count: 1,
            remaining: 0,
            unlocked: true,
            unlockedAt: '2025-03-05T02:00:00.000Z',
            couponId: 'cpn_perk_1',
            helpers: [{ name: '小*', joinedAt: '2025-03-02T02:00:00.000Z', bought: false }],
          }),
          replayed: false,
        },
      },
    });
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    open();

    await screen.findByTestId('perk-card');
    expect(screen.getByTestId('perk-card').getAttribute('data-claimable')).toBe('true');
    await act(async () => {
      fireEvent.click(screen.getByTestId('perk-claim'));
    });
    expect(sent('claim')).toEqual([{ perkId: 'perk-invite-1' }]);
    const card = screen.getByTestId('perk-card');
    expect(card.getAttribute('data-unlocked')).toBe('true');
    expect(card.getAttribute('data-claimable')).toBe('false');
    expect(within(card).queryByTestId('perk-claim')).toBeNull();
    expect(within(card).getByTestId('perk-coupon').textContent).toContain('满 ¥59.00 减 ¥10.00');
    expect(await screen.findByText('领取成功')).toBeTruthy();

    await act(async () => {
      fireEvent.click(within(card).getByTestId('perk-coupon'));
    });
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/points/coupons' });
  });

  it('an unlocked content perk reveals its content; an unlocked perk offers neither claim nor share', async () => {
    serve({
      perks: [contentPerk({ count: 3, remaining: 0, unlocked: true, unlockedAt: '2025-03-05T02:00:00.000Z', content: '耶加雪菲：15g 粉 / 240ml 水 / 92℃' })],
    });
    open();
    const card = await screen.findByTestId('perk-card');
    expect(card.getAttribute('data-unlocked')).toBe('true');
    expect(within(card).getByTestId('perk-content').textContent).toBe('耶加雪菲：15g 粉 / 240ml 水 / 92℃');
    expect(within(card).queryByTestId('perk-claim')).toBeNull();
    expect(within(card).queryByTestId('perk-share')).toBeNull();
    expect(within(card).getByTestId('perk-progress').textContent).not.toContain('还差');
  });

  it('shows why a perk is out of reach, and offers no card for it', async () => {
    serve({ perks: [perkView({ eligible: false, ineligibleReason: '加入会员后即可参加' })], profile: follower });
    open();
    const card = await screen.findByTestId('perk-card');
    expect(within(card).getByTestId('perk-ineligible').textContent).toBe('加入会员后即可参加');
    expect(within(card).queryByTestId('perk-claim')).toBeNull();
    expect(within(card).queryByTestId('perk-share')).toBeNull();
  });

  it('a refused claim says why and reads the perks again', async () => {
    let listed = 0;
    serve({
      perks: () => {
        listed += 1;
        return { ok: true, data: { perks: [perkView({ claimable: listed === 1, count: listed === 1 ? 1 : 0, remaining: listed === 1 ? 0 : 1 })] } };
      },
      claim: { ok: false, error: { code: 'PERK_NOT_UNLOCKED', message: '还差 1 位好友即可解锁' } },
    });
    open();
    await screen.findByTestId('perk-claim');
    await act(async () => {
      fireEvent.click(screen.getByTestId('perk-claim'));
    });
    expect(await screen.findByText('还差 1 位好友即可解锁')).toBeTruthy();
    expect(listed).toBe(2);
    expect(screen.getByTestId('perk-card').getAttribute('data-claimable')).toBe('false');
  });

  it('reads the perks again each time the page is shown', async () => {
    serve();
    open();
    await screen.findByTestId('perk-card');
    await act(async () => showPageAgain());
    expect(sent('list')).toHaveLength(2);
  });

  it('has an error state with a retry, and an empty state', async () => {
    serve({ perks: () => ({ ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } }) });
    open();
    expect((await screen.findByTestId('perks-error')).textContent).toContain('网络异常');
    serve({ perks: [] });
    await act(async () => {
      fireEvent.click(screen.getByTestId('perks-error-action'));
    });
    expect(screen.getByTestId('perks-empty')).toBeTruthy();
  });

  it('h5: the invite card’s link is the server’s path in this app', async () => {
    serve();
    open();
    await screen.findByTestId('perk-card');
    await act(async () => {
      fireEvent.click(screen.getByTestId('invite-share'));
    });
    expect(sent('share')).toEqual([{ targetType: 'invite', channel: 'chat' }]);
    expect(screen.getByTestId('share-link').textContent).toBe('http://localhost/#/packages/invite/index?s=AbCdEf123456');
  });

  it('h5: a perk’s card is shared from the perk', async () => {
    serve({ share: { ok: true, data: shareResult({ path: '/packages/invite/index?perk=perk-invite-1&s=PeRk12345678' }) } });
    open();
    const card = await screen.findByTestId('perk-card');
    await act(async () => {
      fireEvent.click(within(card).getByTestId('perk-share'));
    });
    expect(sent('share')).toEqual([{ targetType: 'perk', targetId: 'perk-invite-1', channel: 'chat' }]);
    expect(within(card).getByTestId('share-link').textContent).toBe('http://localhost/#/packages/invite/index?perk=perk-invite-1&s=PeRk12345678');
  });

  it('weapp: the invite card and a perk’s card, each with its code', async () => {
    process.env.TARO_ENV = 'weapp';
    serve({ share: { ok: true, data: shareResult() } });
    open();
    await screen.findByTestId('perk-card');
    await act(async () => undefined);

    const invite = shareAppMessage({ from: 'menu' });
    expect(invite).toMatchObject({ title: '小林邀请你加入山川咖啡会员', path: '/packages/invite/index' });
    await act(async () => {
      await expect(invite.promise).resolves.toMatchObject({ path: '/packages/invite/index?s=AbCdEf123456' });
    });

    const perk = shareAppMessage({ from: 'button', target: { dataset: { shareType: 'perk', shareId: 'perk-invite-1' } } });
    expect(perk).toMatchObject({ title: '邀请好友入会 得10元券 · 山川咖啡', path: '/packages/invite/index?perk=perk-invite-1' });
    await act(async () => {
      await perk.promise;
    });
    expect(sent('share')).toEqual([
      { targetType: 'invite', channel: 'chat' },
      { targetType: 'perk', targetId: 'perk-invite-1', channel: 'chat' },
    ]);
  });

  it('links to the poster and to 我的影响力', async () => {
    serve();
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    open();
    await screen.findByTestId('invite-page');
    fireEvent.click(screen.getByTestId('invite-poster-entry'));
    fireEvent.click(screen.getByTestId('influence-entry'));
    expect(navigate.mock.calls.map(([arg]) => arg)).toEqual([{ url: '/packages/invite/poster' }, { url: '/packages/invite/influence' }]);
  });
});

describe('邀请有礼 · 打开好友的卡片', () => {
  it('a newcomer: the visit is reported, and joining is offered first', async () => {
    serve({ profile: follower, perks: [perkView({ eligible: false, ineligibleReason: '加入会员后即可参加' })] });
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' } as never);
    open({ s: 'AbCdEf123456' });

    expect(await screen.findByTestId('invite-welcome')).toBeTruthy();
    expect(sent('visit')).toEqual([{ code: 'AbCdEf123456' }]);
    // Whose card it is, by the masked name the visit answered (never an id).
    expect(await screen.findByText(/好友 周\* 邀请你加入/)).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByTestId('invite-join'));
    });
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/member/index' });
  });

  it('a member opening a card sees no welcome', async () => {
    serve();
    open({ s: 'AbCdEf123456' });
    await screen.findByTestId('perk-card');
    await act(async () => undefined);
    expect(sent('visit')).toEqual([{ code: 'AbCdEf123456' }]);
    expect(screen.queryByTestId('invite-welcome')).toBeNull();
  });

  it('a perk card highlights its perk, first', async () => {
    serve({ perks: [perkView(), contentPerk()] });
    open({ perk: 'perk-brew-notes', s: 'PeRk12345678' });
    const cards = await screen.findAllByTestId('perk-card');
    expect(cards.map((c) => [c.getAttribute('data-perk-id'), c.getAttribute('data-highlighted')])).toEqual([
      ['perk-brew-notes', 'true'],
      ['perk-invite-1', 'false'],
    ]);
    expect(cards[0].textContent).toContain('好友分享给你的活动');
  });

  it('a perk poster (scene only): the visit names the perk to highlight', async () => {
    serve({ perks: [perkView(), contentPerk()], visit: { ok: true, data: visitResult({ targetType: 'perk', targetId: 'perk-brew-notes' }) } });
    open({ scene: 'PoStEr123456' });
    await screen.findAllByTestId('perk-card');
    await act(async () => undefined);
    expect(sent('visit')).toEqual([{ code: 'PoStEr123456' }]);
    expect(perkCard('perk-brew-notes').getAttribute('data-highlighted')).toBe('true');
  });
});
