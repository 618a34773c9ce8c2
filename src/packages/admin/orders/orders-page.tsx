import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { FilterTabs } from '@/components/filter-tabs/filter-tabs';
import { LoadMoreFooter } from '@/components/load-more/load-more';
import { PageState } from '@/components/page-state/page-state';
import type { AdminOrderView, OrderListFilter } from '@/services/contracts';
import { selectAdminOrdersHasMore, useAdminToolsStore } from '@/packages/admin/store';
import { formatFen } from '@/utils/money';
import { ORDER_FILTERS, statusTone, unitsText } from '@/utils/order-text';
import { formatDateTime, shortOpenid, staffErrorText } from '../shared/admin-text';
import { FieldInput } from '../shared/form-field';
import { StaffGate } from '../shared/staff-gate';
import '../shared/admin.scss';
import '../shared/tools.scss';

const TABS = ORDER_FILTERS.map(({ filter, label }) => ({ key: filter, label }));

/** 订单管理: every member's orders by status, searchable by order number or openid. Read only. */
export default function OrdersAdminPage() {
  return <StaffGate>{() => <OrdersArea />}</StaffGate>;
}

function OrdersArea() {
  const orders = useAdminToolsStore.use.adminOrders();
  const filter = useAdminToolsStore.use.adminOrdersFilter();
  const search = useAdminToolsStore.use.adminOrdersSearch();
  const status = useAdminToolsStore.use.adminOrdersStatus();
  const error = useAdminToolsStore.use.adminOrdersError();
  const hasMore = useAdminToolsStore(selectAdminOrdersHasMore);
  const moreStatus = useAdminToolsStore.use.adminOrdersMoreStatus();
  const moreError = useAdminToolsStore.use.adminOrdersMoreError();
  const load = useAdminToolsStore((state) => state.loadAdminOrders);
  const loadMore = useAdminToolsStore((state) => state.loadMoreAdminOrders);
  const [typed, setTyped] = useState(search);

  // Fresh each time the page opens, with the filter and search it had (later changes load themselves).
  const [opened] = useState(() => ({ filter, search }));
  useEffect(() => {
    void load(opened.filter, opened.search);
  }, [load, opened]);

  return (
    <View className="page admin-page" data-testid="admin-orders-page">
      <FilterTabs tabs={TABS} value={filter} onChange={(next: OrderListFilter) => void load(next, search)} testIdPrefix="admin-orders-tab" />
      <View className="card admin-section">
        <View className="admin-orders-search">
          <View className="admin-orders-search__input">
            <FieldInput value={typed} onChange={setTyped} placeholder="订单号或会员 openid" maxLength={64} testId="admin-orders-search" />
          </View>
          <Button type="primary" size="small" onClick={() => void load(filter, typed)} data-testid="admin-orders-search-submit">
            搜索
          </Button>
        </View>
        {search ? (
          <Text className="admin-section__hint" data-testid="admin-orders-searching">
            搜索「{search}」的结果
          </Text>
        ) : null}
      </View>
      {status === 'error' ? (
        <PageState
          kind="error"
          testId="admin-orders-error"
          title="订单加载失败"
          description={staffErrorText(error)}
          actionText="重试"
          onAction={() => void load(filter, search)}
        />
      ) : status !== 'ready' ? (
        <PageState kind="loading" testId="admin-orders-loading" />
      ) : orders.length === 0 ? (
        <PageState
          kind="empty"
          testId="admin-orders-empty"
          title="没有符合条件的订单"
          description={search ? '换个订单号或 openid 试试。' : '会员下单后会出现在这里。'}
        />
      ) : (
        <View className="admin-orders-list" data-testid="admin-orders-list">
          {orders.map((order) => (
            <OrderRow key={order._id} order={order} />
          ))}
          <LoadMoreFooter
            status={moreStatus}
            errorText={staffErrorText(moreError)}
            hasMore={hasMore}
            onLoadMore={() => void loadMore()}
            errorClassName="admin-section__error"
            testIds={{ error: 'admin-orders-more-error', more: 'admin-orders-more', end: 'admin-orders-end' }}
          />
        </View>
      )}
    </View>
  );
}

function OrderRow({ order }: { order: AdminOrderView }) {
  return (
    <View className="card admin-order" data-testid="admin-order-row" data-order-id={order._id} data-status={order.status}>
      <View className="reward-admin__line">
        <Text className="reward-admin__title" data-testid="admin-order-member">
          {order.memberNickname || '未设置昵称'}
          <Text className="admin-order__openid"> {shortOpenid(order.memberId)}</Text>
        </Text>
        <Text className={`admin-chip admin-order__status--${statusTone(order.status)}`} data-testid="admin-order-status">
          {order.statusText}
        </Text>
      </View>
      <Text className="reward-admin__meta">订单号 {order._id}</Text>
      <View className="admin-order__lines">
        {order.lines.map((line) => (
          <Text key={line.productId} className="admin-order__line">
            {line.name} ×{line.qty} · {formatFen(line.lineFen)}
          </Text>
        ))}
      </View>
      <View className="admin-order__foot">
        <Text className="reward-admin__meta">
          {unitsText(order.lines)} · {order.tierName}价{order.coupon ? ` · 券 ${order.coupon.title}` : ''}
        </Text>
        <Text className="admin-order__amount" data-testid="admin-order-amount">
          {formatFen(order.payFen)}
        </Text>
      </View>
      <Text className="reward-admin__meta">下单 {formatDateTime(order.createdAt)}</Text>
      {order.paidAt ? (
        <Text className="reward-admin__meta" data-testid="admin-order-paid-at">
          支付 {formatDateTime(order.paidAt)}
          {order.transactionId ? ` · 流水号 ${order.transactionId}` : ''}
        </Text>
      ) : null}
      {order.refund ? (
        <Text className="reward-admin__meta admin-order__refund" data-testid="admin-order-refund">
          退款：{order.refund.statusText}（{order.refund.reason}）
        </Text>
      ) : null}
    </View>
  );
}
