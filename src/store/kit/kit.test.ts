import { create } from 'zustand';
import { act, renderHook } from '@testing-library/react';
import type { CloudResult } from '@/services/cloud-result';
import { createAppStore } from '@/store';
import { extendStore } from './extend-store';
import { appendPage, idleLoad, sectionLoader, type LoadState } from './load-state';
import { createSelectors } from './selectors';
import { deferred } from '@/test-support/replies';

jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

type Section = LoadState<'things'> & { things: string[] };

function sectionStore() {
  const store = create<Section>()(() => ({ ...idleLoad('things'), things: [] }));
  const replies: Array<ReturnType<typeof deferred<CloudResult<string[]>>>> = [];
  const loader = sectionLoader<Section, 'things', string[]>(store.setState, store.getState, 'things', {
    request: () => {
      const reply = deferred<CloudResult<string[]>>();
      replies.push(reply);
      return reply.promise;
    },
    done: (things) => ({ things }),
  });
  return { store, loader, replies };
}

describe('sectionLoader', () => {
  it('loads, keeps what is shown while it reloads, and stores an error', async () => {
    const { store, loader, replies } = sectionStore();
    const first = loader.load();
    expect(store.getState().thingsStatus).toBe('loading');
    replies[0].resolve({ ok: true, data: ['a'] });
    await first;
    expect(store.getState()).toMatchObject({ thingsStatus: 'ready', things: ['a'], thingsError: null });

    const again = loader.load();
    expect(store.getState().thingsStatus).toBe('ready');
    replies[1].resolve({ ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常' } });
    await again;
    expect(store.getState()).toMatchObject({ thingsStatus: 'error', things: ['a'], thingsError: { code: 'NETWORK_ERROR' } });
  });

  it('drops an answer overtaken by a newer load or a reset', async () => {
    const { store, loader, replies } = sectionStore();
    const older = loader.load();
    const newer = loader.load();
    replies[1].resolve({ ok: true, data: ['new'] });
    await newer;
    replies[0].resolve({ ok: true, data: ['old'] });
    await older;
    expect(store.getState().things).toEqual(['new']);

    const late = loader.load();
    loader.invalidate();
    replies[2].resolve({ ok: true, data: ['late'] });
    await late;
    expect(store.getState().things).toEqual(['new']);
  });
});

describe('appendPage', () => {
  it('adds the rows not shown yet, in order', () => {
    expect(appendPage([{ _id: 'a' }, { _id: 'b' }], [{ _id: 'b' }, { _id: 'c' }])).toEqual([{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }]);
  });
});

describe('createSelectors', () => {
  it('gives every field a hook that follows the field', () => {
    const store = createSelectors(create<{ count: number; label: string }>()(() => ({ count: 1, label: 'x' })));
    const { result } = renderHook(() => store.use.count());
    expect(result.current).toBe(1);
    act(() => store.setState({ count: 2 }));
    expect(result.current).toBe(2);
    expect(Object.keys(store.use).sort()).toEqual(['count', 'label']);
  });
});

describe('extendStore', () => {
  const createExtra = () => ({ extra: 'loaded', resetExtra: jest.fn() });

  it('adds a subpackage slice once, with its selectors, and forgets it with the session', () => {
    const app = createAppStore();
    const creator = jest.fn(createExtra);
    const forget = jest.fn((state: { resetExtra: () => void }) => state.resetExtra());
    const store = extendStore(app, creator, forget);
    extendStore(app, creator, forget);

    expect(creator).toHaveBeenCalledTimes(1);
    expect(store.getState().extra).toBe('loaded');
    expect(typeof store.use.extra).toBe('function');

    app.getState().resetSession();
    expect(forget).toHaveBeenCalledTimes(1);
    expect(store.getState().resetExtra).toHaveBeenCalledTimes(1);
  });
});
