import type { CloudError } from '@/services/cloud-result';
import type { Category, CheckSuggest, Review } from '@core/feedback/feedback.model';
import type { FeedbackErrorCode } from '@core/feedback/feedback.errors';
import { staffErrorText } from '../shared/admin-text';
import type { ModerateDecision, QueueReview, StaffPostView } from './feedback.slice';

// How 吐槽审核 words what the admin function sends: waiting times, the automatic checks, the
// author's history, which review decisions a post's state allows. Display only: the server
// decides (core/feedback/feedback.rules.ts) and refuses what does not apply.

/** The categories in the server's order (keyed by core's Category: a new one is a compile error here). */
const CATEGORY_LABELS = {
  product: '产品',
  service: '服务',
  logistics: '物流',
  price: '价格',
  suggestion: '建议',
  other: '其他',
} satisfies Record<Category, string>;

export const FEEDBACK_CATEGORIES = Object.entries(CATEGORY_LABELS).map(([key, label]) => ({ key: key as Category, label }));

/** '刚刚提交', '等待 35 分钟', '等待 2 小时', '等待 3 天'. */
export function waitingText(minutes: number | null): string {
  if (minutes === null) return '';
  if (minutes < 1) return '刚刚提交';
  if (minutes < 60) return `等待 ${minutes} 分钟`;
  if (minutes < 24 * 60) return `等待 ${Math.floor(minutes / 60)} 小时`;
  return `等待 ${Math.floor(minutes / (24 * 60))} 天`;
}

export type CheckTone = 'ok' | 'denied' | 'failed' | 'plain';

/** '文字：通过' / '文字：需人工复核（疑似广告）'. */
export function textCheckText(check: StaffPostView['textCheck']): { text: string; tone: CheckTone } {
  if (check.suggest === 'pass') return { text: '文字：通过', tone: 'ok' };
  return { text: `文字：需人工复核${check.labelName ? `（疑似${check.labelName}）` : ''}`, tone: 'denied' };
}

/** The images' combined verdict: risky if any is, checking while any is; null without images. */
export function imageCheckText(checks: StaffPostView['imageChecks']): { text: string; tone: CheckTone } | null {
  if (checks.length === 0) return null;
  const verdicts = checks.map((c) => c.check);
  const named = (suggest: CheckSuggest) => checks.find((c) => c.check === suggest && c.labelName)?.labelName;
  if (verdicts.includes('risky')) {
    const label = named('risky');
    return { text: `图片：有风险（${label ? `疑似${label}，` : ''}已隐藏）`, tone: 'failed' };
  }
  if (verdicts.includes('pending')) return { text: '图片：检测中', tone: 'plain' };
  if (verdicts.includes('review')) {
    const label = named('review');
    return { text: `图片：需人工复核${label ? `（疑似${label}）` : ''}`, tone: 'denied' };
  }
  return { text: '图片：通过', tone: 'ok' };
}

/** '已下单 3 次 · 发帖 2 条'. */
export const authorHistoryText = (author: StaffPostView['author']): string => `已下单 ${author.orders} 次 · 发帖 ${author.posts} 条`;

/** The review decisions a post's state allows (the server's REVIEW_MOVES, for showing buttons only). */
const DECISIONS_BY_REVIEW: Record<Review, readonly ModerateDecision[]> = {
  pending: ['approve', 'reject', 'hide'],
  published: ['hide'],
  rejected: ['approve'],
  hidden: ['restore'],
};

export const reviewDecisions = (review: Review): readonly ModerateDecision[] => DECISIONS_BY_REVIEW[review];

export const DECISION_LABELS: Record<ModerateDecision, string> = { approve: '通过', reject: '驳回', hide: '隐藏', restore: '恢复' };

/** What staff read once a decision went through. */
export const DECISION_DONE: Record<ModerateDecision, string> = {
  approve: '已通过，反馈已公开',
  reject: '已驳回，作者会看到理由',
  hide: '已隐藏，其他会员不再看到',
  restore: '已恢复公开',
};

/** The lists under 审核: the queue, and the posts set aside that staff may restore or take a second look at. */
export const QUEUE_LISTS: ReadonlyArray<{
  key: QueueReview;
  label: string;
  hint: string;
  empty: string;
  emptyHint: string;
  failed: string;
  /** What a tap on a card leads to, in words (set-aside lists only: the queue's cards have buttons). */
  open?: string;
}> = [
  {
    key: 'pending',
    label: '待审核',
    hint: '最早提交的在前；通过后对所有会员公开，驳回和隐藏会告诉作者理由。',
    empty: '审核队列已清空',
    emptyHint: '新的反馈提交后会出现在这里。',
    failed: '审核队列加载失败',
  },
  {
    key: 'hidden',
    label: '已隐藏',
    hint: '最近处理的在前；其他会员看不到这些反馈。点开一条可以恢复公开。',
    empty: '没有已隐藏的反馈',
    emptyHint: '工作人员隐藏的、图片未通过检测的反馈会出现在这里。',
    failed: '已隐藏的反馈加载失败',
    open: '查看并恢复 ›',
  },
  {
    key: 'rejected',
    label: '未通过',
    hint: '最近处理的在前；只有作者能看到这些反馈。点开一条可以复核，需要时改为通过。',
    empty: '没有未通过的反馈',
    emptyHint: '审核时驳回的反馈会出现在这里。',
    failed: '未通过的反馈加载失败',
    open: '查看并复核 ›',
  },
];

export const queueListOf = (review: QueueReview) => QUEUE_LISTS.find((list) => list.key === review)!;

/** '隐藏原因：图片未通过内容安全检测' / '驳回理由：含有广告或联系方式'; null for a post not set aside. */
export function setAsideReasonText(post: Pick<StaffPostView, 'review' | 'reviewReason'>): string | null {
  if (post.review !== 'hidden' && post.review !== 'rejected') return null;
  return `${post.review === 'hidden' ? '隐藏原因' : '驳回理由'}：${post.reviewReason?.trim() || '未注明'}`;
}

/** The server's rules for a reject or hide reason (core/feedback/feedback.inputs.ts), said before sending. */
export const REASON_MIN = 2;
export const REASON_MAX = 60;

export function reasonProblem(reason: string, decision: 'reject' | 'hide'): string {
  const text = reason.trim();
  const what = decision === 'reject' ? '驳回理由' : '隐藏原因';
  if (!text) return `请填写${what}`;
  if (Array.from(text).length < REASON_MIN) return `${what}至少 ${REASON_MIN} 个字`;
  if (Array.from(text).length > REASON_MAX) return `${what}最多 ${REASON_MAX} 个字`;
  return '';
}

/** The complaint center's refusals, when the server's message is not in Chinese. */
const FEEDBACK_ERROR_TEXT = {
  FEEDBACK_WRONG_STATE: '该反馈当前状态不允许此操作，已刷新',
  FEEDBACK_CONTENT_RISKY: '内容未通过安全检测，请修改后再提交',
  FEEDBACK_DAILY_LIMIT: '今天的次数已用完',
  FEEDBACK_IMAGE_INVALID: '图片有误',
  FEEDBACK_ORDER_NOT_YOURS: '订单有误',
  FEEDBACK_CHECK_UNAVAILABLE: '内容检测暂时不可用，请稍后重试',
} satisfies Record<FeedbackErrorCode, string>;

const HAS_CHINESE = /[\u4e00-\u9fff]/;

/** A refusal of a staff action on feedback: the server's sentence (it names the state), else a fixed one. */
export function feedbackErrorText(error: CloudError | null | undefined): string {
  if (error && Object.prototype.hasOwnProperty.call(FEEDBACK_ERROR_TEXT, error.code)) {
    return HAS_CHINESE.test(error.message) ? error.message : FEEDBACK_ERROR_TEXT[error.code as FeedbackErrorCode];
  }
  return staffErrorText(error);
}
