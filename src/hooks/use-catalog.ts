import { useEffect } from 'react';
import { useAppStore } from '@/store';

/**
 * The catalog at the caller's prices for a page: loaded once per person (a switch of identity
 * forgets it, joining reloads it), with a retry after a failure.
 */
export function useCatalog() {
  const products = useAppStore.use.catalog();
  const status = useAppStore.use.catalogStatus();
  const error = useAppStore.use.catalogError();
  const loadCatalog = useAppStore((state) => state.loadCatalog);

  useEffect(() => {
    if (status === 'idle') void loadCatalog();
  }, [status, loadCatalog]);

  return { products, status, error, retry: loadCatalog };
}
