/**
 * Reads what the invariants need from the emulator's database with the real SDK (the soak runs in
 * its own process, pointed at the child emulator by the environment it printed).
 */
import { control } from './gateway-client';
import type { Baseline, SoakWorld } from './invariants';
import { baselineOf } from './invariants';

type Db = any;

const PAGE = 1000;

/** Every document of a collection (optionally matching `where`), paged by _id: WeChat caps a read at 1,000. */
export async function readAll<T extends { _id: string }>(db: Db, collection: string, where: Record<string, unknown> = {}): Promise<T[]> {
  const _ = db.command;
  const out: T[] = [];
  let last: string | null = null;
  for (;;) {
    const cond: Record<string, unknown> = last === null ? where : { ...where, _id: _.gt(last) };
    const { data }: { data: T[] } = await db.collection(collection).where(cond).orderBy('_id', 'asc').limit(PAGE).get();
    out.push(...data);
    if (data.length < PAGE) return out;
    last = data[data.length - 1]._id;
  }
}

export async function readBaseline(db: Db, rewardIds: string[]): Promise<Baseline> {
  const [products, shards, redemptions] = await Promise.all([readAll<any>(db, 'products'), readAll<any>(db, 'reward_stock'), readAll<any>(db, 'redemptions')]);
  return baselineOf(products, shards, redemptions, rewardIds);
}

/** WeChat Pay's records, from the emulator's control routes. */
async function readPay(baseUrl: string): Promise<Pick<SoakWorld, 'payments' | 'payRefunds'>> {
  const [{ payments }, { refunds }] = await Promise.all([
    control<{ payments: any[] }>(baseUrl, 'GET', '/control/payments'),
    control<{ refunds: any[] }>(baseUrl, 'GET', '/control/refunds'),
  ]);
  return {
    payments: payments.map((p) => ({ outTradeNo: p.outTradeNo, status: p.status, totalFee: p.totalFee, refundedFee: p.refundedFee })),
    payRefunds: refunds.map((r) => ({ outRefundNo: r.outRefundNo, outTradeNo: r.outTradeNo, status: r.status, refundFee: r.refundFee })),
  };
}

export async function readWorld(db: Db, baseUrl: string, soakMembers: ReadonlySet<string>): Promise<SoakWorld> {
  const [members, wallets, entries, products, rewardStock, redemptions, orders, orderEvents, refunds, conversions, pay] = await Promise.all([
    readAll<any>(db, 'members'),
    readAll<any>(db, 'points_wallets'),
    readAll<any>(db, 'points_entries'),
    readAll<any>(db, 'products'),
    readAll<any>(db, 'reward_stock'),
    readAll<any>(db, 'redemptions'),
    readAll<any>(db, 'orders'),
    readAll<any>(db, 'order_events'),
    readAll<any>(db, 'refunds'),
    readAll<any>(db, 'conversions'),
    readPay(baseUrl),
  ]);
  return { members, wallets, entries, products, rewardStock, redemptions, orders, orderEvents, refunds, conversions, ...pay, soakMembers };
}
