import { useEffect, useMemo } from 'react';
import { StatePage } from '@/components/page-state/page-state';
import { orderErrorText } from '@/utils/order-error-text';
import { selectOrderEntry, useShopStore } from './store';

/**
 * One of the caller's orders for a page, read on every visit (it changes without the person:
 * paid, expired, refund decided), with `placeholder`: the page to show until it is there — its
 * load failure (with a retry) or its loading state — or null once the order is shown.
 */
export function useOrder(orderId: string, testIdPrefix: string) {
  const selectEntry = useMemo(() => selectOrderEntry(orderId), [orderId]);
  const { order, status, error } = useShopStore(selectEntry);
  const loadOrder = useShopStore((state) => state.loadOrder);

  useEffect(() => {
    if (orderId) void loadOrder(orderId);
  }, [orderId, loadOrder]);

  const placeholder =
    status === 'error' && !order ? (
      <StatePage
        kind="error"
        testId={`${testIdPrefix}-error`}
        title="订单加载失败"
        description={orderErrorText(error)}
        actionText="重试"
        onAction={() => void loadOrder(orderId)}
      />
    ) : !order ? (
      <StatePage kind="loading" testId={`${testIdPrefix}-loading`} />
    ) : null;

  return { order, status, error, placeholder };
}
