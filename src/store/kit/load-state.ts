import type { CloudError, CloudResult } from '@/services/cloud-result';

// The one shape of "something loaded from a cloud function" in the store: a status and an error
// beside the data, named after the section (`catalogStatus`, `catalogError`), and a load that keeps
// what is shown while it reloads and drops an answer overtaken by a newer request or a reset.

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** `${name}Status` and `${name}Error` of one section. */
export type LoadState<N extends string> = { [K in `${N}Status`]: LoadStatus } & { [K in `${N}Error`]: CloudError | null };

export const idleLoad = <N extends string>(name: N) => ({ [`${name}Status`]: 'idle', [`${name}Error`]: null }) as LoadState<N>;

/** 'loading' only when nothing is shown yet: a reload keeps the current data on screen. */
export const loadingUnlessShown = (status: LoadStatus): LoadStatus => (status === 'ready' ? 'ready' : 'loading');

/** Numbers a section's requests: an answer to one that is no longer the latest (a newer one, a reset) is dropped. */
export function requestCounter() {
  let latest = 0;
  return {
    next: () => ++latest,
    current: () => latest,
    isLatest: (request: number) => request === latest,
    /** Drops every answer still on its way (a reset). */
    invalidate: () => {
      latest += 1;
    },
  };
}

type Setter<S> = (partial: Partial<S>) => void;

export interface SectionLoad<S, T, A extends unknown[]> {
  request: (...args: A) => Promise<CloudResult<T>>;
  /** What an answer stores besides the status. */
  done: (data: T, ...args: A) => Partial<S>;
  /** What else a load changes as it starts (it may override the status: another query's rows are not shown). */
  start?: (...args: A) => Partial<S>;
}

/**
 * The load of the section `name`: marks it loading (unless shown), asks, and stores the answer or
 * the error, unless a newer load or a reset (`invalidate`) came meanwhile.
 */
export function sectionLoader<S, N extends string, T, A extends unknown[] = []>(
  set: Setter<S>,
  get: () => S,
  name: N,
  { request, done, start }: SectionLoad<S, T, A>,
) {
  const counter = requestCounter();
  const status = `${name}Status` as keyof S;
  const error = `${name}Error` as keyof S;
  const load = async (...args: A): Promise<void> => {
    const mine = counter.next();
    set({ [status]: loadingUnlessShown(get()[status] as LoadStatus), [error]: null, ...start?.(...args) } as Partial<S>);
    const result = await request(...args);
    if (!counter.isLatest(mine)) return;
    if (result.ok) set({ [status]: 'ready', ...done(result.data, ...args) } as Partial<S>);
    else set({ [status]: 'error', [error]: result.error } as Partial<S>);
  };
  /** `current` numbers the latest load: a save sent before a newer load or a reset drops its answer too. */
  return { load, invalidate: counter.invalidate, current: counter.current };
}

/** The next page after what is shown, without rows already shown (a row can move up while pages load). */
export const appendPage = <T extends { _id: string }>(shown: T[], page: T[]): T[] => {
  const seen = new Set(shown.map((row) => row._id));
  return [...shown, ...page.filter((row) => !seen.has(row._id))];
};
