// The typed map of every cloud function action the client calls, DERIVED from the server's action
// tables (cloudfunctions/<fn>/actions.ts: `action(schema, run)`): an action's payload is what its
// zod schema accepts (`z.input`), its data the `ok` branch of what `run` resolves to, as JSON
// carries it (Dates become ISO strings: `Wire<T>`). A change of a schema or a use case's answer is
// a type error at every client call site that no longer fits — the client cannot drift.
//
// Every import here is type-only: nothing of the server (zod, core, the SDK) enters the bundle.

import type { z } from 'zod';
import type { adminActions } from '../../cloudfunctions/admin/actions';
import type { drawsActions } from '../../cloudfunctions/draws/actions';
import type { feedbackActions } from '../../cloudfunctions/feedback/actions';
import type { memberActions } from '../../cloudfunctions/member/actions';
import type { perksActions } from '../../cloudfunctions/perks/actions';
import type { pointsActions } from '../../cloudfunctions/points/actions';
import type { referralActions } from '../../cloudfunctions/referral/actions';
import type { shopActions } from '../../cloudfunctions/shop/actions';
import type { Role } from '@core/members/member.rules';
import type { Tier } from '@core/members/tiers';
import type { EntryKind } from '@core/points/points.repo';
import type { CouponState } from '@core/rewards/rewards.model';
import type { LadderConfig } from '@core/ladder/ladder.config';
import type { ReferralConfig } from '@core/referrals/referral.config';
import type { OrderStatus, RefundStatus } from '@core/orders/orders.model';
import type { OrderListFilter } from '@core/orders/orders.inputs';
import type { MemberTier, ProductStatus } from '@core/catalog/catalog.model';
import type { RewardStatus } from '@core/rewards/rewards.model';

// ---------------------------------------------------------------------------------------------
// The derivation.

/** A value as JSON carries it: Dates arrive as ISO 8601 strings, everything else as it is. */
export type Wire<T> = T extends Date
  ? string
  : T extends string | number | boolean | null | undefined
    ? T
    : T extends ReadonlyArray<infer U>
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

/** The server's action tables, one per function the client calls (jobs and payment are the system's). */
interface ActionTables {
  member: typeof memberActions;
  admin: ReturnType<typeof adminActions>;
  referral: ReturnType<typeof referralActions>;
  perks: typeof perksActions;
  shop: ReturnType<typeof shopActions>;
  points: typeof pointsActions;
  draws: typeof drawsActions;
  feedback: ReturnType<typeof feedbackActions>;
}

/** One `action(schema, run)` as the router holds it. */
interface ActionShape {
  input: z.ZodTypeAny;
  run: (...args: never[]) => Promise<unknown>;
}

type Succeeded<R> = R extends { ok: true; data: infer D } ? D : never;

/** One action's wire contract: what the client sends and what an `ok` answer carries. */
interface Contract<Def extends ActionShape> {
  payload: z.input<Def['input']>;
  data: Wire<Succeeded<Awaited<ReturnType<Def['run']>>>>;
}

export type CloudContracts = {
  [F in keyof ActionTables]: { [A in keyof ActionTables[F]]: ActionTables[F][A] extends ActionShape ? Contract<ActionTables[F][A]> : never };
};

export type FunctionName = keyof CloudContracts;
export type ActionName<F extends FunctionName> = keyof CloudContracts[F] & string;
type ContractOf<F extends FunctionName, A extends ActionName<F>> = CloudContracts[F][A] extends { payload: infer P; data: infer D }
  ? { payload: P; data: D }
  : never;
export type PayloadOf<F extends FunctionName, A extends ActionName<F>> = ContractOf<F, A>['payload'];
export type DataOf<F extends FunctionName, A extends ActionName<F>> = ContractOf<F, A>['data'];

// ---------------------------------------------------------------------------------------------
// The names the client uses, each read off the contract above (so each is what the wire carries).
// Plain vocabularies (roles, tiers, statuses) come from core as they are: they hold no Date.

export type { CouponState, LadderConfig, OrderListFilter, OrderStatus, ProductStatus, ReferralConfig, RefundStatus, RewardStatus, Role };
export type TierKey = Tier;
/** A staff role the admin area can grant. */
export type StaffRole = Exclude<Role, 'customer'>;
/** An action taking no input. */
export type EmptyPayload = PayloadOf<'member', 'open'>;

// The member function.
export type SessionProfile = DataOf<'member', 'open'>['profile'];
/** A demo identity seeded into the local emulator (only meaningful on h5 against the emulator). */
export type DemoPersona = DataOf<'member', 'listPersonas'>['personas'][number];
/** The member centre in one answer: profile, points summary, ladder standing, usable coupons. */
export type MemberCentre = DataOf<'member', 'centre'>;
/** The ladder page's answer, one step of it, and the caller's standing. */
export type LadderView = DataOf<'member', 'ladder'>;
export type LadderStepView = LadderView['steps'][number];
export type MyLadderView = LadderView['me'];

// The staff area (admin): overview, roles, audit log, and the tools.
export type AdminOverview = DataOf<'admin', 'overview'>;
export type StaffMember = DataOf<'admin', 'listStaff'>['staff'][number];
/** One line of the admin audit log (append-only, written by the server for every admin action). */
export type AuditEntry = DataOf<'admin', 'auditLog'>['entries'][number];
export type AuditOutcome = AuditEntry['outcome'];
/** A staff adjustment of one member's points. `requestId` (8..64) is made once per form submission. */
export type AdjustPointsPayload = PayloadOf<'admin', 'adjustPoints'>;
export type AdjustPointsResult = DataOf<'admin', 'adjustPoints'>;
export type LadderConfigView = DataOf<'admin', 'ladderConfig'>;
export type ReferralConfigView = DataOf<'admin', 'referralConfig'>;
export type AdminRewardView = DataOf<'admin', 'rewardsList'>['rewards'][number];
/** A reward as staff save it: every field sent (an edit replaces the reward), `stock` only to set it. */
export type SaveRewardPayload = PayloadOf<'admin', 'saveReward'>;
export type AdminProductView = DataOf<'admin', 'productsList'>['products'][number];
/** The member price of each tier that has one (a follower pays the list price). */
export type MemberPrices = AdminProductView['memberPrices'];
export type ProductViolation = AdminProductView['violations'][number];
/** A product as an admin saves it: no `productId` = a new one; on an edit, fields left out keep their value. */
export type SaveProductPayload = PayloadOf<'admin', 'saveProduct'>;
export type AdminOrderView = DataOf<'admin', 'ordersList'>['orders'][number];
export type AdminRefundView = DataOf<'admin', 'refundQueue'>['refunds'][number];
export type RefundQueueInput = PayloadOf<'admin', 'refundQueue'>;
export type DecideRefundInput = PayloadOf<'admin', 'decideRefund'>;

// Points, rewards and coupons (the points function).
export type PointsSummary = DataOf<'points', 'summary'>;
/** What a ledger line records: earned, spent, reversed by a refund, adjusted by staff, expired. */
export type PointsEntryKind = EntryKind;
export type PointsHistoryPage = DataOf<'points', 'history'>;
/** One line of the caller's points history, newest first (no ledger key, lots or staff member). */
export type PointsHistoryEntry = PointsHistoryPage['entries'][number];
/**
 * One reward as the caller may see it: `available` says whether the caller may redeem it now
 * (membership, tier, stock; not the balance) and `unavailableReason` why not, in Chinese.
 */
export type Reward = DataOf<'points', 'rewards'>['rewards'][number];
/** The coupon a reward issues (integer fen; valid `validDays` days from issue, 0 = no minimum spend). */
export type RewardCouponTerms = NonNullable<Reward['coupon']>;
export type RedeemResult = DataOf<'points', 'redeem'>;
export type MyCoupon = DataOf<'points', 'coupons'>['coupons'][number];

// Products and orders (the shop function). Money is integer fen; the server prices everything.
export type ProductCard = DataOf<'shop', 'catalog'>['products'][number];
export type ProductDetail = DataOf<'shop', 'product'>['product'];
export type MemberPriceTier = MemberTier;
export type ProductNextTierOffer = NonNullable<ProductCard['nextTierOffer']>;
export type TierPrice = ProductDetail['tierPrices'][number];
export type ChannelPrice = AdminProductView['channelPrices'][number];
export type QuoteInput = PayloadOf<'shop', 'quote'>;
/** One line of a cart as the server takes it: a product and a quantity, never a price. */
export type CartLineInput = QuoteInput['lines'][number];
export type CheckoutQuote = DataOf<'shop', 'quote'>['quote'];
export type CheckoutCoupon = CheckoutQuote['coupons'][number];
export type CreateOrderInput = PayloadOf<'shop', 'createOrder'>;
export type OrderView = DataOf<'shop', 'order'>['order'];
export type OrderLineView = OrderView['lines'][number];
export type OrderHistoryView = OrderView['history'][number];
export type RefundView = NonNullable<OrderView['refund']>;
export type MyOrdersInput = PayloadOf<'shop', 'myOrders'>;
export type RequestRefundInput = PayloadOf<'shop', 'requestRefund'>;
export type PayStart = DataOf<'shop', 'pay'>;
export type PaymentParams = PayStart['payment'];

// Limited-release draws (the draws function; the staff tools are admin actions).
/** A draw in the list, with whether the caller entered it (`entered`) and the server's time (`serverNow`). */
export type DrawListItem = DataOf<'draws', 'list'>['draws'][number];
/** A draw's page: the draw, the caller's entry if any, whether they may enter and why not, in words. */
export type DrawDetailView = DataOf<'draws', 'detail'>;
export type DrawView = DrawDetailView['draw'];
export type DrawPhase = DrawView['phase'];
export type DrawRefusal = NonNullable<DrawDetailView['refusal']>;
/** One entry of 我的抽签 (its `entryId` is the receipt the member finds in the published list). */
export type MyDrawEntry = DataOf<'draws', 'mine'>['entries'][number];
export type MyDrawEntryState = MyDrawEntry['state'];
/** The published proof of a drawn draw: commitment, seed, digest, final seed, winners and waitlist. */
export type DrawProof = DataOf<'draws', 'proof'>['proof'];
export type DrawProofEntriesPage = DataOf<'draws', 'proofEntries'>;
export type AdminDrawView = DataOf<'admin', 'drawsList'>['draws'][number];
export type CreateDrawPayload = PayloadOf<'admin', 'createDraw'>;
export type CancelDrawPayload = PayloadOf<'admin', 'cancelDraw'>;
