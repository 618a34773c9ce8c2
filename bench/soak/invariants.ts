/**
 * The invariants the soak checks after its drain, as pure functions over documents read from the
 * emulator's database (snapshot.ts reads them). Each check returns PASS/FAIL with the offending
 * documents. The shapes below are the fields the checks rely on (core/*\/*.model.ts and
 * core/points/points.repo.ts own the full types); a field that goes missing shows up as a FAIL,
 * never as a silent pass.
 */

export interface MemberLite {
  _id: string;
  points?: number;
  pointsDebt?: number;
}
export interface WalletLite {
  _id: string;
  balance: number;
  debt: number;
  lots?: Array<{ key: string; remaining: number }>;
}
/** A ledger line; its `_id` is its source key (`order:<id>:earn`, `conversion:<id>:reward`, ...). */
export interface EntryLite {
  _id: string;
  memberId: string;
  kind?: string;
  delta: number;
  debtDelta?: number;
}
export interface ProductLite {
  _id: string;
  stock: number;
  /** `pool` set: the units came from a draw's pool (a draw's winner's order, not the soak's). */
  holds?: Record<string, { qty: number; pool?: string }> | null;
  /** Units a draw set aside (docs/draws.md): still the product's, on no shelf. */
  pools?: Record<string, { qty: number }> | null;
}

/** A product's units wherever they wait: on the shelf, held by unpaid orders, set aside for draws. */
const unitsOf = (p: ProductLite) =>
  p.stock + Object.values(p.holds ?? {}).reduce((s, h) => s + (h?.qty ?? 0), 0) + Object.values(p.pools ?? {}).reduce((s, h) => s + (h?.qty ?? 0), 0);
export interface ShardLite {
  _id: string;
  rewardId: string;
  remaining: number;
  /** Units taken by redemptions not yet settled (none may be left after the drain). */
  holds?: Record<string, unknown>;
}
export interface RedemptionLite {
  _id: string;
  rewardId: string;
}
export interface OrderLite {
  _id: string;
  memberId: string;
  status: string;
  payFen?: number;
  lines: Array<{ productId: string; qty: number }>;
  paidAt?: unknown;
  closedAt?: unknown;
  pointsEarned?: number | null;
  pointsReversed?: number | null;
}
export interface EventLite {
  _id: string;
  orderId: string;
  type: string;
  status: string;
}
export interface RefundLite {
  _id: string;
  orderId: string;
  status: string;
  restock?: boolean;
}
export interface ConversionLite {
  _id: string;
  orderId: string;
  status: string;
  sharerId: string | null;
  rewardPoints?: number;
}

/** WeChat Pay's side (GET /control/payments and /control/refunds): what the payer was charged and given back. */
export interface PaymentLite {
  outTradeNo: string;
  status: string;
  totalFee: number;
  refundedFee: number;
}
export interface PayRefundLite {
  outRefundNo: string;
  outTradeNo: string;
  status: string;
  refundFee: number;
}

export interface SoakWorld {
  members: MemberLite[];
  wallets: WalletLite[];
  entries: EntryLite[];
  products: ProductLite[];
  rewardStock: ShardLite[];
  redemptions: RedemptionLite[];
  /** Every order (conversions may point at any); the soak's own are those of `soakMembers`. */
  orders: OrderLite[];
  orderEvents: EventLite[];
  refunds: RefundLite[];
  conversions: ConversionLite[];
  payments: PaymentLite[];
  payRefunds: PayRefundLite[];
  soakMembers: ReadonlySet<string>;
}

/** What stood before the first level: units per product (on the shelf plus held), and each reward's stock and redemptions. */
export interface Baseline {
  products: Record<string, { units: number; holds: string[] }>;
  rewards: Record<string, { remaining: number; redemptions: number }>;
}

export interface Offender {
  id: string;
  problem: string;
  doc?: unknown;
}

export interface InvariantResult {
  name: string;
  ok: boolean;
  /** How many subjects (members, products, orders ...) were checked. */
  checked: number;
  offenders: Offender[];
}

const result = (name: string, checked: number, offenders: Offender[]): InvariantResult => ({ name, ok: offenders.length === 0, checked, offenders });

// Source keys as core spells them: core/orders/orders.events.ts (earnKey, reverseKey) and
// core/referrals/referrals.conversions.ts (rewardKey, clawbackKey).
export const orderEarnKey = (orderId: string) => `order:${orderId}:earn`;
export const orderReverseKey = (orderId: string) => `order:${orderId}:reverse`;
export const conversionRewardKey = (orderId: string) => `conversion:${orderId}:reward`;
export const conversionClawbackKey = (orderId: string) => `conversion:${orderId}:clawback`;

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = m.get(k);
    if (list) list.push(item);
    else m.set(k, [item]);
  }
  return m;
}

const isNum = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/** Every member's cached balance (and debt) equals the sum of their ledger entries, and matches their wallet and its lots. */
export function checkBalances(w: SoakWorld): InvariantResult {
  const offenders: Offender[] = [];
  const entries = groupBy(w.entries, (e) => e.memberId);
  const wallets = new Map(w.wallets.map((x) => [x._id, x]));
  const members = new Set(w.members.map((m) => m._id));
  for (const m of w.members) {
    const mine = entries.get(m._id) ?? [];
    const sum = mine.reduce((s, e) => s + e.delta, 0);
    const debtSum = mine.reduce((s, e) => s + (e.debtDelta ?? 0), 0);
    const points = m.points ?? 0;
    if (!isNum(points) || points !== sum)
      offenders.push({ id: `members/${m._id}`, problem: `points ${points} but its ${mine.length} ledger entries sum to ${sum}`, doc: m });
    if (m.pointsDebt !== undefined && m.pointsDebt !== debtSum)
      offenders.push({ id: `members/${m._id}`, problem: `pointsDebt ${m.pointsDebt} but the ledger's debt moves sum to ${debtSum}`, doc: m });
    const wallet = wallets.get(m._id);
    if (!wallet) {
      if (sum !== 0 || mine.length > 0) offenders.push({ id: `points_wallets/${m._id}`, problem: `no wallet, yet ${mine.length} ledger entries (sum ${sum})` });
      continue;
    }
    if (wallet.balance !== points)
      offenders.push({ id: `points_wallets/${m._id}`, problem: `wallet balance ${wallet.balance}, member points ${points}`, doc: wallet });
    if (wallet.debt !== debtSum) offenders.push({ id: `points_wallets/${m._id}`, problem: `wallet debt ${wallet.debt}, ledger debt ${debtSum}`, doc: wallet });
    const lots = (wallet.lots ?? []).reduce((s, l) => s + l.remaining, 0);
    if (lots !== wallet.balance) offenders.push({ id: `points_wallets/${m._id}`, problem: `lots hold ${lots}, balance is ${wallet.balance}`, doc: wallet });
  }
  for (const [memberId, mine] of entries) {
    if (!members.has(memberId))
      offenders.push({ id: `points_entries/${mine[0]._id}`, problem: `${mine.length} ledger entries for ${memberId}, who is not a member` });
  }
  return result('points balance = sum of ledger entries (member, wallet, lots)', w.members.length, offenders);
}

/** No balance, debt, lot, stock, hold or stock shard below zero. */
export function checkNonNegative(w: SoakWorld): InvariantResult {
  const offenders: Offender[] = [];
  const neg = (id: string, field: string, v: unknown, doc: unknown) => {
    if (!isNum(v)) offenders.push({ id, problem: `${field} is not a number (${JSON.stringify(v)})`, doc });
    else if (v < 0) offenders.push({ id, problem: `${field} = ${v}`, doc });
  };
  for (const m of w.members) {
    neg(`members/${m._id}`, 'points', m.points ?? 0, m);
    if (m.pointsDebt !== undefined) neg(`members/${m._id}`, 'pointsDebt', m.pointsDebt, m);
  }
  for (const x of w.wallets) {
    neg(`points_wallets/${x._id}`, 'balance', x.balance, x);
    neg(`points_wallets/${x._id}`, 'debt', x.debt, x);
    for (const lot of x.lots ?? []) neg(`points_wallets/${x._id}`, `lot ${lot.key} remaining`, lot.remaining, x);
  }
  for (const p of w.products) {
    neg(`products/${p._id}`, 'stock', p.stock, { _id: p._id, stock: p.stock });
    for (const [orderId, hold] of Object.entries(p.holds ?? {})) neg(`products/${p._id}`, `hold ${orderId}`, hold?.qty, { _id: p._id, hold });
  }
  for (const s of w.rewardStock) neg(`reward_stock/${s._id}`, 'remaining', s.remaining, s);
  const checked = w.members.length + w.wallets.length + w.products.length + w.rewardStock.length;
  return result('no negative balance, debt, lot, stock, hold or stock shard', checked, offenders);
}

/** Units an order took for good: paid, or refunded without restocking after it was paid (never when it was closed unpaid first). */
export function unitsSold(o: OrderLite, refund: RefundLite | undefined): number {
  const sold = o.status === 'paid' || (o.status === 'refunded' && !o.closedAt && refund?.restock === false);
  return sold ? o.lines.reduce((s, l) => s + l.qty, 0) : 0;
}

/**
 * Each product: units now (stock, held and set aside for draws) = units before the soak − units of
 * the soak's orders that stay sold (paid and not refunded; restocked refunds come back, closed
 * orders' holds were released). After the drain no hold is left but those that stood before and
 * those of draw winners' orders (the draws timer runs during the soak; the soak enters no draw).
 */
export function checkProductStock(w: SoakWorld, b: Baseline): InvariantResult {
  const offenders: Offender[] = [];
  const refunds = new Map(w.refunds.map((r) => [r.orderId, r]));
  const sold = new Map<string, number>();
  for (const o of w.orders) {
    if (!w.soakMembers.has(o.memberId)) continue;
    const refund = refunds.get(o._id);
    for (const l of o.lines) if (unitsSold({ ...o, lines: [l] }, refund) > 0) sold.set(l.productId, (sold.get(l.productId) ?? 0) + l.qty);
  }
  const products = new Map(w.products.map((p) => [p._id, p]));
  for (const [id, before] of Object.entries(b.products)) {
    const p = products.get(id);
    if (!p) {
      offenders.push({ id: `products/${id}`, problem: 'product is gone' });
      continue;
    }
    const holds = Object.entries(p.holds ?? {});
    const units = unitsOf(p);
    const expected = before.units - (sold.get(id) ?? 0);
    if (units !== expected) {
      offenders.push({
        id: `products/${id}`,
        problem: `stock, holds and draw pools ${units}, expected ${before.units} before − ${sold.get(id) ?? 0} sold = ${expected}`,
        doc: { stock: p.stock, holds: p.holds, pools: p.pools },
      });
    }
    const stale = holds.filter(([orderId, h]) => !before.holds.includes(orderId) && !h?.pool);
    if (stale.length > 0)
      offenders.push({ id: `products/${id}`, problem: `holds left after the drain: ${stale.map(([o, h]) => `${o}×${h?.qty}`).join(', ')}` });
  }
  return result('product stock = initial − units of paid, not refunded orders (holds released)', Object.keys(b.products).length, offenders);
}

/** Each reward: the sum of its stock shards = what it had before − redemptions since. */
export function checkRewardStock(w: SoakWorld, b: Baseline): InvariantResult {
  const offenders: Offender[] = [];
  const shards = groupBy(w.rewardStock, (s) => s.rewardId);
  const redemptions = groupBy(w.redemptions, (r) => r.rewardId);
  for (const [id, before] of Object.entries(b.rewards)) {
    const remaining = (shards.get(id) ?? []).reduce((s, x) => s + x.remaining, 0);
    const redeemed = (redemptions.get(id)?.length ?? 0) - before.redemptions;
    if (remaining !== before.remaining - redeemed) {
      offenders.push({
        id: `rewards/${id}`,
        problem: `shards hold ${remaining}, expected ${before.remaining} − ${redeemed} redeemed = ${before.remaining - redeemed}`,
        doc: shards.get(id),
      });
    }
    const held = (shards.get(id) ?? []).filter((s) => Object.keys(s.holds ?? {}).length > 0);
    if (held.length > 0) offenders.push({ id: `rewards/${id}`, problem: `${held.length} shards still hold units of unfinished redemptions`, doc: held });
  }
  return result('reward stock (shards summed) = initial − redemptions', Object.keys(b.rewards).length, offenders);
}

/**
 * Each of the soak's orders has exactly one set of effects for what became of it: every event
 * applied (none pending after the drain); a paid one has its earn entry (for `pointsEarned`) and no
 * reversal; a refunded one that earned has exactly one reversal; a closed or unpaid one earned
 * nothing. No other ledger entry names the order.
 */
export function checkOrderEffects(w: SoakWorld): InvariantResult {
  const offenders: Offender[] = [];
  const entries = new Map(w.entries.map((e) => [e._id, e]));
  const byOrder = groupBy(
    w.entries.filter((e) => e._id.startsWith('order:')),
    (e) => e._id.split(':')[1],
  );
  const events = groupBy(w.orderEvents, (e) => e.orderId);
  const refunds = new Map(w.refunds.map((r) => [r.orderId, r]));
  let checked = 0;
  for (const o of w.orders) {
    if (!w.soakMembers.has(o.memberId)) continue;
    checked++;
    const id = `orders/${o._id}`;
    const bad = (problem: string) => offenders.push({ id, problem, doc: { status: o.status, pointsEarned: o.pointsEarned, pointsReversed: o.pointsReversed } });
    for (const ev of events.get(o._id) ?? []) if (ev.status !== 'done') bad(`event ${ev.type} is ${ev.status} after the drain`);
    const earn = entries.get(orderEarnKey(o._id));
    const reverse = entries.get(orderReverseKey(o._id));
    for (const e of byOrder.get(o._id) ?? []) if (e._id !== orderEarnKey(o._id) && e._id !== orderReverseKey(o._id)) bad(`unexpected ledger entry ${e._id}`);
    for (const e of [earn, reverse]) if (e && e.memberId !== o.memberId) bad(`ledger entry ${e._id} credits ${e.memberId}, not the buyer`);
    const credited = earn ? earn.delta - (earn.debtDelta ?? 0) : 0;
    switch (o.status) {
      case 'paid':
        if (!isNum(o.pointsEarned)) bad('paid, but its points were never credited (pointsEarned not set)');
        else if (o.pointsEarned > 0 && !earn) bad(`pointsEarned ${o.pointsEarned} without its ledger entry ${orderEarnKey(o._id)}`);
        else if (o.pointsEarned === 0 && earn) bad(`pointsEarned 0 yet ${orderEarnKey(o._id)} exists`);
        else if (earn && credited !== o.pointsEarned) bad(`earn entry moved ${credited} points, pointsEarned says ${o.pointsEarned}`);
        if (reverse) bad(`paid and not refunded, yet reversed by ${reverse._id}`);
        break;
      case 'refunded': {
        const refund = refunds.get(o._id);
        if (!refund || (refund.status !== 'approved' && refund.status !== 'refunded')) bad(`refunded, but its refund is ${refund ? refund.status : 'missing'}`);
        if (earn && !reverse) bad(`refunded after earning ${credited} points, but never reversed`);
        if (!earn && reverse) bad(`reversed (${reverse._id}) points it never earned`);
        if (earn && isNum(o.pointsReversed) && o.pointsReversed !== o.pointsEarned) bad(`pointsReversed ${o.pointsReversed} ≠ pointsEarned ${o.pointsEarned}`);
        break;
      }
      case 'closed':
        if (earn || reverse) bad(`closed unpaid, yet has ledger entries ${[earn?._id, reverse?._id].filter(Boolean).join(', ')}`);
        break;
      default:
        bad(`still ${o.status} after the drain (expiry should have closed it)`);
    }
  }
  return result('each order has exactly one set of effects (events applied, one earn, one reversal when refunded)', checked, offenders);
}

/**
 * No confirmed conversion sits on a refunded order; a confirmed one was rewarded once, a
 * clawed-back one taken back once, and a reversal only ever happens to a refunded order.
 */
export function checkConversions(w: SoakWorld): InvariantResult {
  const offenders: Offender[] = [];
  const orders = new Map(w.orders.map((o) => [o._id, o]));
  const entries = new Map(w.entries.map((e) => [e._id, e]));
  for (const c of w.conversions) {
    const id = `conversions/${c._id}`;
    const order = orders.get(c.orderId);
    const doc = { status: c.status, sharerId: c.sharerId, orderStatus: order?.status ?? null };
    if (c.status === 'confirmed' && order?.status === 'refunded') offenders.push({ id, problem: 'confirmed on a refunded order', doc });
    if ((c.status === 'reversed' || c.status === 'clawed_back') && order && order.status !== 'refunded')
      offenders.push({ id, problem: `${c.status}, but the order is ${order.status}`, doc });
    const reward = entries.get(conversionRewardKey(c.orderId));
    const clawback = entries.get(conversionClawbackKey(c.orderId));
    if ((c.status === 'confirmed' || c.status === 'clawed_back') && (c.rewardPoints ?? 0) > 0) {
      if (!reward) offenders.push({ id, problem: `${c.status} with ${c.rewardPoints} reward points, but no ${conversionRewardKey(c.orderId)}`, doc });
      else if (reward.memberId !== c.sharerId) offenders.push({ id, problem: `reward went to ${reward.memberId}, not the sharer`, doc });
    }
    if (c.status === 'clawed_back' && (c.rewardPoints ?? 0) > 0 && !clawback) offenders.push({ id, problem: 'clawed back without its clawback entry', doc });
    if (c.status !== 'clawed_back' && clawback) offenders.push({ id, problem: `${c.status}, yet clawed back by ${clawback._id}`, doc });
    if (c.status !== 'confirmed' && c.status !== 'clawed_back' && reward) offenders.push({ id, problem: `${c.status}, yet rewarded by ${reward._id}`, doc });
  }
  return result('no confirmed conversion on a refunded order (rewards and clawbacks once)', w.conversions.length, offenders);
}

/**
 * Money, as WeChat Pay saw it: a paid order was charged its amount and nothing given back; a
 * refunded one that was charged got all of it back, settled, and its refund record says so; a
 * closed one was never charged (a payment that arrives after closing turns the order into an
 * automatic refund). No charge is for an order that does not exist.
 */
export function checkMoney(w: SoakWorld): InvariantResult {
  const offenders: Offender[] = [];
  const payments = new Map(w.payments.map((p) => [p.outTradeNo, p]));
  const payRefunds = groupBy(w.payRefunds, (r) => r.outTradeNo);
  const refunds = new Map(w.refunds.map((r) => [r.orderId, r]));
  const orders = new Map(w.orders.map((o) => [o._id, o]));
  const charged = (p: PaymentLite | undefined) => p !== undefined && (p.status === 'SUCCESS' || p.status === 'REFUND');
  let checked = 0;
  for (const o of w.orders) {
    if (!w.soakMembers.has(o.memberId)) continue;
    checked++;
    const id = `orders/${o._id}`;
    const p = payments.get(o._id);
    const doc = { status: o.status, payFen: o.payFen, payment: p ? { status: p.status, totalFee: p.totalFee, refundedFee: p.refundedFee } : null };
    if (o.status === 'paid') {
      if (!charged(p)) offenders.push({ id, problem: `paid, but WeChat Pay says ${p ? p.status : 'no payment'}`, doc });
      else if (p!.totalFee !== o.payFen) offenders.push({ id, problem: `charged ${p!.totalFee} fen for an order of ${o.payFen}`, doc });
      else if (p!.refundedFee !== 0) offenders.push({ id, problem: `paid and not refunded, yet ${p!.refundedFee} fen went back`, doc });
    } else if (o.status === 'refunded') {
      if (!charged(p)) continue;
      if (p!.refundedFee !== p!.totalFee) offenders.push({ id, problem: `refunded, but only ${p!.refundedFee} of ${p!.totalFee} fen went back`, doc });
      const unsettled = (payRefunds.get(o._id) ?? []).filter((r) => r.status !== 'SUCCESS');
      if (unsettled.length) offenders.push({ id, problem: `refunds not settled: ${unsettled.map((r) => `${r.outRefundNo} ${r.status}`).join(', ')}`, doc });
      const refund = refunds.get(o._id);
      if (refund?.status !== 'refunded')
        offenders.push({ id, problem: `the money went back, but its refund record is ${refund ? refund.status : 'missing'}`, doc });
    } else if (charged(p)) {
      offenders.push({ id, problem: `${o.status}, yet WeChat Pay charged ${p!.totalFee} fen (${p!.status})`, doc });
    }
  }
  for (const p of w.payments) {
    if (charged(p) && !orders.has(p.outTradeNo))
      offenders.push({ id: `payments/${p.outTradeNo}`, problem: `charged ${p.totalFee} fen for an order that does not exist` });
  }
  return result('money: paid orders charged once, refunded ones given back in full, closed ones never charged', checked, offenders);
}

/** A redemption that hit the time limit, what the server had done by the drain, and what a retry with the same requestId answered. */
export interface RetryRecord {
  key: string;
  appliedBefore: boolean;
  couponBefore: string | null;
  retry: { outcome: string; replayed: boolean | null; couponId: string | null };
}

/**
 * Whatever the member saw at a time-limit hit, a retry with the same requestId converges on what
 * the server did: a redemption that went through anyway answers `replayed` with its coupon, one
 * that did not is made now (or refused with a code), never an error.
 */
export function checkConvergence(records: readonly RetryRecord[]): InvariantResult {
  const offenders: Offender[] = [];
  for (const r of records) {
    const id = `redemptions/${r.key}`;
    const doc = { appliedBefore: r.appliedBefore, couponBefore: r.couponBefore, retry: r.retry };
    if (r.retry.outcome.startsWith('ERR_')) offenders.push({ id, problem: `the retry failed too: ${r.retry.outcome}`, doc });
    else if (r.appliedBefore && !(r.retry.outcome === 'ok' && r.retry.replayed === true))
      offenders.push({ id, problem: `redeemed during the time-out, but the retry answered ${r.retry.outcome} (replayed ${r.retry.replayed})`, doc });
    else if (r.appliedBefore && r.retry.couponId !== r.couponBefore)
      offenders.push({ id, problem: `the retry shows coupon ${r.retry.couponId}, the server issued ${r.couponBefore}`, doc });
    else if (!r.appliedBefore && r.retry.replayed === true) offenders.push({ id, problem: 'the retry says replayed, yet nothing had been redeemed', doc });
  }
  return result('a retry after a time-limit hit shows what the server did (same requestId)', records.length, offenders);
}

export function checkAll(w: SoakWorld, b: Baseline): InvariantResult[] {
  return [checkBalances(w), checkNonNegative(w), checkProductStock(w, b), checkRewardStock(w, b), checkOrderEffects(w), checkConversions(w), checkMoney(w)];
}

/** The baseline from documents read before the first level. */
export function baselineOf(products: ProductLite[], rewardStock: ShardLite[], redemptions: RedemptionLite[], rewardIds: string[]): Baseline {
  const shards = groupBy(rewardStock, (s) => s.rewardId);
  const redeemed = groupBy(redemptions, (r) => r.rewardId);
  return {
    products: Object.fromEntries(
      products.map((p) => {
        return [p._id, { units: unitsOf(p), holds: Object.keys(p.holds ?? {}) }];
      }),
    ),
    rewards: Object.fromEntries(
      rewardIds.map((id) => [id, { remaining: (shards.get(id) ?? []).reduce((s, x) => s + x.remaining, 0), redemptions: redeemed.get(id)?.length ?? 0 }]),
    ),
  };
}
