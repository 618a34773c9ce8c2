import type { ComposeInfo, PostView, ReplyView, ThreadView } from '@/services/feedback';

// jest only: server answers of the feedback function.

export const POST_ID = 'fb_0123456789ab';

export const postView = (over: Partial<PostView> = {}): PostView => ({
  id: POST_ID,
  category: 'product',
  categoryName: '产品',
  text: '挂耳咖啡的包装太难撕开了，希望改进',
  images: [],
  author: { name: '小*', tierName: '已购会员', tier: 'buyer' },
  mine: false,
  review: 'published',
  reviewName: '已公开',
  reviewReason: null,
  status: 'open',
  statusName: '待处理',
  mergedInto: null,
  votes: 3,
  myVote: false,
  following: false,
  replyCount: 0,
  product: null,
  orderLabel: null,
  reward: null,
  createdAt: '2025-04-01T01:00:00.000Z',
  publishedAt: '2025-04-01T02:00:00.000Z',
  ...over,
});

export const replyView = (over: Partial<ReplyView> = {}): ReplyView => ({
  id: 'rp_1',
  text: '感谢反馈，新包装下月上线',
  at: '2025-04-02T03:00:00.000Z',
  official: true,
  ...over,
});

export const thread = (post: Partial<PostView> = {}, replies: ReplyView[] = []): ThreadView => ({ post: postView(post), replies });

export const composeInfo = (over: Partial<ComposeInfo> = {}): ComposeInfo => ({
  categories: [
    { key: 'product', name: '产品' },
    { key: 'service', name: '服务' },
    { key: 'logistics', name: '物流' },
    { key: 'price', name: '价格' },
    { key: 'suggestion', name: '建议' },
    { key: 'other', name: '其他' },
  ],
  limits: { posts: 5, images: 9, votes: 100 },
  usedToday: { posts: 1, images: 0, votes: 0 },
  reviewed: true,
  orders: [{ id: 'O100', label: '2025-03-30 10:00 · 挂耳咖啡 等 2 件', productId: 'p-drip', productName: '挂耳咖啡' }],
  ...over,
});

export const FILE_ID = (n: number) => `cloud://flywheel-local.666c/feedback/0123456789abcdef/20250401-00000000000${n}.jpg`;
