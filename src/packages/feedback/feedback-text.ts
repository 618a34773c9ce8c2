import type { FeedbackErrorCode } from '@core/feedback/feedback.errors';
import type { CloudError } from '@/services/cloud-result';
import { errorTextFor } from '@/utils/error-text';
import { formatLocalDateTime } from '@/utils/date';
import { fieldDetailsOf } from '@/utils/field-errors';
import type { BoardSort, Category, PostStatus, PostView } from '@/services/feedback';
import type { CategoryFilter, StatusFilter } from './board.slice';

// How the complaint center's pages word what the server sends. Display only: who may see a post,
// its status and every refusal are the server's; these name them for the filters and badges.

/** Refusals of the feedback function when its message is not in Chinese (the server's own is shown otherwise). */
const FEEDBACK_ERROR_TEXT = {
  FEEDBACK_CONTENT_RISKY: '内容未通过安全检测，请修改后再提交',
  FEEDBACK_DAILY_LIMIT: '今天的次数已用完，明天再来吧',
  FEEDBACK_IMAGE_INVALID: '图片无效，请重新上传',
  FEEDBACK_ORDER_NOT_YOURS: '只能关联你自己的订单',
  FEEDBACK_WRONG_STATE: '这条反馈的状态已变化，请刷新后重试',
  FEEDBACK_CHECK_UNAVAILABLE: '内容安全检测暂不可用，请稍后再试',
  NOT_A_MEMBER: '加入会员后即可参与吐槽中心',
} satisfies Record<FeedbackErrorCode | 'NOT_A_MEMBER', string>;

export const feedbackErrorText = (error: CloudError | null | undefined): string => errorTextFor(error, FEEDBACK_ERROR_TEXT);

/** The categories in the server's order (keyed by its vocabulary: a new one is a type error here). */
export const CATEGORY_LABEL: Record<Category, string> = {
  product: '产品',
  service: '服务',
  logistics: '物流',
  price: '价格',
  suggestion: '建议',
  other: '其他',
};
export const CATEGORY_KEYS = Object.keys(CATEGORY_LABEL) as Category[];

/** The statuses a member filters the board by (合并的帖子 are never listed on their own). */
export const STATUS_LABEL: Record<Exclude<StatusFilter, 'all'>, string> = {
  open: '待处理',
  acknowledged: '已收到',
  planned: '已计划',
  in_progress: '处理中',
  resolved: '已解决',
  declined: '暂不采纳',
};

export const CATEGORY_TABS: { key: CategoryFilter; label: string }[] = [
  { key: 'all', label: '全部' },
  ...CATEGORY_KEYS.map((key) => ({ key, label: CATEGORY_LABEL[key] })),
];
export const STATUS_CHIPS: { key: StatusFilter; label: string }[] = [
  { key: 'all', label: '全部' },
  ...(Object.keys(STATUS_LABEL) as (keyof typeof STATUS_LABEL)[]).map((key) => ({ key, label: STATUS_LABEL[key] })),
];
export const SORT_LABEL: Record<BoardSort, string> = { new: '最新', votes: '最多「我也是」' };

/** The tone of a status badge: done, being worked on, waiting, or closed without change. */
export function statusTone(status: PostStatus): 'ok' | 'active' | 'waiting' | 'muted' {
  if (status === 'resolved') return 'ok';
  if (status === 'planned' || status === 'in_progress' || status === 'acknowledged') return 'active';
  if (status === 'open') return 'waiting';
  return 'muted';
}

/** For the author: who can see the post, in words (审核中 / 已公开 / 未通过：reason / 已隐藏：reason). */
export function reviewText(post: Pick<PostView, 'review' | 'reviewName' | 'reviewReason'>): string {
  if ((post.review === 'rejected' || post.review === 'hidden') && post.reviewReason) return `${post.reviewName}：${post.reviewReason}`;
  return post.reviewName;
}

/** What the author reads under the review badge: what happens next. */
export const REVIEW_HINT: Record<PostView['review'], string> = {
  pending: '审核通过后其他会员即可看到',
  published: '其他会员可以看到并点「我也是」',
  rejected: '其他会员看不到这条反馈，可修改后重新发布',
  hidden: '这条反馈已对其他会员隐藏',
};

export const postTimeText = (post: Pick<PostView, 'publishedAt' | 'createdAt'>): string => formatLocalDateTime(post.publishedAt ?? post.createdAt);

export const rewardText = (points: number): string => `已采纳 · 奖励 ${points} 积分`;

/** Where the form shows a refusal of 提交: by the field it is about, or above the button. */
export interface SendErrors {
  category?: string;
  text?: string;
  images?: string;
  order?: string;
  form?: string;
}

const FIELD_OF_PATH: Array<[RegExp, keyof SendErrors]> = [
  [/^category$/, 'category'],
  [/^text$/, 'text'],
  [/^images(\.|$)/, 'images'],
  [/^(orderId|productId)$/, 'order'],
];

/** A refusal of 提交, placed by field: risky text by the text, a bad image by the photos, a validation detail by its path. */
export function sendErrorsOf(error: CloudError | null | undefined): SendErrors {
  if (!error) return {};
  const text = feedbackErrorText(error);
  switch (error.code) {
    case 'FEEDBACK_CONTENT_RISKY':
      return { text };
    case 'FEEDBACK_IMAGE_INVALID':
      return { images: text };
    case 'FEEDBACK_ORDER_NOT_YOURS':
      return { order: text };
    case 'VALIDATION_FAILED': {
      const details = fieldDetailsOf(error);
      if (details.length === 0) return { form: text };
      const out: SendErrors = {};
      for (const { path, message } of details) {
        const field = FIELD_OF_PATH.find(([pattern]) => pattern.test(path))?.[1] ?? 'form';
        out[field] ??= message;
      }
      return out;
    }
    default:
      return { form: text };
  }
}
