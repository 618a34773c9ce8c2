/**
 * Member prices and channel parity (docs/design.md, "Prices"). Pure: no SDK, no I/O. Money is integer fen.
 *
 * The rules: a follower pays the list price; a member pays their step's member price; no member
 * price is above the list price or any other channel's price (the private domain never "kills the
 * familiar", 杀熟); a higher step never pays more than a lower one.
 */
import { TIERS, TIER_NAMES, tierRank, type Tier } from '../members/tiers';
import { MEMBER_TIERS, type MemberTier, type NextTierOffer, type PricedProduct, type PriceViolation, type TierPrice } from './catalog.model';

/** A storable amount of money: a non-negative safe integer of fen. */
export function isFen(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** ¥ with two decimals, from integer fen without floating-point rounding. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * What a person at `tier` pays. For a product that passes checkParity this is exactly the stored
 * member price; for one that does not (stored before the rules, or edited outside the admin), the
 * price is still capped by the list price, every channel price and every lower step's price, so
 * the server never charges a member more than the rules allow, whatever the data says.
 */
export function priceFor(product: PricedProduct, tier: Tier): number {
  if (tier === 'follower') return product.listPriceFen;
  let price = product.listPriceFen;
  for (const c of product.channelPrices) if (isFen(c.priceFen)) price = Math.min(price, c.priceFen);
  for (const t of MEMBER_TIERS) {
    if (tierRank(t) > tierRank(tier)) break;
    const p = product.memberPrices?.[t];
    if (isFen(p)) price = Math.min(price, p);
  }
  return price;
}

/** The nearest higher step that pays less than `tier` does ("升级为复购会员可享 ¥xx"), or null. */
export function nextTierOffer(product: PricedProduct, tier: Tier): NextTierOffer | null {
  const mine = priceFor(product, tier);
  for (const t of TIERS) {
    if (tierRank(t) <= tierRank(tier)) continue;
    const priceFen = priceFor(product, t);
    if (priceFen < mine) return { tier: t, tierName: TIER_NAMES[t], priceFen };
  }
  return null;
}

/** The whole ladder of prices, lowest step first (the follower's is the list price). */
export function tierPrices(product: PricedProduct): TierPrice[] {
  return TIERS.map((tier) => ({ tier, tierName: TIER_NAMES[tier], priceFen: priceFor(product, tier) }));
}

/**
 * Member-only products are visible (and buyable) from their step up; a follower never sees one.
 * Everything else is visible to everyone.
 */
export function visibleTo(product: Pick<PricedProduct, 'memberOnlyFromTier'>, tier: Tier): boolean {
  const from = product.memberOnlyFromTier;
  if (!from) return true;
  if (tier === 'follower') return false;
  return tierRank(tier) >= tierRank(from);
}

const tierPriceLabel = (t: MemberTier) => `${TIER_NAMES[t]}价`;

/**
 * Every way the product's prices break the rules, each with the field it is about, in the order a
 * form shows them: list price, channels, then member prices lowest step first. Empty = it may be
 * saved. A price that is not valid fen is reported once and left out of the comparisons.
 */
export function checkParity(product: PricedProduct): PriceViolation[] {
  const out: PriceViolation[] = [];
  const list = product.listPriceFen;
  if (!isFen(list)) out.push({ path: 'listPriceFen', message: '标价须为非负整数（分）' });

  const channels: Array<{ channel: string; priceFen: number }> = [];
  const seen = new Set<string>();
  (product.channelPrices ?? []).forEach((c, i) => {
    const name = typeof c.channel === 'string' ? c.channel.trim() : '';
    if (!name) out.push({ path: `channelPrices.${i}.channel`, message: '渠道名称不能为空' });
    else if (seen.has(name)) out.push({ path: `channelPrices.${i}.channel`, message: `渠道「${name}」重复` });
    seen.add(name);
    if (!isFen(c.priceFen)) out.push({ path: `channelPrices.${i}.priceFen`, message: `${name || '渠道'}价须为非负整数（分）` });
    else if (name) channels.push({ channel: name, priceFen: c.priceFen });
  });

  // The lowest valid price among the steps below, to compare each step with.
  let lowerBest: { tier: MemberTier; priceFen: number } | null = null;
  for (const tier of MEMBER_TIERS) {
    const path = `memberPrices.${tier}`;
    const label = tierPriceLabel(tier);
    const price = product.memberPrices?.[tier];
    if (price === undefined || price === null) {
      out.push({ path, message: `${label}未设置` });
      continue;
    }
    if (!isFen(price)) {
      out.push({ path, message: `${label}须为非负整数（分）` });
      continue;
    }
    if (isFen(list) && price > list) out.push({ path, message: `${label} ${formatFen(price)} 高于 标价 ${formatFen(list)}` });
    for (const c of channels) {
      if (price > c.priceFen) out.push({ path, message: `${label} ${formatFen(price)} 高于 ${c.channel}价 ${formatFen(c.priceFen)}` });
    }
    if (lowerBest && price > lowerBest.priceFen) {
      out.push({ path, message: `${label} ${formatFen(price)} 高于 ${tierPriceLabel(lowerBest.tier)} ${formatFen(lowerBest.priceFen)}` });
    }
    // On a tie the nearer step is named: "高于 复购会员价" reads better than a step further down.
    if (!lowerBest || price <= lowerBest.priceFen) lowerBest = { tier, priceFen: price };
  }
  return out;
}

/** The refusal's message: every violation, then how many ('会员价不符合价格规则：…（共 N 处）'). */
export function parityMessage(violations: PriceViolation[]): string {
  return `会员价不符合价格规则：${violations.map((v) => v.message).join('；')}（共 ${violations.length} 处）`;
}
