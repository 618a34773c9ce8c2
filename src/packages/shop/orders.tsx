import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { FilterTabs } from '@/components/filter-tabs/filter-tabs';
import { LoadMoreFooter } from '@/components/load-more/load-more';
import { PageState } from '@/components/page-state/page-state';
import { ROUTES, openPage, routeParam } from '@/routes';
import type { OrderListFilter } from '@/services/contracts';
import { orderErrorText } from '@/utils/order-error-text';
import { useShopStore } from '@/packages/shop/store';
import { OrderCard } from './order-card';
import { ORDER_FILTERS, isOrderFilter } from '@/utils/order-text';
import './shop.scss';
import './orders.scss';

const TABS = ORDER_FILTERS.map(({ filter, label }) => ({ key: filter, label }));

const EMPTY_TEXT: Record<OrderListFilter, string> = {
  all: '还没有订单',
  pending_payment: '没有待付款的订单',
  paid: '没有已付款的订单',
  closed: '没有已关闭的订单',
  refund: '没有退款的订单',
};

/** 我的订单: by status (全部/待付款/已付款/已关闭/退款), newest first, page after page. */
export default function OrdersPage() {
  const [filter, setFilter] = useState<OrderListFilter>(() => {
    const asked = routeParam('filter');
    return isOrderFilter(asked) ? asked : 'all';
  });
  const list = useShopStore.use.orderList();
  const loadOrders = useShopStore((state) => state.loadOrders);
  const loadMore = useShopStore((state) => state.loadMoreOrders);

  // Each time a tab is shown: fresh from the server.
  useEffect(() => {
    void loadOrders(filter);
  }, [filter, loadOrders]);

  const shown = list.filter === filter ? list : null;

  return (
    <View className="page orders-page">
      <FilterTabs tabs={TABS} value={filter} onChange={setFilter} testIdPrefix="orders-tab" />
      {!shown || shown.status === 'loading' || shown.status === 'idle' ? (
        <PageState kind="loading" testId="orders-loading" />
      ) : shown.status === 'error' ? (
        <PageState
          kind="error"
          testId="orders-error"
          title="订单加载失败"
          description={orderErrorText(shown.error)}
          actionText="重试"
          onAction={() => void loadOrders(filter)}
        />
      ) : shown.orders.length === 0 ? (
        <PageState
          kind="empty"
          testId="orders-empty"
          title={EMPTY_TEXT[filter]}
          description="挑选好物，下单后可以在这里查看。"
          actionText="去逛逛"
          onAction={() => openPage(ROUTES.catalog)}
        />
      ) : (
        <View className="orders-list" data-testid="orders-list" data-filter={filter}>
          {shown.orders.map((order) => (
            <OrderCard key={order._id} order={order} />
          ))}
          <LoadMoreFooter
            status={shown.moreStatus}
            errorText={orderErrorText(shown.moreError)}
            hasMore={shown.nextCursor !== null}
            onLoadMore={() => void loadMore()}
            errorClassName="shop-error"
            testIds={{ error: 'orders-more-error', more: 'orders-more', end: 'orders-end' }}
          />
        </View>
      )}
    </View>
  );
}
