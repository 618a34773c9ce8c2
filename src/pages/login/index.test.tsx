import { act, fireEvent, render, screen } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { listDemoPersonas, startSession } from '@/services/demo-login';
import { useAppStore } from '@/store';
import LoginPage from './index';

// 选择体验身份 (h5 only): after picking an identity the person lands where they were going.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
jest.mock('@/services/demo-login', () => ({ listDemoPersonas: jest.fn(), startSession: jest.fn() }));
const listMock = listDemoPersonas as jest.MockedFunction<typeof listDemoPersonas>;
const startMock = startSession as jest.MockedFunction<typeof startSession>;

const open = (params: Record<string, string>) => {
  (Current as { router: unknown }).router = { params, path: '/pages/login/index' };
  return render(<LoginPage />);
};

beforeEach(() => {
  listMock.mockResolvedValue({ ok: true, data: { personas: [] } });
  startMock.mockResolvedValue({ ok: true, data: { token: 't', openid: 'o-new' } });
  useAppStore.setState({ personasStatus: 'idle', personas: [], signingInAs: null });
});

afterEach(() => {
  (Current as { router: unknown }).router = null;
  jest.restoreAllMocks();
});

describe('选择体验身份', () => {
  it('a newcomer who opened a friend’s card lands on that card', async () => {
    const relaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' } as never);
    open({ next: '/packages/invite/index?s=AbCdEf123456' });
    await screen.findByTestId('personas-empty');
    await act(async () => {
      fireEvent.click(screen.getByTestId('new-visitor-button'));
    });
    expect(startMock).toHaveBeenCalledWith(undefined);
    expect(relaunch).toHaveBeenCalledWith({ url: '/packages/invite/index?s=AbCdEf123456' });
  });

  it('goes home otherwise', async () => {
    const relaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' } as never);
    open({});
    await screen.findByTestId('personas-empty');
    await act(async () => {
      fireEvent.click(screen.getByTestId('new-visitor-button'));
    });
    expect(relaunch).toHaveBeenCalledWith({ url: '/pages/index/index' });
  });
});
