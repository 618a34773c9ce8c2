import type { StateCreator } from 'zustand';
import { callFunction } from '@/services/cloud';
import { isOutcomeUnknown, type CloudError, type CloudResult } from '@/services/cloud-result';
import type { CartLineInput, CheckoutQuote, OrderListFilter, OrderView, PaymentParams, PayStart } from '@/services/contracts';
import { confirmEmulatorPayment } from '@/services/emulator-pay';
import { requestWeChatPayment, type WeChatPayOutcome } from '@/services/wechat-pay';
import { newRequestId } from '@/utils/request-id';
import { appendPage, type LoadStatus } from '@/store/kit/load-state';
import type { ShopState as AppState } from './store';

// The buyer's side of orders: checkout (the server's quote of a cart, the order placed once per
// checkout however often it is retried), payment start, my orders, one order, cancel and refund.
// Every price, discount, coupon rule and point comes from the shop function; this slice only
// remembers answers and makes sure one checkout becomes at most one order.

/** Orders fetched per page of 我的订单 (the server allows 1..50). */
export const ORDERS_PAGE_SIZE = 20;

export type CheckoutSource = 'cart' | 'buy_now';

export interface CheckoutDraft {
  source: CheckoutSource;
  lines: CartLineInput[];
  /** The coupon the person picked: undefined = not picked (the server's choice), null = none. */
  couponId: string | null | undefined;
  /** The idempotency key of this checkout: the same on every retry until an order is created. */
  requestId: string;
  /** Set once the order exists: the checkout is over, nothing is created again. */
  orderId: string | null;
}

/**
 * 'sending' while createOrder is out; 'unknown' when it failed without an answer (network, server
 * error): the order may exist, so the requestId stays and a retry returns that same order.
 */
export type SubmitStatus = 'idle' | 'sending' | 'unknown';

export interface OrderEntry {
  order: OrderView | null;
  status: LoadStatus;
  error: CloudError | null;
}

export interface OrderList {
  filter: OrderListFilter;
  orders: OrderView[];
  status: LoadStatus;
  error: CloudError | null;
  nextCursor: string | null;
  /** The "加载更多" request: its own state, so a failure keeps the orders already shown. */
  moreStatus: 'idle' | 'loading' | 'error';
  moreError: CloudError | null;
}

export type OrderActionKind = 'pay' | 'cancel' | 'refund';

export interface PollOptions {
  attempts?: number;
  intervalMs?: number;
}

export interface OrdersSlice {
  checkout: CheckoutDraft | null;
  quote: CheckoutQuote | null;
  quoteStatus: LoadStatus;
  quoteError: CloudError | null;
  submitStatus: SubmitStatus;
  /** Why the last submission was refused, or why its outcome is unknown. */
  submitError: CloudError | null;

  orderList: OrderList;
  orderDetails: Record<string, OrderEntry>;
  /** The order action being sent, to disable its buttons meanwhile. */
  orderAction: { orderId: string; kind: OrderActionKind } | null;

  /**
   * Starts a checkout of these lines and asks the server for its quote. A new checkout gets a new
   * requestId, except one repeating a checkout whose submission has no known outcome (a retry).
   */
  startCheckout: (source: CheckoutSource, lines: CartLineInput[]) => Promise<void>;
  /** Asks for the quote again (retry after a failure). */
  requoteCheckout: () => Promise<void>;
  /** Changes a line's quantity (buy-now's stepper); the server prices it again. Not while a submission's outcome is unknown. */
  setCheckoutQty: (productId: string, qty: number) => Promise<void>;
  /** Picks a coupon (null: none); the server prices it again. Not while a submission's outcome is unknown. */
  chooseCoupon: (couponId: string | null) => Promise<void>;
  /**
   * Places the order shown (its lines, with the coupon the quote applied). A second call while it
   * is out returns the same request; after a failure without an answer, a retry sends the same
   * requestId, so the server creates at most one order. Null when there is nothing to submit.
   */
  submitOrder: () => Promise<CloudResult<{ order: OrderView; replayed: boolean }> | null>;

  /** The first page of 我的订单 under a filter (replaces what was loaded). */
  loadOrders: (filter: OrderListFilter) => Promise<void>;
  loadMoreOrders: () => Promise<void>;

  loadOrder: (orderId: string) => Promise<CloudResult<{ order: OrderView }>>;
  /** Payment parameters for an unpaid order (shop.pay). */
  startPay: (orderId: string) => Promise<CloudResult<PayStart>>;
  /** weapp: WeChat's payment sheet with the parameters startPay gave; what the person did. */
  requestWeChatPayment: (payment: PaymentParams) => Promise<WeChatPayOutcome>;
  /** h5 only: the emulator's cashier plays the person paying (services/emulator-pay.ts). */
  confirmEmulatorPayment: (outTradeNo: string) => Promise<CloudResult<{ confirmed: true }>>;
  /** shop.cancelOrder; after a refusal the order has been read again (it may have been paid meanwhile). */
  cancelOrder: (orderId: string) => Promise<CloudResult<{ order: OrderView }>>;
  requestRefund: (orderId: string, reason: string) => Promise<CloudResult<{ order: OrderView }>>;
  /**
   * After paying: the payment notification reaches the server on its own, shortly. Reads the
   * order a few times until it is no longer pending; the last order read (null if none could be).
   */
  waitUntilPaid: (orderId: string, options?: PollOptions) => Promise<OrderView | null>;

  /** Forgets everything, e.g. when the person switches identity. */
  resetOrders: () => void;
}

/** Refusals after which the same checkout may simply be sent again (nothing was created). */
const RETRY_SAME_KEY: ReadonlySet<string> = new Set(['CONFLICT']);

const PAY_POLL_ATTEMPTS = 6;
const PAY_POLL_INTERVAL_MS = 1000;

const emptyList = (filter: OrderListFilter = 'all'): OrderList => ({
  filter,
  orders: [],
  status: 'idle',
  error: null,
  nextCursor: null,
  moreStatus: 'idle',
  moreError: null,
});

const EMPTY_ENTRY: OrderEntry = { order: null, status: 'idle', error: null };

const initialOrdersState = () =>
  ({
    checkout: null,
    quote: null,
    quoteStatus: 'idle',
    quoteError: null,
    submitStatus: 'idle',
    submitError: null,
    orderList: emptyList(),
    orderDetails: {},
    orderAction: null,
  }) satisfies Partial<OrdersSlice>;

const sameLines = (a: CartLineInput[], b: CartLineInput[]) =>
  a.length === b.length && a.every((line, i) => line.productId === b[i].productId && line.qty === b[i].qty);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const createOrdersSlice: StateCreator<AppState, [], [], OrdersSlice> = (set, get) => {
  // Answers to requests sent before a reset (another identity) or a newer request are dropped.
  let epoch = 0;
  let quoteGeneration = 0;
  let listGeneration = 0;
  const orderGeneration: Record<string, number> = {};
  let submitInFlight: Promise<CloudResult<{ order: OrderView; replayed: boolean }> | null> | null = null;

  /** An order the server just returned: its page and its card in the list show it. */
  const remember = (order: OrderView) => {
    const { orderDetails, orderList } = get();
    set({
      orderDetails: { ...orderDetails, [order._id]: { order, status: 'ready', error: null } },
      orderList: { ...orderList, orders: orderList.orders.map((o) => (o._id === order._id ? order : o)) },
    });
  };

  const setEntry = (orderId: string, entry: Partial<OrderEntry>) =>
    set({ orderDetails: { ...get().orderDetails, [orderId]: { ...(get().orderDetails[orderId] ?? EMPTY_ENTRY), ...entry } } });

  const quoteDraft = async () => {
    const draft = get().checkout;
    if (!draft || draft.orderId) return;
    const mine = ++quoteGeneration;
    set({ quoteStatus: get().quoteStatus === 'ready' ? 'ready' : 'loading', quoteError: null });
    const result = await callFunction('shop', 'quote', {
      lines: draft.lines,
      ...(draft.couponId !== undefined ? { couponId: draft.couponId } : {}),
    });
    if (mine !== quoteGeneration) return;
    if (result.ok) set({ quoteStatus: 'ready', quote: result.data.quote });
    else set({ quoteStatus: 'error', quoteError: result.error, quote: null });
  };

  const changeDraft = (change: Partial<CheckoutDraft>) => {
    const draft = get().checkout;
    // After a submission without an answer the order may exist with these lines and this coupon:
    // the server replays it only for the same ones, so the checkout is locked until it is retried.
    if (!draft || draft.orderId || get().submitStatus !== 'idle') return Promise.resolve();
    set({ checkout: { ...draft, ...change }, submitError: null });
    return quoteDraft();
  };

  /** shop.cancelOrder / shop.requestRefund / shop.pay: one at a time per order, the answer remembered. */
  const orderAction = async <T>(orderId: string, kind: OrderActionKind, send: () => Promise<CloudResult<T>>) => {
    const mine = epoch;
    set({ orderAction: { orderId, kind } });
    const result = await send();
    if (mine !== epoch) return result;
    set({ orderAction: null });
    return result;
  };

  return {
    ...initialOrdersState(),

    startCheckout: (source, lines) => {
      const current = get().checkout;
      // The same checkout again after a submission without an answer keeps its key (and picks).
      const resumes =
        current !== null && current.orderId === null && get().submitStatus === 'unknown' && current.source === source && sameLines(current.lines, lines);
      const checkout: CheckoutDraft = resumes ? current : { source, lines, couponId: undefined, requestId: newRequestId('order'), orderId: null };
      set({
        checkout,
        quote: null,
        quoteStatus: 'loading',
        quoteError: null,
        ...(resumes ? {} : { submitStatus: 'idle' as const, submitError: null }),
      });
      return quoteDraft();
    },

    requoteCheckout: () => quoteDraft(),

    setCheckoutQty: (productId, qty) => {
      const draft = get().checkout;
      if (!draft) return Promise.resolve();
      return changeDraft({ lines: draft.lines.map((line) => (line.productId === productId ? { ...line, qty } : line)) });
    },

    chooseCoupon: (couponId) => changeDraft({ couponId }),

    submitOrder: () => {
      if (submitInFlight) return submitInFlight;
      const { checkout: draft, quote } = get();
      if (!draft || draft.orderId || !quote || get().quoteStatus !== 'ready') return Promise.resolve(null);
      const mine = epoch;
      set({ submitStatus: 'sending', submitError: null });
      const sending = (async () => {
        const result = await callFunction('shop', 'createOrder', {
          requestId: draft.requestId,
          lines: draft.lines,
          // The coupon the quote on screen applied: the order is what the person saw.
          couponId: quote.couponId,
        });
        if (mine !== epoch) return result;
        if (result.ok) {
          set({ submitStatus: 'idle', checkout: { ...draft, orderId: result.data.order._id } });
          remember(result.data.order);
        } else if (isOutcomeUnknown(result.error)) {
          set({ submitStatus: 'unknown', submitError: result.error });
        } else {
          // A refusal is an answer: nothing was created. The next attempt is a new one (unless the
          // server only asked to try again), and prices, stock or coupons changed: quote again.
          const requestId = RETRY_SAME_KEY.has(result.error.code) ? draft.requestId : newRequestId('order');
          set({ submitStatus: 'idle', submitError: result.error, checkout: { ...draft, requestId } });
          void quoteDraft();
        }
        return result;
      })().finally(() => {
        submitInFlight = null;
      });
      submitInFlight = sending;
      return sending;
    },

    loadOrders: async (filter) => {
      const mine = ++listGeneration;
      const shown = get().orderList;
      const keep = shown.filter === filter && shown.status === 'ready';
      set({ orderList: keep ? { ...shown, error: null, moreStatus: 'idle', moreError: null } : { ...emptyList(filter), status: 'loading' } });
      const result = await callFunction('shop', 'myOrders', { filter, limit: ORDERS_PAGE_SIZE });
      if (mine !== listGeneration) return;
      if (result.ok) {
        set({ orderList: { ...emptyList(filter), status: 'ready', orders: result.data.orders, nextCursor: result.data.nextCursor } });
      } else {
        set({ orderList: { ...get().orderList, status: 'error', error: result.error } });
      }
    },

    loadMoreOrders: async () => {
      const list = get().orderList;
      if (list.status !== 'ready' || !list.nextCursor || list.moreStatus === 'loading') return;
      const mine = listGeneration;
      set({ orderList: { ...list, moreStatus: 'loading', moreError: null } });
      const result = await callFunction('shop', 'myOrders', { filter: list.filter, cursor: list.nextCursor, limit: ORDERS_PAGE_SIZE });
      // A reload (or another filter) meanwhile made this page meaningless.
      if (mine !== listGeneration) return;
      const current = get().orderList;
      if (result.ok) {
        set({ orderList: { ...current, orders: appendPage(current.orders, result.data.orders), nextCursor: result.data.nextCursor, moreStatus: 'idle' } });
      } else {
        set({ orderList: { ...current, moreStatus: 'error', moreError: result.error } });
      }
    },

    loadOrder: async (orderId) => {
      const mine = (orderGeneration[orderId] = (orderGeneration[orderId] ?? 0) + 1);
      const start = epoch;
      const shown = get().orderDetails[orderId]?.status === 'ready';
      setEntry(orderId, { status: shown ? 'ready' : 'loading', error: null });
      const result = await callFunction('shop', 'order', { orderId });
      if (start !== epoch || mine !== orderGeneration[orderId]) return result;
      if (result.ok) remember(result.data.order);
      else setEntry(orderId, { status: 'error', error: result.error, ...(result.error.code === 'NOT_FOUND' ? { order: null } : {}) });
      return result;
    },

    startPay: (orderId) => orderAction(orderId, 'pay', () => callFunction('shop', 'pay', { orderId })),

    requestWeChatPayment: (payment) => requestWeChatPayment(payment),

    confirmEmulatorPayment: (outTradeNo) => confirmEmulatorPayment(outTradeNo),

    cancelOrder: (orderId) =>
      orderAction(orderId, 'cancel', async () => {
        const result = await callFunction('shop', 'cancelOrder', { orderId });
        if (result.ok) remember(result.data.order);
        // Refused (ORDER_NOT_CANCELLABLE: paid meanwhile, already closed): the order is read again
        // before the refusal is answered, so the page shows it as it is now (已付款) as it says why.
        else if (!isOutcomeUnknown(result.error)) await get().loadOrder(orderId);
        return result;
      }),

    requestRefund: (orderId, reason) =>
      orderAction(orderId, 'refund', async () => {
        const result = await callFunction('shop', 'requestRefund', { orderId, reason });
        if (result.ok) remember(result.data.order);
        return result;
      }),

    waitUntilPaid: async (orderId, { attempts = PAY_POLL_ATTEMPTS, intervalMs = PAY_POLL_INTERVAL_MS } = {}) => {
      let last: OrderView | null = null;
      for (let attempt = 0; attempt < attempts; attempt += 1) {
        if (attempt > 0) await sleep(intervalMs);
        const result = await get().loadOrder(orderId);
        if (result.ok) {
          last = result.data.order;
          if (last.status !== 'pending_payment') return last;
        }
      }
      return last;
    },

    resetOrders: () => {
      epoch += 1;
      quoteGeneration += 1;
      listGeneration += 1;
      for (const id of Object.keys(orderGeneration)) orderGeneration[id] += 1;
      submitInFlight = null;
      set(initialOrdersState());
    },
  };
};

export const selectOrderEntry =
  (orderId: string) =>
  (state: AppState): OrderEntry =>
    state.orderDetails[orderId] ?? EMPTY_ENTRY;
