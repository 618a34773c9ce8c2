import { QueryCache } from './query-cache';

test('the same query text is compiled once and reused', () => {
  const cache = new QueryCache();
  const a = cache.get({ status: 'pending', n: { $gte: 1 } });
  expect(cache.get({ status: 'pending', n: { $gte: 1 } })).toBe(a);
  expect(cache.get({ status: 'done', n: { $gte: 1 } })).not.toBe(a);
  expect(a.test({ status: 'pending', n: 2 })).toBe(true);
  expect(a.test({ status: 'pending', n: 0 })).toBe(false);
});

test('a date and the string of the same instant are different queries', () => {
  const cache = new QueryCache();
  const at = new Date('2026-12-03T00:00:00.000Z');
  const byDate = cache.get({ at });
  const byString = cache.get({ at: at.toISOString() });
  expect(byString).not.toBe(byDate);
  expect(byDate.test({ at: new Date(at) })).toBe(true);
  expect(byString.test({ at: new Date(at) })).toBe(false);
  expect(byString.test({ at: at.toISOString() })).toBe(true);
});

test('regular expressions keep their flags in the key', () => {
  const cache = new QueryCache();
  expect(cache.get({ name: /^ab/i })).not.toBe(cache.get({ name: /^ab/ }));
  expect(cache.get({ name: /^ab/i }).test({ name: 'ABc' })).toBe(true);
  expect(cache.get({ name: /^ab/ }).test({ name: 'ABc' })).toBe(false);
});

test('it holds at most its capacity, dropping the least recently used', () => {
  const cache = new QueryCache(3);
  const first = cache.get({ k: 1 });
  cache.get({ k: 2 });
  cache.get({ k: 3 });
  cache.get({ k: 1 }); // used again: now the newest
  cache.get({ k: 4 }); // evicts k: 2
  expect(cache.size).toBe(3);
  expect(cache.get({ k: 1 })).toBe(first);
});
