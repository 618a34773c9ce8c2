// The typed map of every cloud function action the client calls: function -> action -> payload
// and data. The server side implements these; the client only relies on the shapes below.

// Shapes the server defines are imported from core (type-only: nothing of core enters the
// bundle), so the client cannot drift from what the functions return.
import type { LadderStepView, LadderView, MyLadderView } from '@core/ladder/ladder.view';
import type { MemberCentre } from '@core/members/member-centre.usecases';
import type { Role, SessionProfile } from '@core/members/member.rules';
import type { Persona } from '@core/members/member.usecases';
import type { Tier } from '@core/members/tiers';
import type { EntryKind } from '@core/points/points.repo';
import type { PointsSummary } from '@core/points/points.usecases';
import type { PointsLine } from '@core/points/points.views';
import type { CouponState, CouponTerms, MyCoupon, RedeemResult, RewardView } from '@core/rewards/rewards.model';
import type { LadderConfig } from '@core/ladder/ladder.config';
import type { LadderConfigView } from '@core/ladder/ladder.usecases';
import type { ReferralConfig } from '@core/referrals/referral.config';
import type { ReferralConfigView } from '@core/referrals/referral-settings.usecases';
import type { LedgerOutcome } from '@core/points/points.ledger';
import type { AdminRewardView, RewardStatus } from '@core/rewards/rewards.model';
import type { SaveRewardInput } from '@core/rewards/rewards.admin';
import type {
  AdminProductView,
  ChannelPrice,
  MemberTier,
  NextTierOffer,
  PriceViolation,
  ProductCard,
  ProductDetail,
  ProductStatus,
  TierPrice,
} from '@core/catalog/catalog.model';
import type { SaveProductInput } from '@core/catalog/catalog.admin';
import type { InfluenceView, KocLeaderboard, FlagView, ShareResult, VisitResult } from '@core/referrals/referrals.model';
import type { DecideFlagInput, KocLeaderboardInput, PosterInput, ShareInput } from '@core/referrals/referrals.inputs';
import type { FlagDecision } from '@core/referrals/referrals.admin';
import type { PosterResult } from '@core/referrals/referrals.poster';
import type { AdminPerkView, PerkView } from '@core/perks/perks.model';
import type { SavePerkInput } from '@core/perks/perks.admin';
import type {
  AdminOrderView,
  AdminRefundView,
  CheckoutCoupon,
  CheckoutQuote,
  OrderHistoryView,
  OrderLineView,
  OrderStatus,
  OrderView,
  PaymentParams,
  PayStart,
  RefundStatus,
  RefundView,
} from '@core/orders/orders.model';
import type {
  AdminOrdersInput,
  CreateOrderInput,
  DecideRefundInput,
  MyOrdersInput,
  OrderListFilter,
  QuoteInput,
  RefundQueueInput,
  RequestRefundInput,
} from '@core/orders/orders.inputs';

export type { Role, SessionProfile };
/** The member centre in one answer (member.centre). */
export type { MemberCentre };
/** The ladder page's answer, one step of it, and the caller's standing (member.ladder / member.centre). */
export type { LadderStepView, LadderView, MyLadderView };
export type TierKey = Tier;
/** A demo identity seeded into the local emulator (only meaningful on h5 against the emulator). */
export type DemoPersona = Persona;

/** A staff role the admin area can grant. */
export type StaffRole = Exclude<Role, 'customer'>;

/** One step of the relationship ladder in the staff overview: how many people are on it now. */
export interface TierCount {
  tier: TierKey;
  /** Display name from the server, e.g. '复购会员'. */
  name: string;
  count: number;
}

export interface AdminOverview {
  /** The five steps, lowest first. */
  tiers: TierCount[];
  /** People who joined membership. */
  members: number;
  /** People with a staff role. */
  staff: number;
}

export interface StaffMember {
  /** The person's OPENID. */
  _id: string;
  role: StaffRole;
  /** OPENID of the admin who granted it, or 'bootstrap' / 'seed'. */
  grantedBy: string;
  /** Server time (ISO 8601). */
  grantedAt: string;
  nickname: string;
}

export type AuditOutcome = 'ok' | 'denied' | 'failed';

/** One line of the admin audit log (append-only, written by the server for every admin action). */
export interface AuditEntry {
  _id?: string;
  /** OPENID of whoever attempted the action. */
  actor: string;
  /** Their role at that moment ('customer' for someone refused). */
  role: Role | (string & {});
  /** Action code, e.g. 'staff.grant'. */
  action: string;
  /**
   * What the action touched, e.g. { openid, role }. For a denial only its ids and a `digest` (a
   * fingerprint of what was sent): a refused caller's payload is never stored.
   */
  target: Record<string, unknown>;
  outcome: AuditOutcome;
  /** Error code of a failed action, or a note. */
  detail?: string;
  /** Server time (ISO 8601); for a denial, the first attempt of its window. */
  at: string;
  /** Denials only: one entry counts one caller's attempts at one action within 10 minutes. */
  count?: number;
  /** Denials only: the latest of those attempts (ISO 8601). */
  lastAt?: string;
}

// The staff tools: points adjustments, the ladder configuration, the rewards catalog.

export type { AdminRewardView, LadderConfig, LadderConfigView, ReferralConfig, ReferralConfigView, RewardStatus };

/** A staff adjustment of one member's points. `requestId` (8..64) is made once per form submission. */
export interface AdjustPointsPayload {
  openid: string;
  /** Non-zero integer, at most 1,000,000 either way: positive credits, negative debits. */
  amount: number;
  /** 2..60 characters; the member reads it in their history as 客服调整：<reason>. */
  reason: string;
  requestId: string;
}

/** The ledger line an adjustment wrote (its times as ISO strings on the wire). */
export type AdjustPointsEntry = Omit<LedgerOutcome['entry'], 'createdAt' | 'expiresAt'> & { createdAt: string; expiresAt?: string | null };
export type AdjustPointsResult = Omit<LedgerOutcome, 'entry'> & { entry: AdjustPointsEntry };

/** A reward as staff save it: every field sent (an edit replaces the reward), `stock` only to set it. */
export type SaveRewardPayload = SaveRewardInput;

// Points, rewards and coupons (the points function). Times are server times as ISO 8601 strings.

export type { PointsSummary };
/** What a ledger line records: earned, spent, reversed by a refund, adjusted by staff, expired. */
export type PointsEntryKind = EntryKind;

/**
 * One line of the caller's points history, newest first: built field by field on the server (no
 * ledger key, lots or staff member), its `_id` opaque.
 */
export type PointsHistoryEntry = PointsLine;

export interface PointsHistoryPage {
  entries: PointsHistoryEntry[];
  /** Pass as `before` for the next (older) page; null when there is nothing older. */
  nextBefore: string | null;
}

/** The coupon a reward issues (integer fen; valid `validDays` days from issue, 0 = no minimum spend). */
export type RewardCouponTerms = CouponTerms;
/**
 * One item of the points rewards catalogue as the caller may see it. `available` says whether the
 * caller may redeem it now (membership, tier, stock; not the balance) and `unavailableReason` why
 * not, in Chinese. `image` is a cloud:// fileID or an https URL: show it through utils/cloud-image.
 */
export type Reward = RewardView;
export type { CouponState, MyCoupon, RedeemResult };

// Products and member prices (the shop function; admin.products* for staff). Money is integer fen.

export type {
  AdminProductView,
  ChannelPrice,
  MemberTier as MemberPriceTier,
  NextTierOffer as ProductNextTierOffer,
  PriceViolation as ProductViolation,
  ProductCard,
  ProductDetail,
  ProductStatus,
  TierPrice,
};
/** The member price of each tier that has one (a follower pays the list price). */
export type MemberPrices = AdminProductView['memberPrices'];
/**
 * A product as an admin saves it: no `productId` = a new one (it starts off shelf); on an edit,
 * optional fields left out keep their stored value (`stock` especially: orders move it).
 * PRICE_PARITY_VIOLATION and VALIDATION_FAILED carry `details[]`, several per path possibly.
 */
export type SaveProductPayload = SaveProductInput;

// Orders, payment and refunds (shop.* for the buyer, admin.orders*/refund* for staff). The server
// prices every cart, applies the coupon and computes points; the client shows what it returns.

export type {
  AdminOrderView,
  AdminRefundView,
  CheckoutCoupon,
  CheckoutQuote,
  OrderHistoryView,
  OrderLineView,
  OrderListFilter,
  OrderStatus,
  OrderView,
  PaymentParams,
  PayStart,
  RefundStatus,
  RefundView,
};
/** One line of a cart as the server takes it: a product and a quantity, never a price. */
export type CartLineInput = QuoteInput['lines'][number];
export type { AdminOrdersInput, CreateOrderInput, DecideRefundInput, MyOrdersInput, QuoteInput, RefundQueueInput, RequestRefundInput };

/** An action taking no input. */
export type EmptyPayload = Record<string, never>;

interface Action<Payload, Data> {
  payload: Payload;
  data: Data;
}

export interface CloudContracts {
  member: {
    open: Action<EmptyPayload, { profile: SessionProfile }>;
    join: Action<{ agreeTerms: true; phone?: string }, { profile: SessionProfile }>;
    updateProfile: Action<{ nickname?: string; avatarUrl?: string }, { profile: SessionProfile }>;
    listPersonas: Action<EmptyPayload, { personas: DemoPersona[] }>;
    /**
     * Everything the member centre shows, in one call: the profile (opens the session like `open`),
     * the points summary, where the caller stands on the ladder, and how many coupons are usable.
     */
    centre: Action<EmptyPayload, MemberCentre>;
    /** The ladder explanation: the five steps in words, the rolling period, the grace, and the caller's standing. */
    ladder: Action<EmptyPayload, LadderView>;
  };
  /** The staff area. The server checks the caller's role on every action and audits it. */
  admin: {
    /** Moderator or admin. */
    overview: Action<EmptyPayload, AdminOverview>;
    /** Admin only. */
    listStaff: Action<EmptyPayload, { staff: StaffMember[] }>;
    /** Admin only. NOT_FOUND when that person never opened the app; CONFLICT when lowering your own role. */
    grantRole: Action<{ openid: string; role: StaffRole }, { openid: string; role: StaffRole }>;
    /** Admin only. CONFLICT when revoking yourself (so an admin always remains); NOT_FOUND when that person has no role. */
    revokeRole: Action<{ openid: string }, { openid: string }>;
    /**
     * Admin only. Newest first; `before` is an ISO time (entries strictly older); `changesOnly` hides
     * reads (lists, views, the overview). Denials are coalesced (`count`, `lastAt`). An allowed action
     * whose audit write fails still answers its own result (the server logs the failure).
     */
    auditLog: Action<{ limit?: number; before?: string; changesOnly?: boolean }, { entries: AuditEntry[] }>;
    /**
     * Admin only. Idempotent by `requestId`: a replay answers the first outcome with
     * `replayed: true`. Refusals: NOT_FOUND (no such member), POINTS_INSUFFICIENT (a debit beyond
     * the balance), VALIDATION_FAILED (with `details`), CONFLICT.
     */
    adjustPoints: Action<AdjustPointsPayload, AdjustPointsResult>;
    /** Moderator or admin: the ladder's thresholds and benefits, its version and who saved it. */
    ladderConfig: Action<EmptyPayload, LadderConfigView>;
    /**
     * Admin only. LADDER_CONFIG_INVALID with `details[]` ({ path: 'thresholds.buyerOrders', message })
     * per field; CONFLICT when the saved version is no longer `expectedVersion`.
     */
    updateLadderConfig: Action<{ config: LadderConfig; expectedVersion?: number }, LadderConfigView>;
    /** Moderator or admin: every reward, any status, with remaining stock and redemptions. */
    rewardsList: Action<EmptyPayload, { rewards: AdminRewardView[] }>;
    /** Admin only. Creates (no `rewardId`) or replaces a reward; VALIDATION_FAILED with `details`. */
    saveReward: Action<SaveRewardPayload, { reward: AdminRewardView }>;
    /** Admin only. NOT_FOUND when the reward is gone. */
    setRewardStatus: Action<{ rewardId: string; status: RewardStatus }, { reward: AdminRewardView }>;
    /** Moderator or admin: every product, any status, with the parity rules each breaks. */
    productsList: Action<EmptyPayload, { products: AdminProductView[] }>;
    /**
     * Admin only. Creates (no `productId`) or replaces a product. PRICE_PARITY_VIOLATION (a member
     * price above the list price or a channel price, or a higher tier paying more) and
     * VALIDATION_FAILED carry `details[]` ({ path: 'memberPrices.koc', message }).
     */
    saveProduct: Action<SaveProductPayload, { product: AdminProductView }>;
    /** Admin only. NOT_FOUND when the product is gone; PRICE_PARITY_VIOLATION putting on sale a product whose stored prices break the rules. */
    setProductStatus: Action<{ productId: string; status: ProductStatus }, { productId: string; status: ProductStatus; product: AdminProductView }>;
    /** Moderator or admin: orders newest first, by filter; `search` is an order number or a member's openid. */
    ordersList: Action<AdminOrdersInput, { orders: AdminOrderView[]; nextCursor: string | null }>;
    /** Moderator or admin: refund requests (`requested`: those waiting for a decision; `all`: decided ones too). */
    refundQueue: Action<RefundQueueInput, { refunds: AdminRefundView[] }>;
    /** Admin only. Approve (with `restock`, default true) or reject with a reason; REFUND_NOT_ALLOWED when already decided. */
    decideRefund: Action<DecideRefundInput, { refund: AdminRefundView }>;
    /** Moderator or admin: members ranked by distinct friends who bought through their shares in the last `days`. */
    kocLeaderboard: Action<KocLeaderboardInput, KocLeaderboard>;
    /** Moderator or admin: referrals and conversions held for review (caps, bursts, one person behind two accounts), oldest first. */
    flaggedReferrals: Action<EmptyPayload, { flags: FlagView[] }>;
    /** Admin only: approve pays (or counts) it, reject voids it; FLAG_ALREADY_DECIDED when done already. */
    decideFlag: Action<DecideFlagInput, FlagDecision>;
    /** Moderator or admin: the referral programme's rules (window, hold, reward, caps, review thresholds), its version and who saved it. */
    referralConfig: Action<EmptyPayload, ReferralConfigView>;
    /**
     * Admin only. VALIDATION_FAILED with `details[]` ({ path: 'burst.maxReferrals', message }) per
     * field; CONFLICT when the saved version is no longer `expectedVersion`.
     */
    updateReferralConfig: Action<{ config: ReferralConfig; expectedVersion?: number }, ReferralConfigView>;
    /** Moderator or admin: every perk with its rule in words and how many members unlocked it. */
    perksList: Action<EmptyPayload, { perks: AdminPerkView[] }>;
    /** Admin only: create (no perkId; starts inactive) or edit a perk; VALIDATION_FAILED with details per field. */
    savePerk: Action<SavePerkInput, { perk: AdminPerkView }>;
    /** Admin only. */
    setPerkStatus: Action<{ perkId: string; status: 'active' | 'inactive' }, { perk: AdminPerkView }>;
  };
  /** Shares, visits, posters and the member's influence. The sharer and visitor are always the caller. */
  referral: {
    /**
     * The card for a target (one per sharer, target and channel, reused): `path` is what
     * onShareAppMessage / onShareTimeline return. NOT_A_MEMBER (only members share), NOT_FOUND.
     */
    share: Action<ShareInput, ShareResult>;
    /**
     * Someone opened a card (`s` in the page's query) or scanned a poster (`scene`, URI-decoded):
     * recorded once per share and visitor, the sharer's own opens ignored. SHARE_NOT_FOUND for an
     * unknown code. `share` says where the card points (for a poster landing; `targetId` null for
     * an invite card) and whose card it is, by a masked nickname — never by id.
     */
    visit: Action<{ code: string }, VisitResult>;
    /** A poster-channel share and its mini-program code image (qrUrl) to draw on a canvas. POSTER_UNAVAILABLE. */
    poster: Action<PosterInput, PosterResult>;
    /** 我的影响力: shares, visits, friends who joined, purchases through them, rewards and the way to 品牌KOC. */
    influence: Action<EmptyPayload, InfluenceView>;
  };
  /** Share-to-unlock perks: progress from friends who genuinely joined (and bought) through the member's cards. */
  perks: {
    /** Active perks with the caller's progress (masked helpers), eligibility and unlocks. */
    list: Action<EmptyPayload, { perks: PerkView[] }>;
    /** Unlocks a complete perk once (a coupon perk issues its coupon); PERK_NOT_UNLOCKED, NOT_A_MEMBER, TIER_NOT_ELIGIBLE, PERK_UNAVAILABLE. */
    claim: Action<{ perkId: string }, { perk: PerkView; replayed: boolean }>;
  };
  /** Products at the caller's own prices (the server prices by the caller's tier). */
  shop: {
    /** Products on sale the caller may see, in catalog order. */
    catalog: Action<EmptyPayload, { products: ProductCard[] }>;
    /** NOT_FOUND when hidden or unknown. */
    product: Action<{ productId: string }, { product: ProductDetail }>;
    /**
     * The server's price of a cart at the caller's tier, with the caller's coupons (usable or not,
     * and why). MEMBERSHIP_REQUIRED, ORDER_OUT_OF_STOCK, ORDER_PRODUCT_UNAVAILABLE, COUPON_UNUSABLE,
     * VALIDATION_FAILED (with `details`).
     */
    quote: Action<QuoteInput, { quote: CheckoutQuote }>;
    /**
     * One order per `requestId` (the client's idempotency key for one checkout): sending it again
     * returns the same order with `replayed: true`. Refusals as for `quote`, plus CONFLICT.
     */
    createOrder: Action<CreateOrderInput, { order: OrderView; replayed: boolean }>;
    /** Payment parameters for `Taro.requestPayment`; ORDER_NOT_PAYABLE once paid, closed or expired. */
    pay: Action<{ orderId: string }, PayStart>;
    /**
     * Closes an unpaid order (its stock and coupon are given back); the answer is always the closed
     * order. ORDER_NOT_CANCELLABLE when it is not unpaid, also when a payment got there first (订单已付款，无法取消)
     * or it closed meanwhile (订单已关闭): read it again (`order`) to show what it is now.
     */
    cancelOrder: Action<{ orderId: string }, { order: OrderView }>;
    /** One of the caller's orders; NOT_FOUND for anyone else's. */
    order: Action<{ orderId: string }, { order: OrderView }>;
    /** The caller's orders, newest first; `cursor` is the previous page's `nextCursor`. */
    myOrders: Action<MyOrdersInput, { orders: OrderView[]; nextCursor: string | null }>;
    /** Asks for a refund of the whole order; REFUND_NOT_ALLOWED when the order cannot be refunded (now). */
    requestRefund: Action<RequestRefundInput, { order: OrderView }>;
  };
  /** The caller's own points; the member is always the caller (never an id sent by the client). */
  points: {
    summary: Action<EmptyPayload, PointsSummary>;
    /** Newest first; `limit` 1..50; `before` is the previous page's `nextBefore`. */
    history: Action<{ limit?: number; before?: string }, PointsHistoryPage>;
    rewards: Action<EmptyPayload, { rewards: Reward[] }>;
    /**
     * One redemption per `requestId` (8..64 characters, made once per confirmation): sending it
     * again returns the first outcome with `replayed: true`. Refusals: POINTS_INSUFFICIENT,
     * REWARD_OUT_OF_STOCK, REWARD_UNAVAILABLE, TIER_NOT_ELIGIBLE, NOT_A_MEMBER, CONFLICT (too many
     * at once, nothing happened), REQUEST_ID_REUSED (the key already redeemed another reward).
     */
    redeem: Action<{ rewardId: string; requestId: string }, RedeemResult>;
    coupons: Action<{ state?: CouponState }, { coupons: MyCoupon[] }>;
  };
}

export type FunctionName = keyof CloudContracts;
export type ActionName<F extends FunctionName> = keyof CloudContracts[F] & string;

type ContractOf<F extends FunctionName, A extends ActionName<F>> = CloudContracts[F][A] extends Action<
  infer P,
  infer D
>
  ? { payload: P; data: D }
  : never;

export type PayloadOf<F extends FunctionName, A extends ActionName<F>> = ContractOf<F, A>['payload'];
export type DataOf<F extends FunctionName, A extends ActionName<F>> = ContractOf<F, A>['data'];
