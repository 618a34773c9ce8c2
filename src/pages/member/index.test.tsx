import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { callFunction } from '@/services/cloud';
import type { SessionProfile } from '@/services/contracts';
import { useAppStore } from '@/store';
import MemberCentrePage from './index';

jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;

const follower: SessionProfile = {
  memberId: 'm1', nickname: '小林', avatarUrl: '', tier: 'follower', tierName: '基础用户',
  points: 0, role: 'customer', isMember: false, joinedAt: null,
};

beforeEach(() => {
  callFunctionMock.mockReset();
  useAppStore.getState().resetSession();
});

const joinButtonIsDisabled = () => screen.getByTestId('join-button').className.includes('nut-button-disabled');

describe('MemberCentrePage', () => {
  it('shows tier, points and the ladder of the person', async () => {
    callFunctionMock.mockResolvedValue({ ok: true, data: { profile: { ...follower, points: 120 } } });
    render(<MemberCentrePage />);

    expect((await screen.findByTestId('tier-name')).textContent).toBe('基础用户');
    expect(screen.getByTestId('points-balance').textContent).toBe('120');
    expect(screen.getByTestId('tier-ladder').getAttribute('data-position')).toBe('1');
  });

  it('joins only after the terms are accepted, sends no empty phone, and confirms with a toast', async () => {
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { profile: follower } });
    render(<MemberCentrePage />);
    await screen.findByTestId('join-card');
    expect(joinButtonIsDisabled()).toBe(true);

    fireEvent.click(screen.getByText('我已阅读并同意'));
    await waitFor(() => expect(joinButtonIsDisabled()).toBe(false));
    callFunctionMock.mockResolvedValueOnce({
      ok: true,
      data: { profile: { ...follower, tier: 'member', tierName: '未购会员', isMember: true, joinedAt: '2025-01-02T03:04:05.000Z' } },
    });
    fireEvent.click(screen.getByText('加入会员', { selector: '.nut-button-children' }));

    await screen.findByTestId('membership-summary');
    expect(callFunctionMock).toHaveBeenLastCalledWith('member', 'join', { agreeTerms: true });
    expect(screen.getByTestId('tier-name').textContent).toBe('未购会员');
    // Taro's H5 toast renders into the document.
    expect(await screen.findByText('入会成功')).toBeTruthy();
  });

  it('tells the person why a join was refused', async () => {
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { profile: follower } });
    render(<MemberCentrePage />);
    await screen.findByTestId('join-card');
    fireEvent.click(screen.getByText('我已阅读并同意'));
    await waitFor(() => expect(joinButtonIsDisabled()).toBe(false));
    callFunctionMock.mockResolvedValueOnce({ ok: false, error: { code: 'VALIDATION_FAILED', message: '手机号格式不正确' } });

    fireEvent.click(screen.getByText('加入会员', { selector: '.nut-button-children' }));

    expect(await screen.findByText('手机号格式不正确')).toBeTruthy();
    expect(screen.getByTestId('join-card')).toBeTruthy();
  });

  it('shows an error state with a retry that reopens the session', async () => {
    callFunctionMock
      .mockResolvedValueOnce({ ok: false, error: { code: 'INTERNAL', message: 'boom' } })
      .mockResolvedValueOnce({ ok: true, data: { profile: follower } });
    render(<MemberCentrePage />);

    expect((await screen.findByTestId('member-error')).textContent).toContain('服务开小差了，请稍后重试');
    fireEvent.click(screen.getByText('重试'));

    expect(await screen.findByTestId('tier-name')).toBeTruthy();
  });
});
