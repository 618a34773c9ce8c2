import { callFunction } from '@/services/cloud';
import { endSession, listDemoPersonas, startSession } from '@/services/demo-login';
import { redirectToLogin } from '@/services/login-redirect';
import { follower } from '@/test-support/member-fixtures';
import { NETWORK_DOWN } from '@/test-support/replies';
import { createAppStore } from './index';

jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
jest.mock('@/services/demo-login', () => ({ endSession: jest.fn(), listDemoPersonas: jest.fn(), startSession: jest.fn() }));
jest.mock('@/services/login-redirect', () => ({ redirectToLogin: jest.fn() }));
const listMock = listDemoPersonas as jest.MockedFunction<typeof listDemoPersonas>;
const startMock = startSession as jest.MockedFunction<typeof startSession>;
const callMock = callFunction as jest.MockedFunction<typeof callFunction>;

const personas = [
  { key: 'new-visitor', openid: 'o-new', label: '新访客', description: '刚打开小程序' },
  { key: 'koc', openid: 'o-koc', label: '品牌KOC', description: '复购且带来过好友购买' },
];

/** Whoever was signed in before. */
const previous = { ...follower, memberId: 'm-old', nickname: '旧身份' };

beforeEach(() => jest.resetAllMocks());

describe('login slice', () => {
  it('loads the demo personas', async () => {
    listMock.mockResolvedValue({ ok: true, data: { personas } });
    const store = createAppStore();

    const loading = store.getState().loadPersonas();
    expect(store.getState().personasStatus).toBe('loading');
    await loading;

    expect(store.getState().personasStatus).toBe('ready');
    expect(store.getState().personas).toEqual(personas);
  });

  it('keeps the error when the personas cannot be loaded', async () => {
    listMock.mockResolvedValue(NETWORK_DOWN);
    const store = createAppStore();

    await store.getState().loadPersonas();

    expect(store.getState().personasStatus).toBe('error');
    expect(store.getState().personasError?.code).toBe('NETWORK_ERROR');
  });

  it('signing in as a persona starts its session and forgets the previous profile', async () => {
    callMock.mockResolvedValue({ ok: true, data: { profile: previous } });
    startMock.mockResolvedValue({ ok: true, data: { token: 't', openid: 'o-koc' } });
    const store = createAppStore();
    await store.getState().bootstrap();

    const signingIn = store.getState().signIn('o-koc');
    expect(store.getState().signingInAs).toBe('o-koc');
    const result = await signingIn;

    expect(startMock).toHaveBeenCalledWith('o-koc');
    expect(result.ok).toBe(true);
    expect(store.getState().signingInAs).toBeNull();
    expect(store.getState().profile).toBeNull();
    expect(store.getState().sessionStatus).toBe('idle');
  });

  it('signing in as a new customer passes no openid', async () => {
    startMock.mockResolvedValue({ ok: true, data: { token: 't', openid: 'oRandom' } });
    const store = createAppStore();

    const signingIn = store.getState().signIn();
    expect(store.getState().signingInAs).toBe('');
    await signingIn;

    expect(startMock).toHaveBeenCalledWith(undefined);
  });

  it('a failed sign-in keeps the current session state', async () => {
    startMock.mockResolvedValue(NETWORK_DOWN);
    const store = createAppStore();

    const result = await store.getState().signIn('o-koc');

    expect(result.ok).toBe(false);
    expect(store.getState().signingInAs).toBeNull();
  });

  it('switching identity drops the session, forgets the profile and goes to the picker', async () => {
    callMock.mockResolvedValue({ ok: true, data: { profile: previous } });
    const store = createAppStore();
    await store.getState().bootstrap();
    expect(store.getState().profile).not.toBeNull();

    store.getState().switchIdentity();

    expect(endSession).toHaveBeenCalledTimes(1);
    expect(redirectToLogin).toHaveBeenCalledTimes(1);
    expect(store.getState().profile).toBeNull();
    expect(store.getState().sessionStatus).toBe('idle');
  });
});
