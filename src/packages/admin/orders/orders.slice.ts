import type { StateCreator } from 'zustand';
import { callFunction } from '@/services/cloud';
import type { CloudError, CloudResult } from '@/services/cloud-result';
import type { AdminOrderView, AdminRefundView, DecideRefundInput, OrderListFilter, RefundQueueInput } from '@/services/contracts';
import { appendPage, idleLoad, sectionLoader, type LoadState } from '@/store/kit/load-state';
import type { AdminToolsState as AppState } from '../store';

// 订单管理 and 退款审核 in the staff area. Moderators and admins see orders and refund requests;
// only admins decide a refund (approve, putting the goods back on sale or not, or reject with a
// reason). The server checks the role on every call, moves the money and reverses the points.

export type RefundQueueStatus = NonNullable<RefundQueueInput['status']>;

/** Refusals that mean the refund is no longer what the row shows. */
const RELOAD_AFTER: ReadonlySet<string> = new Set(['REFUND_ALREADY_DECIDED', 'REFUND_NOT_ALLOWED', 'CONFLICT', 'NOT_FOUND']);

/** Orders fetched per page (the server allows 1..50). */
export const ADMIN_ORDERS_PAGE_SIZE = 20;

export type AdminOrdersSlice = LoadState<'adminOrders'> &
  LoadState<'adminRefunds'> & {
    adminOrders: AdminOrderView[];
    adminOrdersFilter: OrderListFilter;
    /** An order number or a member's openid; '' = every order. */
    adminOrdersSearch: string;
    adminOrdersNextCursor: string | null;
    adminOrdersMoreStatus: 'idle' | 'loading' | 'error';
    adminOrdersMoreError: CloudError | null;

    adminRefunds: AdminRefundView[];
    adminRefundsQueue: RefundQueueStatus;
    /** The refund being decided, to disable its buttons meanwhile. */
    refundDeciding: string | null;
    refundDecideError: { refundId: string; error: CloudError } | null;

    /** The first page under a filter and a search (replaces what was loaded). */
    loadAdminOrders: (filter: OrderListFilter, search: string) => Promise<void>;
    loadMoreAdminOrders: () => Promise<void>;
    loadRefundQueue: (queue: RefundQueueStatus) => Promise<void>;
    /** Approves or rejects; the row shows the decided refund (it stays in the list until a reload). */
    decideRefund: (input: DecideRefundInput) => Promise<CloudResult<{ refund: AdminRefundView }>>;
    resetAdminOrders: () => void;
  };

const initialAdminOrdersState = {
  adminOrders: [],
  adminOrdersFilter: 'all',
  adminOrdersSearch: '',
  ...idleLoad('adminOrders'),
  adminOrdersNextCursor: null,
  adminOrdersMoreStatus: 'idle',
  adminOrdersMoreError: null,
  adminRefunds: [],
  adminRefundsQueue: 'requested',
  ...idleLoad('adminRefunds'),
  refundDeciding: null,
  refundDecideError: null,
} satisfies Partial<AdminOrdersSlice>;

export const createAdminOrdersSlice: StateCreator<AppState, [], [], AdminOrdersSlice> = (set, get) => {
  // Answers to requests older than the newest list request (or a reset) are dropped.
  const orders = sectionLoader(set, get, 'adminOrders', {
    request: (filter: OrderListFilter, search: string) =>
      callFunction('admin', 'ordersList', { filter, ...(search.trim() ? { search: search.trim() } : {}), limit: ADMIN_ORDERS_PAGE_SIZE }),
    done: (data) => ({ adminOrders: data.orders, adminOrdersNextCursor: data.nextCursor }),
    start: (filter: OrderListFilter, search: string) => ({
      adminOrdersFilter: filter,
      adminOrdersSearch: search.trim(),
      adminOrdersMoreStatus: 'idle' as const,
      adminOrdersMoreError: null,
      // A new filter or search: the old rows are not an answer to it.
      ...(get().adminOrdersFilter === filter && get().adminOrdersSearch === search.trim() && get().adminOrdersStatus === 'ready'
        ? {}
        : { adminOrdersStatus: 'loading' as const, adminOrders: [], adminOrdersNextCursor: null }),
    }),
  });
  const refunds = sectionLoader(set, get, 'adminRefunds', {
    request: (queue: RefundQueueStatus) => callFunction('admin', 'refundQueue', { status: queue }),
    done: (data) => ({ adminRefunds: data.refunds }),
    // A reload keeps the message of a refusal it was asked to follow up on.
    start: (queue: RefundQueueStatus) => ({
      adminRefundsQueue: queue,
      ...(get().adminRefundsQueue === queue && get().adminRefundsStatus === 'ready'
        ? {}
        : { adminRefundsStatus: 'loading' as const, adminRefunds: [], refundDecideError: null }),
    }),
  });
  let epoch = 0;

  return {
    ...initialAdminOrdersState,

    loadAdminOrders: orders.load,

    loadMoreAdminOrders: async () => {
      const { adminOrdersStatus, adminOrdersNextCursor, adminOrdersMoreStatus, adminOrdersFilter, adminOrdersSearch } = get();
      if (adminOrdersStatus !== 'ready' || !adminOrdersNextCursor || adminOrdersMoreStatus === 'loading') return;
      const mine = orders.current();
      set({ adminOrdersMoreStatus: 'loading', adminOrdersMoreError: null });
      const result = await callFunction('admin', 'ordersList', {
        filter: adminOrdersFilter,
        ...(adminOrdersSearch ? { search: adminOrdersSearch } : {}),
        cursor: adminOrdersNextCursor,
        limit: ADMIN_ORDERS_PAGE_SIZE,
      });
      if (mine !== orders.current()) return;
      if (result.ok) {
        set({
          adminOrders: appendPage(get().adminOrders, result.data.orders),
          adminOrdersNextCursor: result.data.nextCursor,
          adminOrdersMoreStatus: 'idle',
        });
      } else {
        set({ adminOrdersMoreStatus: 'error', adminOrdersMoreError: result.error });
      }
    },

    loadRefundQueue: refunds.load,

    decideRefund: async (input) => {
      const mine = epoch;
      set({ refundDeciding: input.refundId, refundDecideError: null });
      const result = await callFunction('admin', 'decideRefund', input);
      if (mine !== epoch) return result;
      if (result.ok) {
        const decided = result.data.refund;
        set({
          refundDeciding: null,
          adminRefunds: get().adminRefunds.map((refund) => (refund._id === decided._id ? decided : refund)),
        });
      } else {
        set({ refundDeciding: null, refundDecideError: { refundId: input.refundId, error: result.error } });
        // Decided by someone else meanwhile: show the refund as it is now.
        if (RELOAD_AFTER.has(result.error.code)) void get().loadRefundQueue(get().adminRefundsQueue);
      }
      return result;
    },

    resetAdminOrders: () => {
      orders.invalidate();
      refunds.invalidate();
      epoch += 1;
      set({ ...initialAdminOrdersState });
    },
  };
};

export const selectAdminOrdersHasMore = (state: AppState) => state.adminOrdersNextCursor !== null;
