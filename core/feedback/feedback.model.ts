/**
 * The complaint center (吐槽中心): members post feedback, others say "我也是", staff moderate,
 * answer in public, move each post through its status and reward adopted ideas.
 *
 * Two independent axes on a post:
 *  - `review` — who may see it (WeChat requires a person to look before others do):
 *    pending -> published | rejected; published <-> hidden; rejected -> published (on a second look).
 *  - `status` — what the brand does about it, public once published:
 *    open -> acknowledged -> planned -> in_progress -> resolved; declined; duplicate (by merging).
 */
import type { Tier } from '../members/tiers';

export const POSTS = 'feedback_posts';
export const VOTES = 'feedback_votes';
export const FOLLOWS = 'feedback_follows';
export const REPLIES = 'feedback_replies';
/** One document per member and China day: that member's posts, images and votes that day. */
export const DAILY = 'feedback_daily';

export const CATEGORIES = ['product', 'service', 'logistics', 'price', 'suggestion', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_NAMES: Record<Category, string> = {
  product: '产品',
  service: '服务',
  logistics: '物流',
  price: '价格',
  suggestion: '建议',
  other: '其他',
};

export const REVIEWS = ['pending', 'published', 'rejected', 'hidden'] as const;
export type Review = (typeof REVIEWS)[number];
export const REVIEW_NAMES: Record<Review, string> = {
  pending: '审核中',
  published: '已公开',
  rejected: '未通过',
  hidden: '已隐藏',
};

export const STATUSES = ['open', 'acknowledged', 'planned', 'in_progress', 'resolved', 'declined', 'duplicate'] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_NAMES: Record<Status, string> = {
  open: '待处理',
  acknowledged: '已收到',
  planned: '已计划',
  in_progress: '处理中',
  resolved: '已解决',
  declined: '暂不采纳',
  duplicate: '已合并',
};

/** Text limits (characters, as a person counts them: code points). */
export const TEXT_MIN = 5;
export const TEXT_MAX = 500;
export const REPLY_MAX = 500;
export const MAX_IMAGES = 3;
export const IMAGE_MAX_BYTES = 2 * 1024 * 1024;
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** WeChat's content check verdicts (msgSecCheck / mediaCheckAsync v2 `result.suggest`). */
export type CheckSuggest = 'pass' | 'review' | 'risky';

/** One attached image: where it is, and what the asynchronous media check said (pending until its event arrives). */
export interface PostImage {
  fileId: string;
  type: ImageType;
  bytes: number;
  /** mediaCheckAsync's trace id; its verdict event is matched on it (never shown to clients). */
  traceId: string | null;
  check: 'pending' | CheckSuggest;
  label: number | null;
}

export interface PostDoc {
  /** fb_ + 12 hex. */
  _id: string;
  authorId: string;
  /** The nickname as it was when posting, masked (周周 -> 周*): what every other member sees. */
  authorMasked: string;
  /** The author's ladder step when posting (the badge beside the name). */
  authorTier: Tier;
  category: Category;
  text: string;
  images: PostImage[];
  /** The author's own order it is about (only the author and staff see which). */
  orderId: string | null;
  /** The product it is about (from the order's first line, or chosen): public. */
  productId: string | null;
  productName: string | null;
  review: Review;
  /** The text check's verdict: 'review' always goes to a person, whatever the settings. */
  textCheck: { suggest: 'pass' | 'review'; label: number | null; traceId: string | null };
  /** Why a person (or the image check) rejected or hid it: shown to the author. */
  reviewReason: string | null;
  status: Status;
  /** Set when merged as a duplicate: the post that carries its votes and followers now. */
  mergedInto: string | null;
  /** "我也是" count, recounted from the vote documents (never incremented by voters: see feedback.votes.ts). */
  votes: number;
  replyCount: number;
  /** Points given for an adopted idea (once per post). */
  reward: { points: number; at: Date; by: string } | null;
  createdAt: Date;
  /** When it was last published (first approval or auto-publish); null while never shown. */
  publishedAt: Date | null;
  updatedAt: Date;
  /** Bumped by every change the author is told about: makes each message's key unique. */
  rev: number;
  /** Set when resolved: the followers still to be sent "resolved" (the job pages through them from `after`). */
  followersNotice?: { rev: number; after: string | null } | null;
}

/** One member's "我也是" on one post: _id derived from both, so a member has at most one. */
export interface VoteDoc {
  _id: string;
  postId: string;
  memberId: string;
  /** False once taken back (the document stays, so the recount job sees the change). */
  on: boolean;
  /** When last set on or off. */
  at: Date;
  /** Carried over from a merged duplicate (the voter is counted once on the target). */
  mergedFrom: string | null;
}

export interface FollowDoc {
  _id: string;
  postId: string;
  memberId: string;
  at: Date;
}

export interface ReplyDoc {
  _id: string;
  postId: string;
  staffId: string;
  text: string;
  at: Date;
}

export interface DailyDoc {
  _id: string;
  memberId: string;
  day: string;
  posts: number;
  images: number;
  votes: number;
}

// ---------------------------------------------------------------------------------------------
// What clients receive. No member id, openid or file id; images as temporary URLs.

export interface PostView {
  id: string;
  category: Category;
  categoryName: string;
  text: string;
  images: { url: string }[];
  author: { name: string; tierName: string; tier: Tier };
  mine: boolean;
  review: Review;
  reviewName: string;
  /** Only on the author's own posts (and staff views). */
  reviewReason: string | null;
  status: Status;
  statusName: string;
  mergedInto: string | null;
  votes: number;
  myVote: boolean;
  following: boolean;
  replyCount: number;
  product: { id: string; name: string } | null;
  /** Only on the author's own posts: which of their orders it is about, in words. */
  orderLabel: string | null;
  reward: { points: number } | null;
  createdAt: string;
  publishedAt: string | null;
}

export interface ReplyView {
  id: string;
  text: string;
  at: string;
  /** Always true for now: only staff reply, as the brand (官方回复). */
  official: true;
}

/** What the compose page needs: the categories, today's allowance, and the member's orders to link. */
export interface ComposeInfo {
  categories: { key: Category; name: string }[];
  limits: { posts: number; images: number; votes: number };
  usedToday: { posts: number; images: number; votes: number };
  /** Whether a person reviews this member's posts before others see them. */
  reviewed: boolean;
  orders: { id: string; label: string; productId: string | null; productName: string | null }[];
}

/** A post as staff see it in the queue and detail: the author in full (nickname, step, history), the checks' verdicts. */
export interface StaffPostView extends Omit<PostView, 'mine' | 'myVote' | 'following' | 'author'> {
  author: { nickname: string; tierName: string; tier: Tier; orders: number; posts: number };
  textCheck: { suggest: 'pass' | 'review'; labelName: string | null };
  imageChecks: { check: 'pending' | CheckSuggest; labelName: string | null }[];
  waitingMinutes: number | null;
  orderLabel: string | null;
  followers: number;
}
