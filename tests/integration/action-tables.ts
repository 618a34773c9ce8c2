/**
 * Every action of every cloud function, read from the functions' own action tables, with who may
 * call it and one valid input: what the authorization matrix and the fuzz test iterate over. The
 * tests check that these maps cover the tables exactly, so a new action (or a new function)
 * without an entry here fails them instead of going untested.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LADDER_CONFIG } from '../../core/ladder/ladder.config';
import { DEFAULT_REFERRAL_CONFIG } from '../../core/referrals/referral.config';
import { DEFAULT_FEEDBACK_CONFIG } from '../../core/feedback/feedback.config';
import type { Permission } from '../../core/staff/staff.rules';
import { adminActions } from '../../cloudfunctions/admin/actions';
import { jobsTable } from '../../cloudfunctions/jobs/actions';
import { memberActions } from '../../cloudfunctions/member/actions';
import { drawsActions } from '../../cloudfunctions/draws/actions';
import { feedbackActions } from '../../cloudfunctions/feedback/actions';
import { perksActions } from '../../cloudfunctions/perks/actions';
import { pointsActions } from '../../cloudfunctions/points/actions';
import { referralActions } from '../../cloudfunctions/referral/actions';
import { shopActions } from '../../cloudfunctions/shop/actions';

// Only the tables' keys are read: the ports their factories take are never called.
const unused = {} as never;

/** The functions the mini-program calls, each with its table (the router's input schemas live there). */
export const CLIENT_TABLES = {
  member: memberActions,
  shop: shopActions(unused),
  points: pointsActions,
  referral: referralActions(unused),
  perks: perksActions,
  draws: drawsActions,
  feedback: feedbackActions(unused),
  admin: adminActions(unused, unused),
} as const;

/** Functions only the system may call: timers (jobs), WeChat Pay's notifications (payment) and WeChat's message pushes (events). */
export const SYSTEM_FUNCTIONS = ['jobs', 'payment', 'events'] as const;

export const JOB_TRIGGERS = Object.keys(jobsTable(unused, unused));

export type ClientFunction = keyof typeof CLIENT_TABLES;

/** Every deployed function folder (a folder with index.ts and config.json, as the build sees it). */
export function deployedFunctions(): string[] {
  const dir = join(__dirname, '..', '..', 'cloudfunctions');
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'index.ts')) && existsSync(join(dir, name, 'config.json')))
    .sort();
}

export function clientActions(): Array<{ fn: ClientFunction; action: string; key: string }> {
  return (Object.keys(CLIENT_TABLES) as ClientFunction[]).flatMap((fn) =>
    Object.keys(CLIENT_TABLES[fn]).map((action) => ({ fn, action, key: `${fn}.${action}` })),
  );
}

/**
 * Who may call each action: 'anyone' (every caller with a WeChat identity; the action itself
 * decides what they see), or the staff permission the server checks (core/staff/staff.rules.ts
 * says which roles hold it).
 */
export const ACCESS: Record<string, 'anyone' | Permission> = {
  'member.open': 'anyone',
  'member.join': 'anyone',
  'member.updateProfile': 'anyone',
  'member.listPersonas': 'anyone',
  'member.ladder': 'anyone',
  'member.centre': 'anyone',
  'member.notifySubscribe': 'anyone',
  'member.notifyMine': 'anyone',
  'member.notifyTemplates': 'anyone',
  'shop.catalog': 'anyone',
  'shop.product': 'anyone',
  'shop.quote': 'anyone',
  'shop.createOrder': 'anyone',
  'shop.pay': 'anyone',
  'shop.cancelOrder': 'anyone',
  'shop.order': 'anyone',
  'shop.myOrders': 'anyone',
  'shop.requestRefund': 'anyone',
  'points.summary': 'anyone',
  'points.history': 'anyone',
  'points.rewards': 'anyone',
  'points.redeem': 'anyone',
  'points.coupons': 'anyone',
  'referral.share': 'anyone',
  'referral.visit': 'anyone',
  'referral.poster': 'anyone',
  'referral.influence': 'anyone',
  'perks.list': 'anyone',
  'perks.claim': 'anyone',
  'draws.list': 'anyone',
  'draws.detail': 'anyone',
  'draws.enter': 'anyone',
  'draws.mine': 'anyone',
  'draws.proof': 'anyone',
  'draws.proofEntries': 'anyone',
  'admin.overview': 'admin.view',
  'admin.listStaff': 'staff.manage',
  'admin.findMembers': 'admin.view',
  'admin.grantRole': 'staff.manage',
  'admin.revokeRole': 'staff.manage',
  'admin.auditLog': 'audit.view',
  'admin.ladderConfig': 'admin.view',
  'admin.updateLadderConfig': 'ladder.manage',
  'admin.rewardsList': 'admin.view',
  'admin.saveReward': 'rewards.manage',
  'admin.setRewardStatus': 'rewards.manage',
  'admin.adjustPoints': 'points.adjust',
  'admin.productsList': 'admin.view',
  'admin.saveProduct': 'products.manage',
  'admin.setProductStatus': 'products.manage',
  'admin.ordersList': 'orders.view',
  'admin.refundQueue': 'orders.view',
  'admin.decideRefund': 'orders.refund',
  'admin.perksList': 'admin.view',
  'admin.savePerk': 'rewards.manage',
  'admin.setPerkStatus': 'rewards.manage',
  'admin.kocLeaderboard': 'referrals.view',
  'admin.flaggedReferrals': 'referrals.view',
  'admin.decideFlag': 'referrals.decide',
  'admin.referralConfig': 'referrals.view',
  'admin.updateReferralConfig': 'referrals.configure',
  'admin.drawsList': 'admin.view',
  'admin.drawDetail': 'admin.view',
  'admin.createDraw': 'draws.manage',
  'admin.cancelDraw': 'draws.manage',
  'admin.drawNow': 'draws.manage',
  'feedback.list': 'anyone',
  'feedback.detail': 'anyone',
  'feedback.mine': 'anyone',
  'feedback.compose': 'anyone',
  'feedback.uploadPaths': 'anyone',
  'feedback.create': 'anyone',
  'feedback.vote': 'anyone',
  'feedback.follow': 'anyone',
  'admin.feedbackQueue': 'feedback.moderate',
  'admin.feedbackPost': 'feedback.moderate',
  'admin.moderateFeedback': 'feedback.moderate',
  'admin.replyFeedback': 'feedback.moderate',
  'admin.setFeedbackStatus': 'feedback.moderate',
  'admin.mergeFeedback': 'feedback.moderate',
  'admin.rewardFeedback': 'feedback.reward',
  'admin.feedbackBoard': 'feedback.moderate',
  'admin.feedbackStats': 'feedback.moderate',
  'admin.feedbackConfig': 'feedback.moderate',
  'admin.updateFeedbackConfig': 'feedback.configure',
};

/** People the examples name; the tests open them first. */
export const EXAMPLE_MEMBER = 'o-tbl-member';
export const EXAMPLE_GRANTEE = 'o-tbl-grantee';

/** One input per action that its schema accepts (the ids need not exist: NOT_FOUND is an answer too). */
export const VALID_INPUT: Record<string, Record<string, unknown>> = {
  'member.open': {},
  'member.join': { agreeTerms: true },
  // An avatar, not a nickname: staff nicknames are reserved, so a second caller could not take the same one.
  'member.updateProfile': { avatarUrl: '' },
  'member.listPersonas': {},
  'member.ladder': {},
  'member.centre': {},
  'member.notifySubscribe': { kinds: ['draw_result'] },
  'member.notifyMine': {},
  'member.notifyTemplates': {},
  'shop.catalog': {},
  'shop.product': { productId: 'p-none' },
  'shop.quote': { lines: [{ productId: 'p-none', qty: 1 }] },
  'shop.createOrder': { requestId: 'req-tbl-0001', lines: [{ productId: 'p-none', qty: 1 }] },
  'shop.pay': { orderId: 'o-none' },
  'shop.cancelOrder': { orderId: 'o-none' },
  'shop.order': { orderId: 'o-none' },
  'shop.myOrders': { filter: 'all', limit: 5 },
  'shop.requestRefund': { orderId: 'o-none', reason: '不想要了' },
  'points.summary': {},
  'points.history': { limit: 5 },
  'points.rewards': {},
  'points.redeem': { rewardId: 'rw-none', requestId: 'req-tbl-0002' },
  'points.coupons': { state: 'available' },
  'referral.share': { targetType: 'invite', channel: 'chat' },
  'referral.visit': { code: 'AAAAAAAAAAAA' },
  'referral.poster': { targetType: 'invite' },
  'referral.influence': {},
  'perks.list': {},
  'perks.claim': { perkId: 'pk-none' },
  'draws.list': {},
  'draws.detail': { drawId: 'draw_000000000000' },
  'draws.enter': { drawId: 'draw_000000000000', notify: true },
  'draws.mine': {},
  'draws.proof': { drawId: 'draw_000000000000' },
  'draws.proofEntries': { drawId: 'draw_000000000000' },
  'admin.overview': {},
  'admin.listStaff': {},
  'admin.findMembers': { query: '周周' },
  'admin.grantRole': { openid: EXAMPLE_GRANTEE, role: 'moderator' },
  'admin.revokeRole': { openid: 'o-tbl-nobody' },
  'admin.auditLog': { limit: 5 },
  'admin.ladderConfig': {},
  'admin.updateLadderConfig': { config: DEFAULT_LADDER_CONFIG },
  'admin.rewardsList': {},
  'admin.saveReward': { title: '表格奖品', kind: 'product', pointsCost: 100, stock: 1 },
  'admin.setRewardStatus': { rewardId: 'rw-none', status: 'inactive' },
  'admin.adjustPoints': { openid: EXAMPLE_MEMBER, amount: 10, reason: '矩阵测试', requestId: 'req-tbl-0003' },
  'admin.productsList': {},
  'admin.saveProduct': {
    name: '表格商品',
    category: '测试',
    listPriceFen: 1000,
    memberPrices: { member: 900, buyer: 850, repeat_buyer: 800, koc: 750 },
    stock: 1,
  },
  'admin.setProductStatus': { productId: 'p-none', status: 'off_shelf' },
  'admin.ordersList': { filter: 'all', limit: 5 },
  'admin.refundQueue': { status: 'all' },
  'admin.decideRefund': { refundId: 'rf-none', decision: 'reject', rejectReason: '信息不全' },
  'admin.perksList': {},
  'admin.savePerk': { title: '表格福利', kind: 'content', requiredFriends: 1, engagement: 'join', content: '专属内容' },
  'admin.setPerkStatus': { perkId: 'pk-none', status: 'inactive' },
  'admin.kocLeaderboard': { days: 30 },
  'admin.flaggedReferrals': {},
  'admin.decideFlag': { id: 'referral:none', decision: 'reject' },
  'admin.referralConfig': {},
  'admin.updateReferralConfig': { config: DEFAULT_REFERRAL_CONFIG },
  'admin.drawsList': {},
  'admin.drawDetail': { drawId: 'draw_000000000000' },
  // A product that does not exist: NOT_FOUND for staff, so the matrix writes no draw.
  'admin.createDraw': {
    productId: 'p-none',
    title: '表格抽签',
    units: 1,
    waitlistLength: 0,
    minTier: 'member',
    minMemberDays: 0,
    purchaseHours: 24,
    opensAt: '2030-01-01T00:00:00.000Z',
    closesAt: '2030-01-02T00:00:00.000Z',
    drawAt: '2030-01-02T01:00:00.000Z',
  },
  'admin.cancelDraw': { drawId: 'draw_000000000000', reason: '矩阵测试' },
  'admin.drawNow': { drawId: 'draw_000000000000' },
  'feedback.list': { sort: 'votes' },
  'feedback.detail': { postId: 'fb_000000000000' },
  'feedback.mine': {},
  'feedback.compose': {},
  'feedback.uploadPaths': { types: ['image/png'] },
  // Text the emulator's check passes; a post by whoever calls (a member may post; a visitor is NOT_A_MEMBER).
  'feedback.create': { category: 'suggestion', text: '希望多出几款低因咖啡', requestId: 'req-tbl-0004' },
  'feedback.vote': { postId: 'fb_000000000000', on: true },
  'feedback.follow': { postId: 'fb_000000000000', on: true },
  'admin.feedbackQueue': {},
  'admin.feedbackPost': { postId: 'fb_000000000000' },
  'admin.moderateFeedback': { postId: 'fb_000000000000', decision: 'reject', reason: '矩阵测试' },
  'admin.replyFeedback': { postId: 'fb_000000000000', text: '矩阵测试回复' },
  'admin.setFeedbackStatus': { postId: 'fb_000000000000', status: 'planned' },
  'admin.mergeFeedback': { postId: 'fb_000000000000', intoPostId: 'fb_000000000001' },
  'admin.rewardFeedback': { postId: 'fb_000000000000', points: 100 },
  'admin.feedbackBoard': {},
  'admin.feedbackStats': {},
  'admin.feedbackConfig': {},
  'admin.updateFeedbackConfig': { config: DEFAULT_FEEDBACK_CONFIG },
};

/** A Chinese sentence: what every refusal says to a person. */
export const CHINESE = /[\u4e00-\u9fa5]/;

/** True for the one envelope every function returns. */
export function isEnvelope(res: unknown): boolean {
  if (!res || typeof res !== 'object') return false;
  const r = res as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return 'data' in r && r.data !== undefined;
  return r.ok === false && typeof r.error?.code === 'string' && typeof r.error.message === 'string' && r.error.message.length > 0;
}
