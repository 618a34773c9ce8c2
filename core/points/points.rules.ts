/**
 * The points ledger's arithmetic — pure, no I/O. A wallet holds the balance, a debt and the lots
 * earned points form. Every change returns the new wallet and the ledger entry's numbers, and the
 * invariants hold after every step: balance = Σ lot.remaining = Σ entry.delta, debt = Σ entry.debtDelta,
 * balance ≥ 0, debt ≥ 0.
 */
import { endOfChinaDay } from '../platform/china-time';
export interface Lot {
  /** The source key of the earning that created it (e.g. order:123:earn). */
  key: string;
  amount: number;
  remaining: number;
  /** Spent from this lot; what a refund reversal may turn into debt. */
  spent: number;
  earnedAt: Date;
  expiresAt: Date;
}

export interface Wallet {
  balance: number;
  /** Points owed after a reversal of already-spent points; paid off from future earnings. */
  debt: number;
  lots: Lot[];
}

export interface Movement {
  wallet: Wallet;
  delta: number;
  debtDelta: number;
  /** Which lots the change touched, and by how much (negative when points left them). */
  lots: Array<{ key: string; amount: number }>;
}

export type PointsRuleError = 'POINTS_INSUFFICIENT' | 'POINTS_AMOUNT_INVALID' | 'POINTS_DUPLICATE_LOT';

export type RuleResult = { ok: true; movement: Movement } | { ok: false; code: PointsRuleError; message: string };

export const EMPTY_WALLET: Wallet = { balance: 0, debt: 0, lots: [] };

const bad = (code: PointsRuleError, message: string): RuleResult => ({ ok: false, code, message });
const isPositiveInt = (n: number) => Number.isSafeInteger(n) && n > 0;

/** Oldest to expire first, then oldest earned, then key: a total order, so spending is deterministic. */
export function byExpiry(a: Lot, b: Lot): number {
  return a.expiresAt.getTime() - b.expiresAt.getTime() || a.earnedAt.getTime() - b.earnedAt.getTime() || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Earning first pays off any debt; what is left becomes a lot that expires at `expiresAt`. */
export function earn(wallet: Wallet, key: string, amount: number, earnedAt: Date, expiresAt: Date): RuleResult {
  if (!isPositiveInt(amount)) return bad('POINTS_AMOUNT_INVALID', '积分数量必须为正整数');
  if (wallet.lots.some((l) => l.key === key)) return bad('POINTS_DUPLICATE_LOT', `积分批次 ${key} 已存在`);
  const offset = Math.min(wallet.debt, amount);
  const credited = amount - offset;
  const lots = credited > 0 ? [...wallet.lots, { key, amount: credited, remaining: credited, spent: 0, earnedAt, expiresAt }].sort(byExpiry) : wallet.lots;
  return {
    ok: true,
    movement: {
      wallet: { balance: wallet.balance + credited, debt: wallet.debt - offset, lots },
      delta: credited,
      debtDelta: -offset,
      lots: credited > 0 ? [{ key, amount: credited }] : [],
    },
  };
}

/** Spending takes from the lots that expire first; expired lots (not yet swept) are never spent. */
export function spend(wallet: Wallet, amount: number, at: Date): RuleResult {
  if (!isPositiveInt(amount)) return bad('POINTS_AMOUNT_INVALID', '积分数量必须为正整数');
  const usable = wallet.lots.filter((l) => l.remaining > 0 && l.expiresAt.getTime() > at.getTime());
  const available = usable.reduce((s, l) => s + l.remaining, 0);
  if (available < amount) return bad('POINTS_INSUFFICIENT', `积分不足：需要 ${amount}，可用 ${available}`);
  let left = amount;
  const touched: Movement['lots'] = [];
  const lots = wallet.lots.map((l) => {
    if (left === 0 || l.remaining === 0 || l.expiresAt.getTime() <= at.getTime()) return l;
    const take = Math.min(l.remaining, left);
    left -= take;
    touched.push({ key: l.key, amount: -take });
    return { ...l, remaining: l.remaining - take, spent: l.spent + take };
  });
  return { ok: true, movement: { wallet: { ...wallet, balance: wallet.balance - amount, lots }, delta: -amount, debtDelta: 0, lots: touched } };
}

/**
 * Reverses an earning (its order was refunded): what is still in the lot is removed; what the
 * member already spent from it becomes debt, never a negative balance. A lot that has expired and
 * been swept is gone: nothing is left to reverse.
 */
export function reverse(wallet: Wallet, lotKey: string, amount: number): RuleResult {
  if (!isPositiveInt(amount)) return bad('POINTS_AMOUNT_INVALID', '积分数量必须为正整数');
  const lot = wallet.lots.find((l) => l.key === lotKey);
  if (!lot) return { ok: true, movement: { wallet, delta: 0, debtDelta: 0, lots: [] } };
  // Never reverse more than the lot earned; a partial refund reverses part of it.
  const reversing = Math.min(amount, lot.amount);
  const fromRemaining = Math.min(lot.remaining, reversing);
  const owed = Math.min(reversing - fromRemaining, lot.spent);
  const left: Lot = { ...lot, amount: lot.amount - fromRemaining - owed, remaining: lot.remaining - fromRemaining, spent: lot.spent - owed };
  const lots = left.amount > 0 ? wallet.lots.map((l) => (l.key === lotKey ? left : l)) : wallet.lots.filter((l) => l.key !== lotKey);
  return {
    ok: true,
    movement: {
      wallet: { balance: wallet.balance - fromRemaining, debt: wallet.debt + owed, lots },
      delta: -fromRemaining,
      debtDelta: owed,
      lots: fromRemaining ? [{ key: lotKey, amount: -fromRemaining }] : [],
    },
  };
}

/** Sweeps lots whose time has come: their remaining points leave the balance and the lots go. */
export function expire(wallet: Wallet, at: Date): Movement {
  const due = wallet.lots.filter((l) => l.expiresAt.getTime() <= at.getTime());
  const amount = due.reduce((s, l) => s + l.remaining, 0);
  return {
    wallet: { ...wallet, balance: wallet.balance - amount, lots: wallet.lots.filter((l) => l.expiresAt.getTime() > at.getTime()) },
    delta: -amount,
    debtDelta: 0,
    lots: due.filter((l) => l.remaining > 0).map((l) => ({ key: l.key, amount: -l.remaining })),
  };
}

/** When the next sweep is due (indexed, so the expiry job finds wallets without scanning). */
export function nextExpiry(wallet: Wallet): Date | null {
  return wallet.lots.length ? new Date(Math.min(...wallet.lots.map((l) => l.expiresAt.getTime()))) : null;
}

/** Points that will expire before `until`, grouped by day, for "what expires when". */
export function expiringBefore(wallet: Wallet, at: Date, until: Date): { total: number; lots: Array<{ amount: number; expiresAt: Date }> } {
  const lots = wallet.lots
    .filter((l) => l.remaining > 0 && l.expiresAt.getTime() > at.getTime() && l.expiresAt.getTime() <= until.getTime())
    .map((l) => ({ amount: l.remaining, expiresAt: l.expiresAt }));
  return { total: lots.reduce((s, l) => s + l.amount, 0), lots };
}

/** Expiry: the end of the day (Asia/Shanghai) `months` after earning, so a day's earnings expire together. */
export function expiryFor(earnedAt: Date, months: number): Date {
  return endOfChinaDay(earnedAt, { months });
}

/**
 * The time a ledger line is written with: the attempt's clock, but never at or before the member's
 * previous line. Every line rewrites the member's wallet in the same transaction, so lines commit
 * one after another per member; this keeps their times strictly increasing in that order even when
 * clocks of two function instances disagree or two attempts read the same millisecond, and the
 * history (newest first by time) is the commit order.
 */
export function lineTime(attemptAt: Date, previousLineAt: Date | null): Date {
  if (!previousLineAt) return attemptAt;
  const floor = new Date(previousLineAt).getTime() + 1;
  return attemptAt.getTime() >= floor ? attemptAt : new Date(floor);
}

/**
 * A history page's cursor: the time of its last line and how many lines at exactly that time have
 * been shown so far (`<ISO time>~<count>`). It names no ledger key, since keys may embed other
 * people's ids (a conversion's order, a staff request).
 */
export interface HistoryCursor {
  at: Date;
  shownAtTime: number;
}

export function encodeHistoryCursor(cursor: HistoryCursor): string {
  return `${cursor.at.toISOString()}~${cursor.shownAtTime}`;
}

/**
 * Null when the time is unreadable. A cursor from before this format (`<time>~<ledger key>`) or a
 * bare time starts at that time again: at worst a line at that exact time shows twice.
 */
export function decodeHistoryCursor(text: string): HistoryCursor | null {
  const sep = text.indexOf('~');
  const at = new Date(sep > 0 ? text.slice(0, sep) : text);
  if (Number.isNaN(at.getTime())) return null;
  const count = sep > 0 ? text.slice(sep + 1) : '';
  return { at, shownAtTime: /^\d{1,4}$/.test(count) ? Number(count) : 0 };
}

/** The cursor after a page (newest first) that followed `previous`; null when the page was not full. */
export function nextHistoryCursor(page: Array<{ createdAt: Date | string }>, limit: number, previous: HistoryCursor | null): HistoryCursor | null {
  if (page.length < limit || page.length === 0) return null;
  const at = new Date(page[page.length - 1].createdAt);
  const onPage = page.filter((l) => new Date(l.createdAt).getTime() === at.getTime()).length;
  const before = previous && previous.at.getTime() === at.getTime() ? previous.shownAtTime : 0;
  return { at, shownAtTime: before + onPage };
}
