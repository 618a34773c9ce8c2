/**
 * The member journeys the soak runs, as the H5 app makes them: each is a few gateway calls (and,
 * for payments and refunds, the control routes that play the payer's and WeChat Pay's part). A
 * journey ends early at a typed refusal (sold out, not enough points: an outcome) and reports
 * failure only on an error.
 */
import type { CallResult, Session, SoakClient } from './gateway-client';

export const JOURNEYS = ['open', 'join', 'browse', 'buy', 'abandon', 'refund', 'redeem', 'share', 'visit', 'buy-after-visit'] as const;
export type JourneyKind = (typeof JOURNEYS)[number];
export type Weights = Record<JourneyKind, number>;

/** A day of a member programme, roughly: mostly looking, then buying, redeeming and sharing. */
export const DEFAULT_WEIGHTS: Weights = {
  open: 10,
  join: 5,
  browse: 25,
  buy: 14,
  abandon: 3,
  refund: 4,
  redeem: 12,
  share: 8,
  visit: 11,
  'buy-after-visit': 8,
};

/** `open=5,buy=20` over the defaults; unknown names or negative weights are refused. */
export function parseWeights(spec: string | undefined, base: Weights = DEFAULT_WEIGHTS): Weights {
  const weights = { ...base };
  if (!spec) return weights;
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name, value] = part.split('=');
    if (!(JOURNEYS as readonly string[]).includes(name)) throw new Error(`unknown journey "${name}" (journeys: ${JOURNEYS.join(', ')})`);
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new Error(`weight of ${name} must be a number >= 0, got "${value}"`);
    weights[name as JourneyKind] = n;
  }
  if (Object.values(weights).every((w) => w === 0)) throw new Error('at least one journey needs a weight above 0');
  return weights;
}

/** mulberry32: a small seeded generator, so a `--seed` replays the same choices per member. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pickWeighted(weights: Weights, r: number): JourneyKind {
  const total = JOURNEYS.reduce((s, k) => s + weights[k], 0);
  let x = r * total;
  for (const k of JOURNEYS) {
    x -= weights[k];
    if (x < 0 && weights[k] > 0) return k;
  }
  return JOURNEYS.filter((k) => weights[k] > 0).pop()!;
}

/** One simulated member: a session and what they remember of their own orders. */
export interface Actor {
  index: number;
  session: Session;
  random: () => number;
  /** Orders this member paid and has not asked to refund. */
  paid: string[];
  /** The last burst this member took part in. */
  lastBurst: number;
}

/** A redemption whose call hit the function's time limit: the member saw an error, the server may have redeemed. */
export interface TimedOutRedeem {
  session: Session;
  rewardId: string;
  requestId: string;
}

export interface ShareCard {
  code: string;
  sharer: string;
  productId: string;
}

/** What every journey of one concurrency level shares. */
export interface LevelWorld {
  client: SoakClient;
  staff: Session;
  /** Products a new member can see and buy. */
  products: string[];
  /** Cards shared so far in this level (visits pick from them). */
  cards: ShareCard[];
  /** The level's popular sharer: their card is where the friends of the burst come from. */
  star: { session: Session; card: ShareCard };
  /** The reward a redemption burst goes for. */
  hotRewardId: string;
  /** Every openid this soak created (actors, newcomers), for the invariant checks. */
  soakMembers: Set<string>;
  /** Redemptions that hit the time limit, retried after the drain with the same requestId. */
  timedOutRedeems: TimedOutRedeem[];
  nextRequestId(): string;
}

const pick = <T>(list: readonly T[], r: () => number): T => list[Math.floor(r() * list.length)];

/** An error ends the journey as failed; a refusal ends it as finished. */
const stop = (r: CallResult) => !r.error;

export async function openApp(w: LevelWorld, a: Actor): Promise<boolean> {
  return stop(await w.client.call(a.session, 'member', 'open'));
}

/** A brand-new customer: WeChat login, the app opens, they agree to the terms. */
export async function joinAsNewcomer(w: LevelWorld): Promise<boolean> {
  const s = await w.client.login();
  if (!s) return false;
  w.soakMembers.add(s.openid);
  const opened = await w.client.call(s, 'member', 'open');
  if (!opened.ok) return stop(opened);
  return stop(await w.client.call(s, 'member', 'join', { agreeTerms: true }));
}

export async function browse(w: LevelWorld, a: Actor): Promise<boolean> {
  const catalog = await w.client.call<{ products: Array<{ _id: string }> }>(a.session, 'shop', 'catalog');
  if (!catalog.ok) return stop(catalog);
  const products = catalog.data.products ?? [];
  if (products.length === 0) return true;
  return stop(await w.client.call(a.session, 'shop', 'product', { productId: pick(products, a.random)._id }));
}

/** createOrder (a fresh requestId) -> pay -> the payer confirms (WeChat Pay notifies the `payment` function). */
export async function buy(w: LevelWorld, a: Actor, productId = pick(w.products, a.random), tag = ''): Promise<boolean> {
  const created = await createOrder(w, a, productId, tag);
  if (!created.ok) return stop(created);
  return payAndConfirm(w, a, created.data.order._id, tag);
}

export function createOrder(w: LevelWorld, a: Actor, productId: string, tag = ''): Promise<CallResult<{ order: { _id: string } }>> {
  const qty = a.random() < 0.2 ? 2 : 1;
  return w.client.call(a.session, 'shop', 'createOrder', { requestId: w.nextRequestId(), lines: [{ productId, qty }] }, tag);
}

export async function startPayment(w: LevelWorld, a: Actor, orderId: string, tag = ''): Promise<CallResult<{ outTradeNo: string }>> {
  return w.client.call(a.session, 'shop', 'pay', { orderId }, tag);
}

export async function payAndConfirm(w: LevelWorld, a: Actor, orderId: string, tag = ''): Promise<boolean> {
  const started = await startPayment(w, a, orderId, tag);
  if (!started.ok) return stop(started);
  return confirmPaid(w, a, orderId, started.data.outTradeNo, tag);
}

export async function confirmPaid(w: LevelWorld, a: Actor, orderId: string, outTradeNo: string, tag = ''): Promise<boolean> {
  const confirmed = await w.client.confirmPayment(outTradeNo, tag);
  if (confirmed.ok) a.paid.push(orderId);
  return stop(confirmed);
}

/** An order left unpaid (it holds stock until it expires); half of them the member cancels. */
export async function abandon(w: LevelWorld, a: Actor): Promise<boolean> {
  const created = await createOrder(w, a, pick(w.products, a.random));
  if (!created.ok) return stop(created);
  if (a.random() < 0.5) return true;
  return stop(await w.client.call(a.session, 'shop', 'cancelOrder', { orderId: created.data.order._id }));
}

/**
 * The member asks for a refund of a paid order, an admin approves it (units back on sale), and
 * WeChat Pay settles it. With no paid order yet, the member buys instead (reported as `buy`).
 */
export async function refund(w: LevelWorld, a: Actor): Promise<{ ok: boolean; ran: JourneyKind }> {
  const orderId = a.paid.shift();
  if (!orderId) return { ok: await buy(w, a), ran: 'buy' };
  const asked = await w.client.call<{ order: { refund: { _id: string } | null } }>(a.session, 'shop', 'requestRefund', {
    orderId,
    reason: '不想要了，申请退款',
  });
  if (!asked.ok) return { ok: stop(asked), ran: 'refund' };
  const refundId = asked.data.order.refund?._id ?? `R${orderId}`;
  const decided = await w.client.call(w.staff, 'admin', 'decideRefund', { refundId, decision: 'approve', restock: true });
  if (!decided.ok) return { ok: stop(decided), ran: 'refund' };
  return { ok: stop(await w.client.confirmRefund(refundId)), ran: 'refund' };
}

export async function redeem(w: LevelWorld, a: Actor): Promise<boolean> {
  const listed = await w.client.call<{ rewards: Array<{ _id: string; available: boolean }> }>(a.session, 'points', 'rewards');
  if (!listed.ok) return stop(listed);
  const open = (listed.data.rewards ?? []).filter((r) => r.available);
  if (open.length === 0) return true;
  return redeemOne(w, a, pick(open, a.random)._id);
}

export function redeemHot(w: LevelWorld, a: Actor, tag: string): Promise<boolean> {
  return redeemOne(w, a, w.hotRewardId, tag);
}

async function redeemOne(w: LevelWorld, a: Actor, rewardId: string, tag = ''): Promise<boolean> {
  const requestId = w.nextRequestId();
  const redeemed = await w.client.call(a.session, 'points', 'redeem', { rewardId, requestId }, tag);
  if (redeemed.outcome === 'ERR_TIME_LIMIT') w.timedOutRedeems.push({ session: a.session, rewardId, requestId });
  return stop(redeemed);
}

export async function share(w: LevelWorld, a: Actor): Promise<boolean> {
  const productId = pick(w.products, a.random);
  const shared = await w.client.call<{ code: string }>(a.session, 'referral', 'share', { targetType: 'product', targetId: productId, channel: 'chat' });
  if (shared.ok && !w.cards.some((c) => c.code === shared.data.code)) w.cards.push({ code: shared.data.code, sharer: a.session.openid, productId });
  return stop(shared);
}

/** Someone else's card: one shared in this level, or the popular sharer's. */
function cardFor(w: LevelWorld, a: Actor): ShareCard {
  const others = w.cards.filter((c) => c.sharer !== a.session.openid);
  return others.length > 0 && a.random() < 0.7 ? pick(others, a.random) : w.star.card;
}

export async function visit(w: LevelWorld, a: Actor, card = cardFor(w, a), tag = ''): Promise<boolean> {
  return stop(await w.client.call(a.session, 'referral', 'visit', { code: card.code }, tag));
}

/** A friend opens a card and buys what it shows: a conversion credited to the sharer. */
export async function buyAfterVisit(w: LevelWorld, a: Actor): Promise<boolean> {
  const card = cardFor(w, a);
  const visited = await w.client.call(a.session, 'referral', 'visit', { code: card.code });
  if (!visited.ok) return stop(visited);
  return buy(w, a, card.productId);
}

export async function runJourney(kind: JourneyKind, w: LevelWorld, a: Actor): Promise<{ ok: boolean; ran: JourneyKind }> {
  switch (kind) {
    case 'open':
      return { ok: await openApp(w, a), ran: kind };
    case 'join':
      return { ok: await joinAsNewcomer(w), ran: kind };
    case 'browse':
      return { ok: await browse(w, a), ran: kind };
    case 'buy':
      return { ok: await buy(w, a), ran: kind };
    case 'abandon':
      return { ok: await abandon(w, a), ran: kind };
    case 'refund':
      return refund(w, a);
    case 'redeem':
      return { ok: await redeem(w, a), ran: kind };
    case 'share':
      return { ok: await share(w, a), ran: kind };
    case 'visit':
      return { ok: await visit(w, a), ran: kind };
    case 'buy-after-visit':
      return { ok: await buyAfterVisit(w, a), ran: kind };
  }
}
