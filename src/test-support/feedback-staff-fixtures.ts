import type { FeedbackBoardColumn, FeedbackPostDetail, FeedbackStatsView, StaffPostView } from '@/packages/admin/store';
import type { FeedbackConfigView } from '@/packages/admin/feedback/feedback-settings-form-model';
import { refusal } from './replies';

// jest only: the admin function's answers for 吐槽审核 and 反馈处理.

let serial = 0;
/** A post id as the server makes them (fb_ + 12 hex). */
export const postId = (n: number) => `fb_${n.toString(16).padStart(12, '0')}`;

export const staffPost = (over: Partial<StaffPostView> = {}): StaffPostView => ({
  id: postId(++serial),
  category: 'product',
  categoryName: '产品',
  text: '燕麦拿铁太甜了，希望可以选少糖',
  images: [],
  review: 'pending',
  reviewName: '审核中',
  reviewReason: null,
  status: 'open',
  statusName: '待处理',
  mergedInto: null,
  votes: 0,
  replyCount: 0,
  product: null,
  orderLabel: null,
  reward: null,
  createdAt: '2025-04-01T01:00:00.000Z',
  publishedAt: null,
  author: { nickname: '小满', tierName: '已购会员', tier: 'buyer', orders: 3, posts: 2 },
  textCheck: { suggest: 'pass', labelName: null },
  imageChecks: [],
  waitingMinutes: 35,
  followers: 0,
  ...over,
});

export const publishedPost = (over: Partial<StaffPostView> = {}): StaffPostView =>
  staffPost({ review: 'published', reviewName: '已公开', publishedAt: '2025-04-01T02:00:00.000Z', waitingMinutes: null, ...over });

export const REJECT_TEMPLATES = ['内容与品牌无关', '含有广告或联系方式'];

export const postDetail = (over: Partial<FeedbackPostDetail> = {}): FeedbackPostDetail => ({
  post: staffPost(),
  replies: [],
  statusMoves: [],
  rejectTemplates: REJECT_TEMPLATES,
  defaultRewardPoints: 200,
  canReward: false,
  rewardCap: 100_000,
  ...over,
});

const COLUMN_NAMES: Array<[FeedbackBoardColumn['status'], string]> = [
  ['open', '待处理'],
  ['acknowledged', '已收到'],
  ['planned', '已计划'],
  ['in_progress', '处理中'],
  ['resolved', '已解决'],
  ['declined', '暂不采纳'],
];

/** The board with `posts` in their status's column (the counts as given, else the posts'). */
export function boardColumns(posts: StaffPostView[], counts: Partial<Record<FeedbackBoardColumn['status'], number>> = {}): FeedbackBoardColumn[] {
  return COLUMN_NAMES.map(([status, name]) => {
    const mine = posts.filter((post) => post.status === status);
    return { status, name, count: counts[status] ?? mine.length, posts: mine };
  });
}

export const feedbackStats = (over: Partial<FeedbackStatsView> = {}): FeedbackStatsView => ({
  waitingReview: 3,
  openByCategory: [
    { category: 'product', name: '产品', count: 2 },
    { category: 'service', name: '服务', count: 0 },
    { category: 'logistics', name: '物流', count: 1 },
    { category: 'price', name: '价格', count: 0 },
    { category: 'suggestion', name: '建议', count: 0 },
    { category: 'other', name: '其他', count: 0 },
  ],
  openByAge: [
    { key: 'day', name: '1 天内', count: 1 },
    { key: 'week', name: '1–7 天', count: 2 },
    { key: 'month', name: '7–30 天', count: 0 },
    { key: 'older', name: '30 天以上', count: 0 },
  ],
  ...over,
});

export const feedbackSettingsView = (over: Partial<FeedbackConfigView> = {}): FeedbackConfigView => ({
  config: {
    autoPublishFromTier: null,
    limits: { posts: 5, images: 9, votes: 100 },
    rejectTemplates: REJECT_TEMPLATES,
    defaultRewardPoints: 200,
  },
  version: 2,
  isDefault: false,
  updatedAt: '2025-03-01T00:00:00.000Z',
  updatedBy: 'demo-admin',
  ...over,
});

/** 吐槽中心设置 refused field by field, as core/feedback/feedback.config.ts words it. */
export const FEEDBACK_SETTINGS_REFUSAL = refusal('VALIDATION_FAILED', '吐槽中心设置有误：…', [
  ['limits.posts', '每日发帖数最多 50'],
  ['rejectTemplates.1', '驳回理由至少 2 个字'],
]);
