import type { ErrorCode } from '@core/platform/result';
import type { PointsErrorCode } from '@core/points/points.errors';
import type { RewardsErrorCode } from '@core/rewards/rewards.errors';
import type { CloudError, CloudErrorCode } from '@/services/cloud-result';

// What a customer reads for each error code. Server messages are shown only where they explain
// a refusal to the customer (validation failures say what to fix; points refusals say what is
// missing, e.g. 积分不足：需要 300，可用 120); other codes get a fixed, friendly sentence.
//
// Keyed by the server's error-code catalogs (type-only imports): the platform's
// (core/platform/platform.errors.ts) and those of the points ledger and rewards, which a redemption
// answers. A code the server adds to or drops from them is a compile error here until it has its
// text. Areas whose pages live in a subpackage key their own catalogs the same way
// (utils/order-error-text.ts, packages/invite/invite-text.ts) through errorTextFor.

/** The transport's own failure: the function gave no answer (cloud-result.ts). */
type TransportCode = 'NETWORK_ERROR';

const TEXT_BY_CODE = {
  VALIDATION_FAILED: '提交的信息有误，请检查后重试',
  UNKNOWN_ACTION: '当前版本暂不支持该操作，请更新后重试',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '内容不存在或已被删除',
  NETWORK_ERROR: '网络异常，请稍后重试',
  INTERNAL: '服务开小差了，请稍后重试',
  UNAUTHENTICATED: '登录已失效，请重新选择身份',
  TERMS_NOT_ACCEPTED: '请先阅读并同意会员条款',
  NOT_A_MEMBER: '请先加入会员',
  POINTS_INSUFFICIENT: '积分不足',
  POINTS_AMOUNT_INVALID: '积分数量有误，请刷新后重试',
  POINTS_DUPLICATE_LOT: '操作失败，请稍后重试',
  REWARD_OUT_OF_STOCK: '该奖品已兑完',
  REWARD_UNAVAILABLE: '该奖品暂不可兑换',
  TIER_NOT_ELIGIBLE: '当前会员等级不可兑换该奖品',
  CONFLICT: '操作的人有点多，请稍后再试',
  REQUEST_ID_REUSED: '请求已过期，请刷新后重试',
} satisfies Record<ErrorCode | TransportCode | PointsErrorCode | RewardsErrorCode, string>;

const textOf = (code: CloudErrorCode): string | undefined =>
  Object.prototype.hasOwnProperty.call(TEXT_BY_CODE, code) ? TEXT_BY_CODE[code as keyof typeof TEXT_BY_CODE] : undefined;

/** Refusals whose server message is written for the customer, in Chinese. */
const EXPLAINED_BY_SERVER: ReadonlySet<CloudErrorCode> = new Set<keyof typeof TEXT_BY_CODE>([
  'VALIDATION_FAILED',
  'NOT_A_MEMBER',
  'POINTS_INSUFFICIENT',
  'REWARD_OUT_OF_STOCK',
  'REWARD_UNAVAILABLE',
  'TIER_NOT_ELIGIBLE',
  'CONFLICT',
  'REQUEST_ID_REUSED',
]);

const HAS_CHINESE = /[\u4e00-\u9fff]/;
const FALLBACK_TEXT = '操作失败，请稍后重试';

export function errorText(error: CloudError | null | undefined): string {
  if (!error) return FALLBACK_TEXT;
  if (error.code === 'VALIDATION_FAILED' && error.message.trim()) return error.message;
  if (EXPLAINED_BY_SERVER.has(error.code) && HAS_CHINESE.test(error.message)) return error.message;
  return textOf(error.code) ?? FALLBACK_TEXT;
}

/**
 * errorText for an area whose codes are its own (orders: out of stock, coupon unusable, ...): the
 * server's Chinese sentence for one of them, else the area's fixed sentence. Those tables live with
 * the area's pages, in their subpackage, rather than here in the main package.
 */
export function errorTextFor(error: CloudError | null | undefined, ownTexts: Readonly<Record<string, string>>): string {
  if (error && Object.prototype.hasOwnProperty.call(ownTexts, error.code)) {
    return HAS_CHINESE.test(error.message) ? error.message : ownTexts[error.code];
  }
  return errorText(error);
}
