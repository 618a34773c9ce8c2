import { useEffect } from 'react';
import { useAppStore } from '@/store';

/**
 * The current person's session for a page: opens it on first use (any page may be the first one
 * a person lands on, e.g. from a shared card) and offers a retry after a failure.
 */
export function useSession() {
  const status = useAppStore.use.sessionStatus();
  const profile = useAppStore.use.profile();
  const error = useAppStore.use.sessionError();
  const bootstrap = useAppStore((state) => state.bootstrap);

  useEffect(() => {
    if (status === 'idle') void bootstrap();
  }, [status, bootstrap]);

  return { status, profile, error, retry: bootstrap };
}
