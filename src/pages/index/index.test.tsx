import { render, screen, waitFor } from '@testing-library/react';
import { callFunction } from '@/services/cloud';
import type { Role } from '@/services/contracts';
import { useAppStore } from '@/store';
import HomePage from './index';

jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;

function openAs(role: Role) {
  callFunctionMock.mockResolvedValue({
    ok: true,
    data: {
      profile: {
        memberId: 'm1', nickname: '小林', avatarUrl: '', tier: 'buyer', tierName: '已购会员',
        points: 120, role, isMember: true, joinedAt: '2025-01-02T03:04:05.000Z',
      },
    },
  });
}

beforeEach(() => {
  callFunctionMock.mockReset();
  useAppStore.getState().resetSession();
});

describe('HomePage', () => {
  it('welcomes the person by nickname and tier once the session is open', async () => {
    openAs('customer');
    render(<HomePage />);

    await waitFor(() => expect(screen.getByTestId('home-nickname').textContent).toBe('小林'));
    expect(screen.getByTestId('home-tier-name').textContent).toBe('已购会员');
    expect(callFunctionMock).toHaveBeenCalledWith('member', 'open', {});
  });

  it('shows no admin entry to a customer', async () => {
    openAs('customer');
    render(<HomePage />);

    await screen.findByTestId('home-welcome');
    expect(screen.getByTestId('draws-entry')).toBeTruthy();
    expect(screen.queryByTestId('admin-entry')).toBeNull();
  });

  it.each(['moderator', 'admin'] as const)('shows the admin entry to a %s', async (role) => {
    openAs(role);
    render(<HomePage />);

    expect(await screen.findByTestId('admin-entry')).toBeTruthy();
  });

  it('offers a retry when the session cannot be opened', async () => {
    callFunctionMock.mockResolvedValue({ ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } });
    render(<HomePage />);

    expect(await screen.findByTestId('home-welcome-error')).toBeTruthy();
    expect(screen.getByText('网络异常，请稍后重试')).toBeTruthy();
    expect(screen.getByTestId('home-retry-button')).toBeTruthy();
  });
});
