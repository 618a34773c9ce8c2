import { join } from 'node:path';
import { loadJsonFile, saveJsonFile } from '../openapi/json-file';

/** WeChat Pay v2 `trade_state` values the emulator produces. */
export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'PAYERROR' | 'REFUND';
export type RefundStatus = 'PROCESSING' | 'SUCCESS' | 'CHANGE' | 'REFUNDCLOSE';

/** One attempt to deliver a notification to the callback function. */
export interface Delivery {
  at: number;
  functionName: string;
  event: Record<string, unknown>;
  /** True when the function answered `{ errcode: 0 }`, which is what WeChat requires. */
  ok: boolean;
  result?: unknown;
  error?: string;
}

export interface PaymentRecord {
  outTradeNo: string;
  prepayId: string;
  status: TradeState;
  body: string;
  attach?: string;
  totalFee: number;
  feeType: string;
  tradeType: string;
  subMchId: string;
  subAppid: string;
  envId: string;
  functionName: string;
  spbillCreateIp: string;
  /** The payer, when the order named one (`sub_openid`/`openid`) or the confirm step did. */
  openid: string;
  createdAt: number;
  /** Expiry from `time_expire`, if given (ms). */
  expiresAt?: number;
  transactionId?: string;
  paidAt?: number;
  timeEnd?: string;
  failure?: string;
  /** The last payment notification (re-sent unchanged on a repeated confirm, as WeChat retries). */
  notification?: Record<string, unknown>;
  deliveries: Delivery[];
  refundedFee: number;
}

export interface RefundRecord {
  outRefundNo: string;
  refundId: string;
  outTradeNo: string;
  transactionId: string;
  totalFee: number;
  refundFee: number;
  refundDesc?: string;
  envId?: string;
  functionName?: string;
  status: RefundStatus;
  createdAt: number;
  successAt?: number;
  notification?: Record<string, unknown>;
  deliveries: Delivery[];
}

interface State {
  payments: PaymentRecord[];
  refunds: RefundRecord[];
}

/** Orders and refunds; in memory, mirrored to `<dataDir>/pay/state.json` when persistent. */
export class PaymentStore {
  private readonly payments = new Map<string, PaymentRecord>();
  private readonly refunds = new Map<string, RefundRecord>();
  private readonly file: string | null;

  constructor(dataDir: string | null) {
    this.file = dataDir ? join(dataDir, 'pay', 'state.json') : null;
    if (this.file) {
      const state = loadJsonFile<State>(this.file, { payments: [], refunds: [] });
      for (const p of state.payments) this.payments.set(p.outTradeNo, p);
      for (const r of state.refunds) this.refunds.set(r.outRefundNo, r);
    }
  }

  payment(outTradeNo: string): PaymentRecord | undefined {
    return this.payments.get(outTradeNo);
  }

  paymentByTransaction(transactionId: string): PaymentRecord | undefined {
    for (const p of this.payments.values()) if (p.transactionId === transactionId) return p;
    return undefined;
  }

  refund(outRefundNo: string): RefundRecord | undefined {
    return this.refunds.get(outRefundNo);
  }

  refundByRefundId(refundId: string): RefundRecord | undefined {
    for (const r of this.refunds.values()) if (r.refundId === refundId) return r;
    return undefined;
  }

  /** In the order they were made (WeChat Pay numbers an order's refunds from 0). */
  refundsOf(outTradeNo: string): RefundRecord[] {
    return [...this.refunds.values()].filter((r) => r.outTradeNo === outTradeNo).sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Newest first. */
  listPayments(): PaymentRecord[] {
    return [...this.payments.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  listRefunds(): RefundRecord[] {
    return [...this.refunds.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  putPayment(p: PaymentRecord): void {
    this.payments.set(p.outTradeNo, p);
    this.save();
  }

  putRefund(r: RefundRecord): void {
    this.refunds.set(r.outRefundNo, r);
    this.save();
  }

  /** Call after mutating a record in place. */
  save(): void {
    if (this.file) saveJsonFile(this.file, { payments: [...this.payments.values()], refunds: [...this.refunds.values()] } satisfies State);
  }

  clear(): { payments: number; refunds: number } {
    const counts = { payments: this.payments.size, refunds: this.refunds.size };
    this.payments.clear();
    this.refunds.clear();
    this.save();
    return counts;
  }
}
