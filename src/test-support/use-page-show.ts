// jest only: pages run outside Taro's page lifecycle, so "the page was shown again" is something
// a test does by calling showPageAgain().
const callbacks = new Set<() => void>();

export function usePageShow(callback: () => void): void {
  const { useEffect, useRef } = require('react') as typeof import('react');
  const latest = useRef(callback);
  latest.current = callback;
  useEffect(() => {
    const run = () => latest.current();
    callbacks.add(run);
    return () => {
      callbacks.delete(run);
    };
  }, []);
}

export function showPageAgain(): void {
  for (const run of [...callbacks]) run();
}
