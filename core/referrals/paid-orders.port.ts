/**
 * What attribution needs to know of orders: which of some members ever paid one (the "many
 * referrals with no activity" signal). Orders are above referrals (a payment records its
 * conversion), so referrals never read them: the caller passes the orders area's answer
 * (orders.repo membersWhoPaid).
 */
import type { Database } from '../platform/database';

export interface PaidOrders {
  /** Of `memberIds`, those who ever paid an order. */
  paidAmong(db: Database, memberIds: string[]): Promise<Set<string>>;
}
